# generated — do not edit: compiled from ui/review_panel.ui by `python -m omi_desktop.gui.compile_forms`
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'review_panel.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFrame, QHBoxLayout,
    QHeaderView, QLabel, QProgressBar, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QStackedWidget,
    QTreeView, QVBoxLayout, QWidget)

class Ui_ReviewPanel(object):
    def setupUi(self, ReviewPanel):
        if not ReviewPanel.objectName():
            ReviewPanel.setObjectName(u"ReviewPanel")
        ReviewPanel.resize(800, 640)
        self.layout = QVBoxLayout(ReviewPanel)
        self.layout.setObjectName(u"layout")
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(ReviewPanel)
        self.stack.setObjectName(u"stack")
        self.emptyPage = QWidget()
        self.emptyPage.setObjectName(u"emptyPage")
        self.emptyLayout = QVBoxLayout(self.emptyPage)
        self.emptyLayout.setObjectName(u"emptyLayout")
        self.emptyLabel = QLabel(self.emptyPage)
        self.emptyLabel.setObjectName(u"emptyLabel")
        self.emptyLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emptyLabel.setWordWrap(True)

        self.emptyLayout.addWidget(self.emptyLabel)

        self.stack.addWidget(self.emptyPage)
        self.reviewPage = QWidget()
        self.reviewPage.setObjectName(u"reviewPage")
        self.reviewLayout = QVBoxLayout(self.reviewPage)
        self.reviewLayout.setObjectName(u"reviewLayout")
        self.reviewLayout.setContentsMargins(0, 0, 0, 0)
        self.caseHeader = QFrame(self.reviewPage)
        self.caseHeader.setObjectName(u"caseHeader")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.caseHeader.sizePolicy().hasHeightForWidth())
        self.caseHeader.setSizePolicy(sizePolicy)
        self.caseHeader.setFrameShape(QFrame.Shape.StyledPanel)
        self.headerLayout = QVBoxLayout(self.caseHeader)
        self.headerLayout.setSpacing(2)
        self.headerLayout.setObjectName(u"headerLayout")
        self.headerLayout.setContentsMargins(8, 6, 8, 6)
        self.headerTop = QHBoxLayout()
        self.headerTop.setObjectName(u"headerTop")
        self.headerTitle = QLabel(self.caseHeader)
        self.headerTitle.setObjectName(u"headerTitle")
        self.headerTitle.setText(u"Case")
        self.headerTitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.headerTop.addWidget(self.headerTitle)

        self.headerSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headerTop.addItem(self.headerSpacer)

        self.statusLabel = QLabel(self.caseHeader)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setText(u"Status")

        self.headerTop.addWidget(self.statusLabel)


        self.headerLayout.addLayout(self.headerTop)

        self.headerFacts = QLabel(self.caseHeader)
        self.headerFacts.setObjectName(u"headerFacts")
        self.headerFacts.setText(u"Facts")
        self.headerFacts.setWordWrap(True)
        self.headerFacts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.headerLayout.addWidget(self.headerFacts)

        self.progressRow = QHBoxLayout()
        self.progressRow.setObjectName(u"progressRow")
        self.progressBar = QProgressBar(self.caseHeader)
        self.progressBar.setObjectName(u"progressBar")
        self.progressBar.setValue(0)
        self.progressBar.setTextVisible(True)

        self.progressRow.addWidget(self.progressBar)

        self.progressLabel = QLabel(self.caseHeader)
        self.progressLabel.setObjectName(u"progressLabel")
        self.progressLabel.setText(u"")

        self.progressRow.addWidget(self.progressLabel)


        self.headerLayout.addLayout(self.progressRow)


        self.reviewLayout.addWidget(self.caseHeader)

        self.splitter = QSplitter(self.reviewPage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.navigator = QTreeView(self.splitter)
        self.navigator.setObjectName(u"navigator")
        self.navigator.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.navigator.setUniformRowHeights(True)
        self.navigator.setHeaderHidden(True)
        self.navigator.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.splitter.addWidget(self.navigator)
        self.pageHost = QWidget(self.splitter)
        self.pageHost.setObjectName(u"pageHost")
        self.pageHostLayout = QVBoxLayout(self.pageHost)
        self.pageHostLayout.setObjectName(u"pageHostLayout")
        self.pageHostLayout.setContentsMargins(0, 0, 0, 0)
        self.splitter.addWidget(self.pageHost)

        self.reviewLayout.addWidget(self.splitter)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.previousButton = QPushButton(self.reviewPage)
        self.previousButton.setObjectName(u"previousButton")

        self.buttonRow.addWidget(self.previousButton)

        self.nextButton = QPushButton(self.reviewPage)
        self.nextButton.setObjectName(u"nextButton")

        self.buttonRow.addWidget(self.nextButton)

        self.nextUnansweredButton = QPushButton(self.reviewPage)
        self.nextUnansweredButton.setObjectName(u"nextUnansweredButton")

        self.buttonRow.addWidget(self.nextUnansweredButton)

        self.buttonSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.feedbackButton = QPushButton(self.reviewPage)
        self.feedbackButton.setObjectName(u"feedbackButton")

        self.buttonRow.addWidget(self.feedbackButton)

        self.historyButton = QPushButton(self.reviewPage)
        self.historyButton.setObjectName(u"historyButton")

        self.buttonRow.addWidget(self.historyButton)

        self.reopenButton = QPushButton(self.reviewPage)
        self.reopenButton.setObjectName(u"reopenButton")

        self.buttonRow.addWidget(self.reopenButton)

        self.finaliseButton = QPushButton(self.reviewPage)
        self.finaliseButton.setObjectName(u"finaliseButton")

        self.buttonRow.addWidget(self.finaliseButton)


        self.reviewLayout.addLayout(self.buttonRow)

        self.reviewLayout.setStretch(1, 1)
        self.stack.addWidget(self.reviewPage)

        self.layout.addWidget(self.stack)

        QWidget.setTabOrder(self.navigator, self.previousButton)
        QWidget.setTabOrder(self.previousButton, self.nextButton)
        QWidget.setTabOrder(self.nextButton, self.nextUnansweredButton)
        QWidget.setTabOrder(self.nextUnansweredButton, self.feedbackButton)
        QWidget.setTabOrder(self.feedbackButton, self.historyButton)
        QWidget.setTabOrder(self.historyButton, self.reopenButton)
        QWidget.setTabOrder(self.reopenButton, self.finaliseButton)

        self.retranslateUi(ReviewPanel)

        QMetaObject.connectSlotsByName(ReviewPanel)
    # setupUi

    def retranslateUi(self, ReviewPanel):
        self.emptyLabel.setText(QCoreApplication.translate("ReviewPanel", u"Choose a case in the list to review it.", None))
#if QT_CONFIG(accessibility)
        self.caseHeader.setAccessibleName(QCoreApplication.translate("ReviewPanel", u"Case facts", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.progressBar.setAccessibleName(QCoreApplication.translate("ReviewPanel", u"Progress of this review", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.navigator.setAccessibleName(QCoreApplication.translate("ReviewPanel", u"Questions", None))
#endif // QT_CONFIG(accessibility)
        self.previousButton.setText(QCoreApplication.translate("ReviewPanel", u"Previous", None))
        self.nextButton.setText(QCoreApplication.translate("ReviewPanel", u"Next", None))
        self.nextUnansweredButton.setText(QCoreApplication.translate("ReviewPanel", u"Next unanswered", None))
        self.feedbackButton.setText(QCoreApplication.translate("ReviewPanel", u"Feedback sheet\u2026", None))
#if QT_CONFIG(accessibility)
        self.feedbackButton.setAccessibleDescription(QCoreApplication.translate("ReviewPanel", u"Preview this case's feedback sheet, to print it or save it as PDF", None))
#endif // QT_CONFIG(accessibility)
        self.historyButton.setText(QCoreApplication.translate("ReviewPanel", u"History\u2026", None))
        self.reopenButton.setText(QCoreApplication.translate("ReviewPanel", u"Reopen\u2026", None))
        self.finaliseButton.setText(QCoreApplication.translate("ReviewPanel", u"Finalise\u2026", None))
        pass
    # retranslateUi

