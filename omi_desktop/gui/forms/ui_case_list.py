# generated — do not edit: compiled from ui/case_list.ui by `python -m omi_desktop.gui.compile_forms`
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'case_list.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QSizePolicy,
    QTableView, QVBoxLayout, QWidget)

class Ui_CaseListPanel(object):
    def setupUi(self, CaseListPanel):
        if not CaseListPanel.objectName():
            CaseListPanel.setObjectName(u"CaseListPanel")
        CaseListPanel.resize(520, 600)
        self.layout = QVBoxLayout(CaseListPanel)
        self.layout.setObjectName(u"layout")
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.inspectionTitle = QLabel(CaseListPanel)
        self.inspectionTitle.setObjectName(u"inspectionTitle")
        self.inspectionTitle.setText(u"Inspection")
        self.inspectionTitle.setWordWrap(True)

        self.layout.addWidget(self.inspectionTitle)

        self.filterRow = QHBoxLayout()
        self.filterRow.setObjectName(u"filterRow")
        self.filterEdit = QLineEdit(CaseListPanel)
        self.filterEdit.setObjectName(u"filterEdit")
        self.filterEdit.setClearButtonEnabled(True)

        self.filterRow.addWidget(self.filterEdit)

        self.statusCombo = QComboBox(CaseListPanel)
        self.statusCombo.setObjectName(u"statusCombo")
        self.statusCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.filterRow.addWidget(self.statusCombo)


        self.layout.addLayout(self.filterRow)

        self.table = QTableView(CaseListPanel)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.verticalHeader().setVisible(False)

        self.layout.addWidget(self.table)

        self.summaryLabel = QLabel(CaseListPanel)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setText(u"")

        self.layout.addWidget(self.summaryLabel)

        QWidget.setTabOrder(self.filterEdit, self.statusCombo)
        QWidget.setTabOrder(self.statusCombo, self.table)

        self.retranslateUi(CaseListPanel)

        QMetaObject.connectSlotsByName(CaseListPanel)
    # setupUi

    def retranslateUi(self, CaseListPanel):
#if QT_CONFIG(accessibility)
        self.filterEdit.setAccessibleName(QCoreApplication.translate("CaseListPanel", u"Filter cases", None))
#endif // QT_CONFIG(accessibility)
        self.filterEdit.setPlaceholderText(QCoreApplication.translate("CaseListPanel", u"Filter: reference, manager, order, RoH\u2026", None))
#if QT_CONFIG(accessibility)
        self.statusCombo.setAccessibleName(QCoreApplication.translate("CaseListPanel", u"Show cases with status", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("CaseListPanel", u"Cases", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

