# generated — do not edit: compiled from ui/main_window.ui by `python -m omi_desktop.gui.compile_forms`
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
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
from PySide6.QtWidgets import (QApplication, QLabel, QMainWindow, QMenuBar,
    QSizePolicy, QSplitter, QStackedWidget, QStatusBar,
    QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1280, 720)
        self.centralwidget = QWidget(MainWindow)
        self.centralwidget.setObjectName(u"centralwidget")
        self.centralLayout = QVBoxLayout(self.centralwidget)
        self.centralLayout.setSpacing(0)
        self.centralLayout.setObjectName(u"centralLayout")
        self.centralLayout.setContentsMargins(0, 0, 0, 0)
        self.trainingBanner = QLabel(self.centralwidget)
        self.trainingBanner.setObjectName(u"trainingBanner")
        self.trainingBanner.setVisible(False)
        self.trainingBanner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.trainingBanner.setWordWrap(True)

        self.centralLayout.addWidget(self.trainingBanner)

        self.pages = QStackedWidget(self.centralwidget)
        self.pages.setObjectName(u"pages")
        self.welcomePage = QWidget()
        self.welcomePage.setObjectName(u"welcomePage")
        self.welcomeLayout = QVBoxLayout(self.welcomePage)
        self.welcomeLayout.setObjectName(u"welcomeLayout")
        self.welcomeLayout.setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self.welcomePage)
        self.inspectionPage = QWidget()
        self.inspectionPage.setObjectName(u"inspectionPage")
        self.inspectionLayout = QVBoxLayout(self.inspectionPage)
        self.inspectionLayout.setObjectName(u"inspectionLayout")
        self.inspectionLayout.setContentsMargins(6, 6, 6, 0)
        self.splitter = QSplitter(self.inspectionPage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.caseHost = QWidget(self.splitter)
        self.caseHost.setObjectName(u"caseHost")
        self.caseHostLayout = QVBoxLayout(self.caseHost)
        self.caseHostLayout.setObjectName(u"caseHostLayout")
        self.caseHostLayout.setContentsMargins(0, 0, 0, 0)
        self.splitter.addWidget(self.caseHost)
        self.reviewHost = QWidget(self.splitter)
        self.reviewHost.setObjectName(u"reviewHost")
        self.reviewHostLayout = QVBoxLayout(self.reviewHost)
        self.reviewHostLayout.setObjectName(u"reviewHostLayout")
        self.reviewHostLayout.setContentsMargins(0, 0, 0, 0)
        self.splitter.addWidget(self.reviewHost)

        self.inspectionLayout.addWidget(self.splitter)

        self.pages.addWidget(self.inspectionPage)

        self.centralLayout.addWidget(self.pages)

        MainWindow.setCentralWidget(self.centralwidget)
        self.menubar = QMenuBar(MainWindow)
        self.menubar.setObjectName(u"menubar")
        MainWindow.setMenuBar(self.menubar)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        MainWindow.setStatusBar(self.statusbar)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"OMI Desktop", None))
#if QT_CONFIG(accessibility)
        self.trainingBanner.setAccessibleName(QCoreApplication.translate("MainWindow", u"Training data notice", None))
#endif // QT_CONFIG(accessibility)
        self.trainingBanner.setText(QCoreApplication.translate("MainWindow", u"TRAINING DATA \u2014 a fictional area with synthetic cases, for practice only.", None))
    # retranslateUi

