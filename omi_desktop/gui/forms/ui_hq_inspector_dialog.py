# generated — do not edit: compiled from ui/hq_inspector_dialog.ui by `python -m omi_desktop.gui.compile_forms`
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'hq_inspector_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_HqInspectorDialog(object):
    def setupUi(self, HqInspectorDialog):
        if not HqInspectorDialog.objectName():
            HqInspectorDialog.setObjectName(u"HqInspectorDialog")
        HqInspectorDialog.resize(460, 260)
        self.layout = QVBoxLayout(HqInspectorDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.idLabel = QLabel(HqInspectorDialog)
        self.idLabel.setObjectName(u"idLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.idLabel)

        self.idEdit = QLineEdit(HqInspectorDialog)
        self.idEdit.setObjectName(u"idEdit")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.idEdit)

        self.nameLabel = QLabel(HqInspectorDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(HqInspectorDialog)
        self.nameEdit.setObjectName(u"nameEdit")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.roleLabel = QLabel(HqInspectorDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.roleCombo = QComboBox(HqInspectorDialog)
        self.roleCombo.setObjectName(u"roleCombo")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.roleCombo)

        self.experiencedCheck = QCheckBox(HqInspectorDialog)
        self.experiencedCheck.setObjectName(u"experiencedCheck")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.experiencedCheck)

        self.homeTeamLabel = QLabel(HqInspectorDialog)
        self.homeTeamLabel.setObjectName(u"homeTeamLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.homeTeamLabel)

        self.homeTeamEdit = QLineEdit(HqInspectorDialog)
        self.homeTeamEdit.setObjectName(u"homeTeamEdit")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.homeTeamEdit)


        self.layout.addLayout(self.form)

        self.buttons = QDialogButtonBox(HqInspectorDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.idLabel.setBuddy(self.idEdit)
        self.nameLabel.setBuddy(self.nameEdit)
        self.roleLabel.setBuddy(self.roleCombo)
        self.homeTeamLabel.setBuddy(self.homeTeamEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.idEdit, self.nameEdit)
        QWidget.setTabOrder(self.nameEdit, self.roleCombo)
        QWidget.setTabOrder(self.roleCombo, self.experiencedCheck)
        QWidget.setTabOrder(self.experiencedCheck, self.homeTeamEdit)

        self.retranslateUi(HqInspectorDialog)

        QMetaObject.connectSlotsByName(HqInspectorDialog)
    # setupUi

    def retranslateUi(self, HqInspectorDialog):
        HqInspectorDialog.setWindowTitle(QCoreApplication.translate("HqInspectorDialog", u"Add an inspector", None))
        self.idLabel.setText(QCoreApplication.translate("HqInspectorDialog", u"&Identity id:", None))
        self.idEdit.setPlaceholderText(QCoreApplication.translate("HqInspectorDialog", u"e.g. INS-014", None))
        self.nameLabel.setText(QCoreApplication.translate("HqInspectorDialog", u"&Name:", None))
        self.roleLabel.setText(QCoreApplication.translate("HqInspectorDialog", u"&Role:", None))
        self.experiencedCheck.setText(QCoreApplication.translate("HqInspectorDialog", u"&Experienced: may have high and very high RoSH cases", None))
        self.homeTeamLabel.setText(QCoreApplication.translate("HqInspectorDialog", u"&Home team:", None))
        self.homeTeamEdit.setPlaceholderText(QCoreApplication.translate("HqInspectorDialog", u"a local assessor's own team: never given its cases", None))
    # retranslateUi

