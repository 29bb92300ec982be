# generated — do not edit: compiled from ui/hq_inspection_page.ui by `python -m omi_desktop.gui.compile_forms`
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'hq_inspection_page.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QDateEdit, QFormLayout,
    QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QSizePolicy, QVBoxLayout,
    QWidget, QWizardPage)

class Ui_HqInspectionPage(object):
    def setupUi(self, HqInspectionPage):
        if not HqInspectionPage.objectName():
            HqInspectionPage.setObjectName(u"HqInspectionPage")
        HqInspectionPage.resize(760, 560)
        self.columns = QHBoxLayout(HqInspectionPage)
        self.columns.setObjectName(u"columns")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.areaCodeLabel = QLabel(HqInspectionPage)
        self.areaCodeLabel.setObjectName(u"areaCodeLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.areaCodeLabel)

        self.areaCodeEdit = QLineEdit(HqInspectionPage)
        self.areaCodeEdit.setObjectName(u"areaCodeEdit")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.areaCodeEdit)

        self.areaNameLabel = QLabel(HqInspectionPage)
        self.areaNameLabel.setObjectName(u"areaNameLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.areaNameLabel)

        self.areaNameEdit = QLineEdit(HqInspectionPage)
        self.areaNameEdit.setObjectName(u"areaNameEdit")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.areaNameEdit)

        self.regionCodeLabel = QLabel(HqInspectionPage)
        self.regionCodeLabel.setObjectName(u"regionCodeLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.regionCodeLabel)

        self.regionCodeEdit = QLineEdit(HqInspectionPage)
        self.regionCodeEdit.setObjectName(u"regionCodeEdit")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.regionCodeEdit)

        self.regionNameLabel = QLabel(HqInspectionPage)
        self.regionNameLabel.setObjectName(u"regionNameLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.regionNameLabel)

        self.regionNameEdit = QLineEdit(HqInspectionPage)
        self.regionNameEdit.setObjectName(u"regionNameEdit")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.regionNameEdit)

        self.titleLabel = QLabel(HqInspectionPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.titleEdit = QLineEdit(HqInspectionPage)
        self.titleEdit.setObjectName(u"titleEdit")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.titleEdit)

        self.fieldworkStartLabel = QLabel(HqInspectionPage)
        self.fieldworkStartLabel.setObjectName(u"fieldworkStartLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.fieldworkStartLabel)

        self.fieldworkStartEdit = QDateEdit(HqInspectionPage)
        self.fieldworkStartEdit.setObjectName(u"fieldworkStartEdit")
        self.fieldworkStartEdit.setCalendarPopup(True)
        self.fieldworkStartEdit.setDisplayFormat(u"dd/MM/yyyy")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.fieldworkStartEdit)

        self.fieldworkEndLabel = QLabel(HqInspectionPage)
        self.fieldworkEndLabel.setObjectName(u"fieldworkEndLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.fieldworkEndLabel)

        self.fieldworkEndEdit = QDateEdit(HqInspectionPage)
        self.fieldworkEndEdit.setObjectName(u"fieldworkEndEdit")
        self.fieldworkEndEdit.setCalendarPopup(True)
        self.fieldworkEndEdit.setDisplayFormat(u"dd/MM/yyyy")

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.fieldworkEndEdit)

        self.frameworkLabel = QLabel(HqInspectionPage)
        self.frameworkLabel.setObjectName(u"frameworkLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.frameworkLabel)

        self.frameworkCombo = QComboBox(HqInspectionPage)
        self.frameworkCombo.setObjectName(u"frameworkCombo")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.frameworkCombo)

        self.modulesLabel = QLabel(HqInspectionPage)
        self.modulesLabel.setObjectName(u"modulesLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.modulesLabel)

        self.modulesList = QListWidget(HqInspectionPage)
        self.modulesList.setObjectName(u"modulesList")
        self.modulesList.setMaximumSize(QSize(16777215, 90))

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.modulesList)


        self.columns.addLayout(self.form)

        self.teamColumn = QVBoxLayout()
        self.teamColumn.setObjectName(u"teamColumn")
        self.leadLabel = QLabel(HqInspectionPage)
        self.leadLabel.setObjectName(u"leadLabel")

        self.teamColumn.addWidget(self.leadLabel)

        self.leadCombo = QComboBox(HqInspectionPage)
        self.leadCombo.setObjectName(u"leadCombo")

        self.teamColumn.addWidget(self.leadCombo)

        self.teamLabel = QLabel(HqInspectionPage)
        self.teamLabel.setObjectName(u"teamLabel")

        self.teamColumn.addWidget(self.teamLabel)

        self.teamList = QListWidget(HqInspectionPage)
        self.teamList.setObjectName(u"teamList")

        self.teamColumn.addWidget(self.teamList)

        self.addInspectorButton = QPushButton(HqInspectionPage)
        self.addInspectorButton.setObjectName(u"addInspectorButton")

        self.teamColumn.addWidget(self.addInspectorButton)

        self.hint = QLabel(HqInspectionPage)
        self.hint.setObjectName(u"hint")
        self.hint.setText(u"")
        self.hint.setWordWrap(True)

        self.teamColumn.addWidget(self.hint)


        self.columns.addLayout(self.teamColumn)

