"""Results of importing return bundles (head office, or the lead's collation): one row per bundle."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from omi_desktop.core.sync.keys import display_fingerprint
from omi_desktop.core.sync.returns import ImportReport
from omi_desktop.gui.dialogs.sync_common import table, trn


class ImportResultsDialog(QDialog):
    def __init__(self, parent: QWidget | None, reports: Sequence[ImportReport], *, collation: bool) -> None:
        super().__init__(parent)
        self.setObjectName("syncImportResults")
        self.setWindowTitle(
            self.tr("Team bundles collated") if collation else self.tr("Returned bundles imported")
        )
        layout = QVBoxLayout(self)
        refused = sum(1 for r in reports if r.status == "refused")
        accepted = sum(r.counts()["accepted"] for r in reports)
        conflicts = sum(r.counts()["conflict"] for r in reports)
        aside = sum(r.counts()["set_aside"] for r in reports)
        parts = [
            trn("{n} bundle:", "{n} bundles:", len(reports), context="ImportResultsDialog"),
            trn("{n} review accepted", "{n} reviews accepted", accepted, context="ImportResultsDialog"),
        ]
        if conflicts:
            parts.append(trn("{n} in conflict", "{n} in conflict", conflicts, context="ImportResultsDialog"))
        if aside:
            parts.append(trn("{n} kept aside", "{n} kept aside", aside, context="ImportResultsDialog"))
        text = parts[0] + " " + ", ".join(parts[1:]) + "."
        if refused:
            text += " " + trn(
                "{n} bundle refused (a refused bundle changed nothing).",
                "{n} bundles refused (a refused bundle changes nothing).",
                refused,
                context="ImportResultsDialog",
            )
        summary = QLabel(text, self)
        summary.setObjectName("importSummary")
        summary.setWordWrap(True)
        layout.addWidget(summary)
        rows = []
        for r in reports:
            c = r.counts()
            outcome = {
                "imported": self.tr("Imported"),
                "duplicate": self.tr("Already imported"),
                "refused": self.tr("Refused: {reason}").format(reason=r.reason),
            }[r.status]
            rows.append(
                [
                    r.path.rsplit("/", 1)[-1],
                    r.sender or "—",
                    str(r.sequence or "—"),
                    display_fingerprint(r.file_sha256)[:19] if r.file_sha256 else "—",
                    str(c["accepted"]),
                    str(c["duplicate"]),
                    str(c["stale"]),
                    str(c["conflict"]),
                    str(c["set_aside"]),
                    outcome,
                ]
            )
        header = [
            self.tr("File"),
            self.tr("From"),
            self.tr("Bundle"),
            self.tr("Fingerprint"),
            self.tr("Accepted"),
            self.tr("Duplicate"),
            self.tr("Stale"),
            self.tr("Conflicts"),
            self.tr("Kept aside"),
            self.tr("Outcome"),
        ]
        self.results = table(self, header, rows, "importResults")
        self.results.resizeRowsToContents()
        layout.addWidget(self.results, 1)
        gaps = sorted({gap for r in reports for gap in r.gaps})
        self.gaps = QLabel(
            self.tr("Still missing: {gaps}.").format(gaps="; ".join(gaps))
            if gaps
            else self.tr("No bundle is missing."),
            self,
        )
        self.gaps.setObjectName("importGaps")
        self.gaps.setWordWrap(True)
        layout.addWidget(self.gaps)
        if conflicts and not collation:
            hint = QLabel(self.tr("Resolve conflicts with Head office → Conflicts…"), self)
            layout.addWidget(hint)
        kept = [
            f"• {r.case_reference or r.review_id[:8]} ({report.sender}): {r.detail}"
            for report in reports
            for r in report.reviews
            if r.outcome == "set_aside"
        ]
        if kept:
            intro = (
                self.tr(
                    "Reviews of cases withdrawn from their sender are not collated; head office keeps them "
                    "aside:"
                )
                if collation
                else self.tr(
                    "Reviews of cases withdrawn from their sender were kept aside, not merged (list them "
                    "with omi hq set-aside):"
                )
            )
            self.kept_aside = QLabel("\n".join([intro, *kept]), self)
            self.kept_aside.setObjectName("importKeptAside")
            self.kept_aside.setWordWrap(True)
            layout.addWidget(self.kept_aside)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 420)
