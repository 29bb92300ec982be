# generated — do not edit: compiled from ui/hq_sample_page.ui by `python -m omi_desktop.gui.compile_forms`
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'hq_sample_page.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDateEdit,
    QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QSpinBox, QVBoxLayout, QWidget, QWizardPage)

class Ui_HqSamplePage(object):
    def setupUi(self, HqSamplePage):
        if not HqSamplePage.objectName():
            HqSamplePage.setObjectName(u"HqSamplePage")
        HqSamplePage.resize(760, 520)
        self.layout = QVBoxLayout(HqSamplePage)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.sizeLabel = QLabel(HqSamplePage)
        self.sizeLabel.setObjectName(u"sizeLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.sizeLabel)

        self.sizeSpin = QSpinBox(HqSamplePage)
        self.sizeSpin.setObjectName(u"sizeSpin")
        self.sizeSpin.setMinimum(1)
        self.sizeSpin.setMaximum(10000)
        self.sizeSpin.setValue(100)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.sizeSpin)

        self.bufferLabel = QLabel(HqSamplePage)
        self.bufferLabel.setObjectName(u"bufferLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.bufferLabel)

        self.bufferSpin = QDoubleSpinBox(HqSamplePage)
        self.bufferSpin.setObjectName(u"bufferSpin")
        self.bufferSpin.setDecimals(1)
        self.bufferSpin.setMaximum(100.000000000000000)
        self.bufferSpin.setValue(10.000000000000000)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.bufferSpin)

        self.capLabel = QLabel(HqSamplePage)
        self.capLabel.setObjectName(u"capLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.capLabel)

        self.capRow = QHBoxLayout()
        self.capRow.setObjectName(u"capRow")
        self.capSpin = QSpinBox(HqSamplePage)
        self.capSpin.setObjectName(u"capSpin")
        self.capSpin.setMinimum(1)
        self.capSpin.setMaximum(1000)
        self.capSpin.setValue(6)

        self.capRow.addWidget(self.capSpin)

        self.noCapCheck = QCheckBox(HqSamplePage)
        self.noCapCheck.setObjectName(u"noCapCheck")

        self.capRow.addWidget(self.noCapCheck)

        self.capSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.capRow.addItem(self.capSpacer)


        self.form.setLayout(2, QFormLayout.ItemRole.FieldRole, self.capRow)

        self.windowLabel = QLabel(HqSamplePage)
        self.windowLabel.setObjectName(u"windowLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.windowLabel)

        self.windowRow = QHBoxLayout()
        self.windowRow.setObjectName(u"windowRow")
        self.windowStartEdit = QDateEdit(HqSamplePage)
        self.windowStartEdit.setObjectName(u"windowStartEdit")
        self.windowStartEdit.setCalendarPopup(True)
        self.windowStartEdit.setDisplayFormat(u"dd/MM/yyyy")

        self.windowRow.addWidget(self.windowStartEdit)

        self.windowAnd = QLabel(HqSamplePage)
        self.windowAnd.setObjectName(u"windowAnd")

        self.windowRow.addWidget(self.windowAnd)

        self.windowEndEdit = QDateEdit(HqSamplePage)
        self.windowEndEdit.setObjectName(u"windowEndEdit")
        self.windowEndEdit.setCalendarPopup(True)
        self.windowEndEdit.setDisplayFormat(u"dd/MM/yyyy")

        self.windowRow.addWidget(self.windowEndEdit)

        self.windowSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.windowRow.addItem(self.windowSpacer)


        self.form.setLayout(3, QFormLayout.ItemRole.FieldRole, self.windowRow)

        self.asOfLabel = QLabel(HqSamplePage)
        self.asOfLabel.setObjectName(u"asOfLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.asOfLabel)

        self.asOfEdit = QDateEdit(HqSamplePage)
        self.asOfEdit.setObjectName(u"asOfEdit")
        self.asOfEdit.setCalendarPopup(True)
        self.asOfEdit.setDisplayFormat(u"dd/MM/yyyy")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.asOfEdit)

        self.highRoshLabel = QLabel(HqSamplePage)
        self.highRoshLabel.setObjectName(u"highRoshLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.highRoshLabel)

        self.highRoshSpin = QSpinBox(HqSamplePage)
        self.highRoshSpin.setObjectName(u"highRoshSpin")
        self.highRoshSpin.setMaximum(10000)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.highRoshSpin)

        self.ppoLabel = QLabel(HqSamplePage)
        self.ppoLabel.setObjectName(u"ppoLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.ppoLabel)

        self.ppoSpin = QSpinBox(HqSamplePage)
        self.ppoSpin.setObjectName(u"ppoSpin")
        self.ppoSpin.setMaximum(10000)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.ppoSpin)

        self.otherGenderLabel = QLabel(HqSamplePage)
        self.otherGenderLabel.setObjectName(u"otherGenderLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.otherGenderLabel)

        self.otherGenderCombo = QComboBox(HqSamplePage)
        self.otherGenderCombo.setObjectName(u"otherGenderCombo")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.otherGenderCombo)

        self.seedLabel = QLabel(HqSamplePage)
        self.seedLabel.setObjectName(u"seedLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.seedLabel)

        self.seedRow = QHBoxLayout()
        self.seedRow.setObjectName(u"seedRow")
        self.seedEdit = QLineEdit(HqSamplePage)
        self.seedEdit.setObjectName(u"seedEdit")

        self.seedRow.addWidget(self.seedEdit)

        self.newSeedButton = QPushButton(HqSamplePage)
        self.newSeedButton.setObjectName(u"newSeedButton")

        self.seedRow.addWidget(self.newSeedButton)


        self.form.setLayout(8, QFormLayout.ItemRole.FieldRole, self.seedRow)


        self.layout.addLayout(self.form)

        self.redrawCheck = QCheckBox(HqSamplePage)
        self.redrawCheck.setObjectName(u"redrawCheck")

        self.layout.addWidget(self.redrawCheck)

        self.hint = QLabel(HqSamplePage)
        self.hint.setObjectName(u"hint")
        self.hint.setText(u"")
        self.hint.setWordWrap(True)

        self.layout.addWidget(self.hint)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.bottomSpacer)

#if QT_CONFIG(shortcut)
        self.sizeLabel.setBuddy(self.sizeSpin)
        self.bufferLabel.setBuddy(self.bufferSpin)
        self.capLabel.setBuddy(self.capSpin)
        self.windowLabel.setBuddy(self.windowStartEdit)
        self.asOfLabel.setBuddy(self.asOfEdit)
        self.highRoshLabel.setBuddy(self.highRoshSpin)
        self.ppoLabel.setBuddy(self.ppoSpin)
        self.otherGenderLabel.setBuddy(self.otherGenderCombo)
        self.seedLabel.setBuddy(self.seedEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.sizeSpin, self.bufferSpin)
        QWidget.setTabOrder(self.bufferSpin, self.capSpin)
        QWidget.setTabOrder(self.capSpin, self.noCapCheck)
        QWidget.setTabOrder(self.noCapCheck, self.windowStartEdit)
        QWidget.setTabOrder(self.windowStartEdit, self.windowEndEdit)
        QWidget.setTabOrder(self.windowEndEdit, self.asOfEdit)
        QWidget.setTabOrder(self.asOfEdit, self.highRoshSpin)
        QWidget.setTabOrder(self.highRoshSpin, self.ppoSpin)
        QWidget.setTabOrder(self.ppoSpin, self.otherGenderCombo)
        QWidget.setTabOrder(self.otherGenderCombo, self.seedEdit)
        QWidget.setTabOrder(self.seedEdit, self.newSeedButton)
        QWidget.setTabOrder(self.newSeedButton, self.redrawCheck)

        self.retranslateUi(HqSamplePage)

        QMetaObject.connectSlotsByName(HqSamplePage)
    # setupUi

    def retranslateUi(self, HqSamplePage):
        HqSamplePage.setTitle(QCoreApplication.translate("HqSamplePage", u"Draw the sample", None))
        HqSamplePage.setSubTitle(QCoreApplication.translate("HqSamplePage", u"Proportional to the strata, spread over clusters, LDUs and responsible officers. The seed and every setting are kept with the sample, so it can be drawn again.", None))
        self.sizeLabel.setText(QCoreApplication.translate("HqSamplePage", u"Sample &size:", None))
        self.sizeSpin.setSuffix(QCoreApplication.translate("HqSamplePage", u" cases", None))
        self.bufferLabel.setText(QCoreApplication.translate("HqSamplePage", u"&Buffer for replacements:", None))
        self.bufferSpin.setSuffix(QCoreApplication.translate("HqSamplePage", u" %", None))
        self.capLabel.setText(QCoreApplication.translate("HqSamplePage", u"Most cases per &officer:", None))
        self.noCapCheck.setText(QCoreApplication.translate("HqSamplePage", u"No &limit", None))
        self.windowLabel.setText(QCoreApplication.translate("HqSamplePage", u"Commenced bet&ween:", None))
        self.windowAnd.setText(QCoreApplication.translate("HqSamplePage", u"and", None))
        self.asOfLabel.setText(QCoreApplication.translate("HqSamplePage", u"Not commenced if starting after:", None))
        self.highRoshLabel.setText(QCoreApplication.translate("HqSamplePage", u"At least, &high or very high RoSH:", None))
        self.highRoshSpin.setSpecialValueText(QCoreApplication.translate("HqSamplePage", u"no minimum", None))
        self.ppoLabel.setText(QCoreApplication.translate("HqSamplePage", u"At least, &PPO:", None))
        self.ppoSpin.setSpecialValueText(QCoreApplication.translate("HqSamplePage", u"no minimum", None))
        self.otherGenderLabel.setText(QCoreApplication.translate("HqSamplePage", u"Other &genders:", None))
        self.seedLabel.setText(QCoreApplication.translate("HqSamplePage", u"S&eed:", None))
        self.newSeedButton.setText(QCoreApplication.translate("HqSamplePage", u"New see&d", None))
        self.redrawCheck.setText(QCoreApplication.translate("HqSamplePage", u"&Replace the sample this inspection already has", None))
    # retranslateUi

