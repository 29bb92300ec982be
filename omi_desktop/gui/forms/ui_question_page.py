# generated — do not edit: compiled from ui/question_page.ui by `python -m omi_desktop.gui.compile_forms`
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'question_page.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFrame, QHBoxLayout,
    QLabel, QPlainTextEdit, QSizePolicy, QSpacerItem,
    QStackedWidget, QToolButton, QVBoxLayout, QWidget)

class Ui_QuestionPage(object):
    def setupUi(self, QuestionPage):
        if not QuestionPage.objectName():
            QuestionPage.setObjectName(u"QuestionPage")
        QuestionPage.resize(560, 560)
        self.layout = QVBoxLayout(QuestionPage)
        self.layout.setSpacing(8)
        self.layout.setObjectName(u"layout")
        self.readOnlyNotice = QLabel(QuestionPage)
        self.readOnlyNotice.setObjectName(u"readOnlyNotice")
        self.readOnlyNotice.setVisible(False)
        self.readOnlyNotice.setText(u"")
        self.readOnlyNotice.setWordWrap(True)

        self.layout.addWidget(self.readOnlyNotice)

        self.numberRow = QHBoxLayout()
        self.numberRow.setObjectName(u"numberRow")
        self.questionNumber = QLabel(QuestionPage)
        self.questionNumber.setObjectName(u"questionNumber")
        self.questionNumber.setText(u"1.1.1")

        self.numberRow.addWidget(self.questionNumber)

        self.stateLabel = QLabel(QuestionPage)
        self.stateLabel.setObjectName(u"stateLabel")
        self.stateLabel.setText(u"")

        self.numberRow.addWidget(self.stateLabel)

        self.numberSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.numberRow.addItem(self.numberSpacer)

        self.positionLabel = QLabel(QuestionPage)
        self.positionLabel.setObjectName(u"positionLabel")
        self.positionLabel.setText(u"")

        self.numberRow.addWidget(self.positionLabel)


        self.layout.addLayout(self.numberRow)

        self.criterionLabel = QLabel(QuestionPage)
        self.criterionLabel.setObjectName(u"criterionLabel")
        self.criterionLabel.setText(u"")
        self.criterionLabel.setWordWrap(True)

        self.layout.addWidget(self.criterionLabel)

        self.questionText = QLabel(QuestionPage)
        self.questionText.setObjectName(u"questionText")
        self.questionText.setText(u"Question")
        self.questionText.setWordWrap(True)
        self.questionText.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.layout.addWidget(self.questionText)

        self.guidanceButton = QToolButton(QuestionPage)
        self.guidanceButton.setObjectName(u"guidanceButton")
        self.guidanceButton.setCheckable(True)
        self.guidanceButton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.guidanceButton.setAutoRaise(True)

        self.layout.addWidget(self.guidanceButton)

        self.guidanceText = QLabel(QuestionPage)
        self.guidanceText.setObjectName(u"guidanceText")
        self.guidanceText.setVisible(False)
        self.guidanceText.setText(u"")
        self.guidanceText.setWordWrap(True)
        self.guidanceText.setFrameShape(QFrame.Shape.StyledPanel)
        self.guidanceText.setMargin(6)
        self.guidanceText.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.layout.addWidget(self.guidanceText)

        self.prefillNotice = QLabel(QuestionPage)
        self.prefillNotice.setObjectName(u"prefillNotice")
        self.prefillNotice.setVisible(False)
        self.prefillNotice.setWordWrap(True)

        self.layout.addWidget(self.prefillNotice)

        self.answerHost = QStackedWidget(QuestionPage)
        self.answerHost.setObjectName(u"answerHost")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.answerHost.sizePolicy().hasHeightForWidth())
        self.answerHost.setSizePolicy(sizePolicy)

        self.layout.addWidget(self.answerHost)

        self.keyHint = QLabel(QuestionPage)
        self.keyHint.setObjectName(u"keyHint")
        self.keyHint.setVisible(False)
        self.keyHint.setText(u"")
        self.keyHint.setWordWrap(True)

        self.layout.addWidget(self.keyHint)

        self.validationMessage = QLabel(QuestionPage)
        self.validationMessage.setObjectName(u"validationMessage")
        self.validationMessage.setVisible(False)
        self.validationMessage.setText(u"")
        self.validationMessage.setWordWrap(True)

        self.layout.addWidget(self.validationMessage)

        self.noteRow = QHBoxLayout()
        self.noteRow.setObjectName(u"noteRow")
        self.noteLabel = QLabel(QuestionPage)
        self.noteLabel.setObjectName(u"noteLabel")

        self.noteRow.addWidget(self.noteLabel)

        self.noteSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.noteRow.addItem(self.noteSpacer)

        self.noteStatus = QLabel(QuestionPage)
        self.noteStatus.setObjectName(u"noteStatus")
        self.noteStatus.setText(u"")

        self.noteRow.addWidget(self.noteStatus)


        self.layout.addLayout(self.noteRow)

        self.noteEdit = QPlainTextEdit(QuestionPage)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setTabChangesFocus(True)

        self.layout.addWidget(self.noteEdit)

        self.feedbackRow = QHBoxLayout()
        self.feedbackRow.setObjectName(u"feedbackRow")
        self.feedbackLabel = QLabel(QuestionPage)
        self.feedbackLabel.setObjectName(u"feedbackLabel")

        self.feedbackRow.addWidget(self.feedbackLabel)

        self.feedbackCombo = QComboBox(QuestionPage)
        self.feedbackCombo.setObjectName(u"feedbackCombo")

        self.feedbackRow.addWidget(self.feedbackCombo)

        self.feedbackSpacer = QSpacerItem(10, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.feedbackRow.addItem(self.feedbackSpacer)


        self.layout.addLayout(self.feedbackRow)

#if QT_CONFIG(shortcut)
        self.noteLabel.setBuddy(self.noteEdit)
        self.feedbackLabel.setBuddy(self.feedbackCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.guidanceButton, self.answerHost)
        QWidget.setTabOrder(self.answerHost, self.noteEdit)
        QWidget.setTabOrder(self.noteEdit, self.feedbackCombo)

        self.retranslateUi(QuestionPage)

        QMetaObject.connectSlotsByName(QuestionPage)
    # setupUi

    def retranslateUi(self, QuestionPage):
        self.guidanceButton.setText(QCoreApplication.translate("QuestionPage", u"Guidance (F1)", None))
#if QT_CONFIG(accessibility)
        self.guidanceText.setAccessibleName(QCoreApplication.translate("QuestionPage", u"Guidance", None))
#endif // QT_CONFIG(accessibility)
        self.prefillNotice.setText(QCoreApplication.translate("QuestionPage", u"Pre-filled from the case record: check it against the record and correct it if needed.", None))
#if QT_CONFIG(accessibility)
        self.answerHost.setAccessibleName(QCoreApplication.translate("QuestionPage", u"Answer", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.keyHint.setAccessibleName(QCoreApplication.translate("QuestionPage", u"About the key pressed", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.validationMessage.setAccessibleName(QCoreApplication.translate("QuestionPage", u"Problem with the answer", None))
#endif // QT_CONFIG(accessibility)
        self.noteLabel.setText(QCoreApplication.translate("QuestionPage", u"Evidence &note", None))
#if QT_CONFIG(accessibility)
        self.noteStatus.setAccessibleName(QCoreApplication.translate("QuestionPage", u"Note saving", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.noteEdit.setAccessibleName(QCoreApplication.translate("QuestionPage", u"Evidence note", None))
#endif // QT_CONFIG(accessibility)
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("QuestionPage", u"What in the record or the interview supports this answer (saved as you type)", None))
        self.feedbackLabel.setText(QCoreApplication.translate("QuestionPage", u"On the &feedback sheet as:", None))
#if QT_CONFIG(accessibility)
        self.feedbackCombo.setAccessibleName(QCoreApplication.translate("QuestionPage", u"Feedback for the case manager", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

