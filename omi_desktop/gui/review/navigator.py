"""The navigator's rows wrap: a question too long for the navigator's width goes on over two or more lines,
so neighbours that begin alike ("Was the Risk of Harm…") can be told apart, and nothing scrolls sideways.

A tree view asks its delegate for row heights without saying how wide the row is; the delegate here works it
out from the view (its width less the indentation of the row's level and the state symbol), and the view
lays its rows out again when its width changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTreeView


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        self._width = view.viewport().width()
        view.viewport().installEventFilter(self)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        depth = 1 if self.view.rootIsDecorated() else 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        width = self.view.viewport().width() - depth * self.view.indentation()
        sized = QStyleOptionViewItem(option)
        sized.rect = QRect(0, 0, max(width, 40), 1)  # the style wraps to the width of a valid rectangle
        return super().sizeHint(sized, index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.view.viewport().width() != self._width:
            self._width = self.view.viewport().width()
            self.view.scheduleDelayedItemsLayout()  # the rows' heights follow the new width
        return super().eventFilter(watched, event)


def wrap_rows(view: QTreeView) -> None:
    view.setUniformRowHeights(False)
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.header().setStretchLastSection(True)
    view.setItemDelegate(WrappingDelegate(view))
