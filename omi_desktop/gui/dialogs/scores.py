"""The inspection's scores: headline threads with n and 95% interval beside the regional comparison, and
the score of each criterion. Finalised case reviews only, as everywhere."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from omi_desktop.core.inspections import InspectionInfo
from omi_desktop.core.reports.text import count, interval, whole_percent
from omi_desktop.core.scoring import Scores
from omi_desktop.core.scoring.regional import RegionalComparison


def _table(parent: QWidget, header: Sequence[str], rows: Sequence[Sequence[str]], name: str) -> QTableView:
    model = QStandardItemModel(len(rows), len(header), parent)
    model.setHorizontalHeaderLabels(list(header))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QStandardItem(text)
            item.setEditable(False)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            model.setItem(r, c, item)
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    header_view = view.horizontalHeader()
    header_view.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return view


class ScoresDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        inspection: InspectionInfo,
        scores: Scores,
        comparison: RegionalComparison,
        titles: dict[str, str],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scoresDialog")
        self.setWindowTitle(self.tr("Scores — {inspection}").format(inspection=inspection.label))
        layout = QVBoxLayout(self)
        summary = QLabel(
            self.tr(
                "{n} finalised case reviews counted. Done well enough: positive answers out of applicable "
                "answers, with the 95% interval worked out from the cases (answers within one case are "
                "alike, so the case is the unit sampled). Region: {region}; inspections to date: {k}."
            ).format(
                n=scores.reviews,
                region=comparison.region_name or self.tr("none recorded"),
                k=len(comparison.regional_inspections),
            ),
            self,
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        by_thread = {c.thread: c for c in comparison.threads}
        thread_rows = []
        for t in scores.threads:
            c = by_thread.get(t.thread)
            thread_rows.append(
                [
                    titles.get(t.thread, t.title),
                    whole_percent(t.answers.percent),
                    f"{count(t.answers.positive)} / {t.answers.applicable}",
                    interval(t.answers.ci_low, t.answers.ci_high),
                    f"{whole_percent(t.cases.percent)} ({count(t.cases.positive)} / {t.cases.applicable})",
                    *(whole_percent(v) for v in ((c.lowest, c.highest, c.average, c.national) if c else ())),
                ]
            )
        self.threads = _table(
            self,
            [
                self.tr("Headline thread"),
                self.tr("Done well enough"),
                self.tr("n"),
                self.tr("95% interval"),
                self.tr("Cases"),
                self.tr("Region lowest"),
                self.tr("Region highest"),
                self.tr("Region average"),
                self.tr("National"),
            ],
            thread_rows,
            "threadScores",
        )
        self.threads.resizeRowsToContents()
        rows_height = sum(self.threads.rowHeight(r) for r in range(len(thread_rows)))
        self.threads.setFixedHeight(rows_height + self.threads.horizontalHeader().height() + 4)
        layout.addWidget(self.threads)
        criteria_rows = [
            [
                f"{c.criterion} {titles.get(c.criterion, c.title)}",
                whole_percent(c.answers.percent),
                f"{count(c.answers.positive)} / {c.answers.applicable}",
                interval(c.answers.ci_low, c.answers.ci_high),
            ]
            for c in scores.criteria
        ]
        self.criteria = _table(
            self,
            [self.tr("Criterion"), self.tr("Done well enough"), self.tr("n"), self.tr("95% interval")],
            criteria_rows,
            "criterionScores",
        )
        layout.addWidget(self.criteria, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 620)
