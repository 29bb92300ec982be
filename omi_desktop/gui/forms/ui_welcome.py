# generated — do not edit: compiled from ui/welcome.ui by `python -m omi_desktop.gui.compile_forms`
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'welcome.ui'
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
from PySide6.QtWidgets import (QApplication, QCommandLinkButton, QHBoxLayout, QLabel,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_WelcomePage(object):
    def setupUi(self, WelcomePage):
        if not WelcomePage.objectName():
            WelcomePage.setObjectName(u"WelcomePage")
        WelcomePage.resize(900, 600)
        self.outerLayout = QHBoxLayout(WelcomePage)
        self.outerLayout.setObjectName(u"outerLayout")
        self.leftSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outerLayout.addItem(self.leftSpacer)

        self.column = QVBoxLayout()
        self.column.setSpacing(12)
        self.column.setObjectName(u"column")
        self.topSpacer = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.column.addItem(self.topSpacer)

        self.title = QLabel(WelcomePage)
        self.title.setObjectName(u"title")

        self.column.addWidget(self.title)

        self.subtitle = QLabel(WelcomePage)
        self.subtitle.setObjectName(u"subtitle")
        self.subtitle.setWordWrap(True)

        self.column.addWidget(self.subtitle)

        self.demoButton = QCommandLinkButton(WelcomePage)
        self.demoButton.setObjectName(u"demoButton")

        self.column.addWidget(self.demoButton)

        self.importButton = QCommandLinkButton(WelcomePage)
        self.importButton.setObjectName(u"importButton")

        self.column.addWidget(self.importButton)

        self.openFolderButton = QCommandLinkButton(WelcomePage)
        self.openFolderButton.setObjectName(u"openFolderButton")

        self.column.addWidget(self.openFolderButton)

        self.folderLabel = QLabel(WelcomePage)
        self.folderLabel.setObjectName(u"folderLabel")
        self.folderLabel.setText(u"Data folder:")
        self.folderLabel.setWordWrap(True)
        self.folderLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.column.addWidget(self.folderLabel)

        self.bottomSpacer = QSpacerItem(20, 40, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.column.addItem(self.bottomSpacer)


        self.outerLayout.addLayout(self.column)

        self.rightSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.outerLayout.addItem(self.rightSpacer)

        QWidget.setTabOrder(self.demoButton, self.importButton)
        QWidget.setTabOrder(self.importButton, self.openFolderButton)

        self.retranslateUi(WelcomePage)

        QMetaObject.connectSlotsByName(WelcomePage)
    # setupUi

    def retranslateUi(self, WelcomePage):
#if QT_CONFIG(accessibility)
        WelcomePage.setAccessibleName(QCoreApplication.translate("WelcomePage", u"Welcome", None))
#endif // QT_CONFIG(accessibility)
        self.title.setText(QCoreApplication.translate("WelcomePage", u"Welcome to OMI Desktop", None))
        self.subtitle.setText(QCoreApplication.translate("WelcomePage", u"There are no inspections in this data folder yet. Choose how to start.", None))
#if QT_CONFIG(accessibility)
        self.demoButton.setAccessibleName(QCoreApplication.translate("WelcomePage", u"Open the training inspection", None))
#endif // QT_CONFIG(accessibility)
        self.demoButton.setText(QCoreApplication.translate("WelcomePage", u"Open the training inspection", None))
        self.demoButton.setDescription(QCoreApplication.translate("WelcomePage", u"A fictional area with 100 synthetic cases, labelled TRAINING DATA everywhere. Practise the review screen freely: nothing here is real.", None))
#if QT_CONFIG(accessibility)
        self.importButton.setAccessibleName(QCoreApplication.translate("WelcomePage", u"Import assignment", None))
#endif // QT_CONFIG(accessibility)
        self.importButton.setText(QCoreApplication.translate("WelcomePage", u"Import assignment\u2026", None))
        self.importButton.setDescription(QCoreApplication.translate("WelcomePage", u"Import the cases head office allocated to you, from the assignment file you were given.", None))
#if QT_CONFIG(accessibility)
        self.openFolderButton.setAccessibleName(QCoreApplication.translate("WelcomePage", u"Open data folder", None))
#endif // QT_CONFIG(accessibility)
        self.openFolderButton.setText(QCoreApplication.translate("WelcomePage", u"Open data folder\u2026", None))
        self.openFolderButton.setDescription(QCoreApplication.translate("WelcomePage", u"Use OMI data kept in another folder, for example on an encrypted drive.", None))
    # retranslateUi