#if QT_CONFIG(shortcut)
        self.areaCodeLabel.setBuddy(self.areaCodeEdit)
        self.areaNameLabel.setBuddy(self.areaNameEdit)
        self.regionCodeLabel.setBuddy(self.regionCodeEdit)
        self.regionNameLabel.setBuddy(self.regionNameEdit)
        self.titleLabel.setBuddy(self.titleEdit)
        self.fieldworkStartLabel.setBuddy(self.fieldworkStartEdit)
        self.fieldworkEndLabel.setBuddy(self.fieldworkEndEdit)
        self.frameworkLabel.setBuddy(self.frameworkCombo)
        self.modulesLabel.setBuddy(self.modulesList)
        self.leadLabel.setBuddy(self.leadCombo)
        self.teamLabel.setBuddy(self.teamList)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.areaCodeEdit, self.areaNameEdit)
        QWidget.setTabOrder(self.areaNameEdit, self.regionCodeEdit)
        QWidget.setTabOrder(self.regionCodeEdit, self.regionNameEdit)
        QWidget.setTabOrder(self.regionNameEdit, self.titleEdit)
        QWidget.setTabOrder(self.titleEdit, self.fieldworkStartEdit)
        QWidget.setTabOrder(self.fieldworkStartEdit, self.fieldworkEndEdit)
        QWidget.setTabOrder(self.fieldworkEndEdit, self.frameworkCombo)
        QWidget.setTabOrder(self.frameworkCombo, self.modulesList)
        QWidget.setTabOrder(self.modulesList, self.leadCombo)
        QWidget.setTabOrder(self.leadCombo, self.teamList)
        QWidget.setTabOrder(self.teamList, self.addInspectorButton)

        self.retranslateUi(HqInspectionPage)

        QMetaObject.connectSlotsByName(HqInspectionPage)
    # setupUi

    def retranslateUi(self, HqInspectionPage):
        HqInspectionPage.setTitle(QCoreApplication.translate("HqInspectionPage", u"The inspection", None))
        HqInspectionPage.setSubTitle(QCoreApplication.translate("HqInspectionPage", u"The area, the fieldwork dates, the framework and the team. Inspectors not listed yet can be added here.", None))
        self.areaCodeLabel.setText(QCoreApplication.translate("HqInspectionPage", u"Area &code:", None))
        self.areaCodeEdit.setPlaceholderText(QCoreApplication.translate("HqInspectionPage", u"e.g. EX", None))
        self.areaNameLabel.setText(QCoreApplication.translate("HqInspectionPage", u"Area &name:", None))
        self.regionCodeLabel.setText(QCoreApplication.translate("HqInspectionPage", u"&Region code:", None))
        self.regionCodeEdit.setPlaceholderText(QCoreApplication.translate("HqInspectionPage", u"optional", None))
        self.regionNameLabel.setText(QCoreApplication.translate("HqInspectionPage", u"Re&gion name:", None))
        self.titleLabel.setText(QCoreApplication.translate("HqInspectionPage", u"&Title:", None))
        self.fieldworkStartLabel.setText(QCoreApplication.translate("HqInspectionPage", u"Fieldwork &starts:", None))
        self.fieldworkEndLabel.setText(QCoreApplication.translate("HqInspectionPage", u"Fieldwork &ends:", None))
        self.frameworkLabel.setText(QCoreApplication.translate("HqInspectionPage", u"&Framework:", None))
        self.modulesLabel.setText(QCoreApplication.translate("HqInspectionPage", u"Active &modules:", None))
        self.leadLabel.setText(QCoreApplication.translate("HqInspectionPage", u"&Lead inspector:", None))
        self.teamLabel.setText(QCoreApplication.translate("HqInspectionPage", u"Te&am (tick each inspector):", None))
        self.addInspectorButton.setText(QCoreApplication.translate("HqInspectionPage", u"A&dd an inspector\u2026", None))
    # retranslateUi

