# generated — do not edit: compiled from ui/finalise_dialog.ui by `python -m omi_desktop.gui.compile_forms`
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'finalise_dialog.ui'
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
    QHeaderView, QLabel, QSizePolicy, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_FinaliseDialog(object):
    def setupUi(self, FinaliseDialog):
        if not FinaliseDialog.objectName():
            FinaliseDialog.setObjectName(u"FinaliseDialog")
        FinaliseDialog.resize(620, 420)
        self.layout = QVBoxLayout(FinaliseDialog)
        self.layout.setObjectName(u"layout")
        self.message = QLabel(FinaliseDialog)
        self.message.setObjectName(u"message")
        self.message.setText(u"")
        self.message.setWordWrap(True)

        self.layout.addWidget(self.message)

        self.missingList = QTreeWidget(FinaliseDialog)
        self.missingList.setObjectName(u"missingList")
        self.missingList.setRootIsDecorated(False)
        self.missingList.setUniformRowHeights(True)
        self.missingList.setWordWrap(False)

        self.layout.addWidget(self.missingList)

        self.buttons = QDialogButtonBox(FinaliseDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel)

        self.layout.addWidget(self.buttons)


        self.retranslateUi(FinaliseDialog)

        QMetaObject.connectSlotsByName(FinaliseDialog)
    # setupUi

    def retranslateUi(self, FinaliseDialog):
        FinaliseDialog.setWindowTitle(QCoreApplication.translate("FinaliseDialog", u"Finalise the review", None))
        ___qtreewidgetitem = self.missingList.headerItem()
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("FinaliseDialog", u"Needed because", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("FinaliseDialog", u"Question", None))
#if QT_CONFIG(accessibility)
        self.missingList.setAccessibleName(QCoreApplication.translate("FinaliseDialog", u"What is still needed", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

