# generated — do not edit: compiled from ui/hq_allocation_dialog.ui by `python -m omi_desktop.gui.compile_forms`
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'hq_allocation_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QTableView,
    QVBoxLayout, QWidget)

class Ui_HqAllocationDialog(object):
    def setupUi(self, HqAllocationDialog):
        if not HqAllocationDialog.objectName():
            HqAllocationDialog.setObjectName(u"HqAllocationDialog")
        HqAllocationDialog.resize(1180, 680)
        self.layout = QVBoxLayout(HqAllocationDialog)
        self.layout.setObjectName(u"layout")
        self.summary = QLabel(HqAllocationDialog)
        self.summary.setObjectName(u"summary")
        self.summary.setText(u"")
        self.summary.setWordWrap(True)

        self.layout.addWidget(self.summary)

        self.splitter = QSplitter(HqAllocationDialog)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.loadsPane = QWidget(self.splitter)
        self.loadsPane.setObjectName(u"loadsPane")
        self.loadsLayout = QVBoxLayout(self.loadsPane)
        self.loadsLayout.setObjectName(u"loadsLayout")
        self.loadsLayout.setContentsMargins(0, 0, 0, 0)
        self.loadsLabel = QLabel(self.loadsPane)
        self.loadsLabel.setObjectName(u"loadsLabel")

        self.loadsLayout.addWidget(self.loadsLabel)

        self.loadsView = QTableView(self.loadsPane)
        self.loadsView.setObjectName(u"loadsView")

        self.loadsLayout.addWidget(self.loadsView)

        self.splitter.addWidget(self.loadsPane)
        self.casesPane = QWidget(self.splitter)
        self.casesPane.setObjectName(u"casesPane")
        self.casesLayout = QVBoxLayout(self.casesPane)
        self.casesLayout.setObjectName(u"casesLayout")
        self.casesLayout.setContentsMargins(0, 0, 0, 0)
        self.casesLabel = QLabel(self.casesPane)
        self.casesLabel.setObjectName(u"casesLabel")

        self.casesLayout.addWidget(self.casesLabel)

        self.casesView = QTableView(self.casesPane)
        self.casesView.setObjectName(u"casesView")

        self.casesLayout.addWidget(self.casesView)

        self.splitter.addWidget(self.casesPane)

        self.layout.addWidget(self.splitter)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.autoButton = QPushButton(HqAllocationDialog)
        self.autoButton.setObjectName(u"autoButton")

        self.buttonRow.addWidget(self.autoButton)

        self.redoButton = QPushButton(HqAllocationDialog)
        self.redoButton.setObjectName(u"redoButton")

        self.buttonRow.addWidget(self.redoButton)

        self.replaceButton = QPushButton(HqAllocationDialog)
        self.replaceButton.setObjectName(u"replaceButton")

        self.buttonRow.addWidget(self.replaceButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.buttons = QDialogButtonBox(HqAllocationDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.buttonRow.addWidget(self.buttons)


        self.layout.addLayout(self.buttonRow)

        self.layout.setStretch(1, 1)
#if QT_CONFIG(shortcut)
        self.loadsLabel.setBuddy(self.loadsView)
        self.casesLabel.setBuddy(self.casesView)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.casesView, self.loadsView)
        QWidget.setTabOrder(self.loadsView, self.autoButton)
        QWidget.setTabOrder(self.autoButton, self.redoButton)
        QWidget.setTabOrder(self.redoButton, self.replaceButton)

        self.retranslateUi(HqAllocationDialog)

        QMetaObject.connectSlotsByName(HqAllocationDialog)
    # setupUi

    def retranslateUi(self, HqAllocationDialog):
        HqAllocationDialog.setWindowTitle(QCoreApplication.translate("HqAllocationDialog", u"Allocate cases", None))
        self.loadsLabel.setText(QCoreApplication.translate("HqAllocationDialog", u"&Inspectors:", None))
#if QT_CONFIG(accessibility)
        self.loadsView.setAccessibleName(QCoreApplication.translate("HqAllocationDialog", u"Inspectors and their cases", None))
#endif // QT_CONFIG(accessibility)
        self.casesLabel.setText(QCoreApplication.translate("HqAllocationDialog", u"&Cases (double-click an inspector, or press F2, to change it):", None))
#if QT_CONFIG(accessibility)
        self.casesView.setAccessibleName(QCoreApplication.translate("HqAllocationDialog", u"Cases and their inspectors", None))
#endif // QT_CONFIG(accessibility)
        self.autoButton.setText(QCoreApplication.translate("HqAllocationDialog", u"Allocate &automatically", None))
        self.redoButton.setText(QCoreApplication.translate("HqAllocationDialog", u"&Start again", None))
        self.replaceButton.setText(QCoreApplication.translate("HqAllocationDialog", u"&Replace the case\u2026", None))
    # retranslateUi

