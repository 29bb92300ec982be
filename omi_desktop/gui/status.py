"""The status bar: inspection, inspector, cases finalised, reviews not yet exported, when work was last saved.

Features add fields of their own with ``set_field(name, text)`` (e.g. sync sets ``"export"``).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QFrame, QLabel, QStatusBar, QWidget


class StatusFields:
    ORDER = ("inspection", "inspector", "finalised", "export", "saved")

    def __init__(self, bar: QStatusBar) -> None:
        self.bar = bar
        self._labels: dict[str, QLabel] = {}
        self._separators: dict[str, QFrame] = {}
        for name in self.ORDER:
            self._label(name)

    def _label(self, name: str) -> QLabel:
        label = self._labels.get(name)
        if label is None:
            label = QLabel(self.bar)
            label.setObjectName(f"status_{name}")
            label.setContentsMargins(6, 0, 6, 0)
            label.setVisible(False)
            if name == "saved":
                self.bar.addPermanentWidget(label)
            else:
                if self._labels:
                    separator = QFrame(self.bar)
                    separator.setFrameShape(QFrame.Shape.VLine)
                    separator.setFrameShadow(QFrame.Shadow.Sunken)
                    separator.setVisible(False)
                    self.bar.addWidget(separator)
                    self._separators[name] = separator
                self.bar.addWidget(label)
            self._labels[name] = label
        return label

    def set_field(self, name: str, text: str, accessible: str | None = None, tip: str | None = None) -> None:
        """Show ``text`` in field ``name`` (created on first use); empty text hides it. ``tip`` says more
        about what the field counts (on hover, and to screen readers)."""
        label = self._label(name)
        label.setText(text)
        label.setAccessibleName(accessible or text)
        label.setToolTip(tip or "")
        label.setAccessibleDescription(tip or "")
        label.setVisible(bool(text))
        if name in self._separators:
            self._separators[name].setVisible(bool(text))

    def field(self, name: str) -> str:
        label = self._labels.get(name)
        return label.text() if label is not None and label.isVisible() else ""

    def set_saved(self, when: datetime, widget: QWidget) -> None:
        text = widget.tr("Saved {time}").format(time=when.strftime("%H:%M:%S"))
        self.set_field("saved", text)

    def set_saving(self, widget: QWidget) -> None:
        self.set_field("saved", widget.tr("Saving…"))
