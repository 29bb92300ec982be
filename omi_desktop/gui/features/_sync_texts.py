"""What an imported assignment or receipt did, in words: the window's messages for the core's reports."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from omi_desktop.gui.dialogs import sync_common as files


def tr(text: str) -> str:
    return QCoreApplication.translate("Sync", text)


def assignment_text(report: Any) -> str:
    """What an imported assignment did, with each withdrawn case and what happened to its review."""
    label = report.inspection.label if report.inspection else ""
    if report.status == "duplicate":
        return tr("This assignment ({title}) was imported before; nothing changed.").format(title=label)
    if report.status == "stale":
        return tr("A newer assignment was already imported; this older one changed nothing.")
    own = report.own if report.lead else report.cases
    text = files.trn(
        "{n} case allocated to you is ready to review.",
        "{n} cases allocated to you are ready to review.",
        own,
    )
    if report.lead and report.cases > own:
        text += " " + files.trn(
            "{n} case of your team's is listed for collating their returns.",
            "{n} cases of your team's are listed for collating their returns.",
            report.cases - own,
        )
    lines = [tr("Imported {title}.").format(title=label) + " " + text]
    if report.withdrawn:
        lines.append("")
        lines.append(
            files.trn(
                "Head office has withdrawn {n} case from you. It is no longer in your case list:",
                "Head office has withdrawn {n} cases from you. They are no longer in your case list:",
                len(report.withdrawn),
            )
        )
        lines += [f"• {w.reference}: {w.reason_text()}; {w.standing_text()}." for w in report.withdrawn]
    return "\n".join(lines)


def receipt_text(r: Any) -> str:
    """What an imported receipt did (the core's ReceiptReport), in the words of `omi receipt import`."""
    if r.status == "duplicate":
        text = tr("This receipt was imported before; nothing changed.")
    else:
        text = files.trn(
            "Head office confirmed {n} review.",
            "Head office confirmed {n} reviews.",
            r.acknowledged,
        )
        if r.already:
            text += " " + files.trn("{n} was confirmed before.", "{n} were confirmed before.", r.already)
        if r.changed_since:
            text += " " + files.trn(
                "{n} changed here since it was sent and will go in the next export.",
                "{n} changed here since they were sent and will go in the next export.",
                r.changed_since,
            )
        if r.collated_newer:
            text += " " + files.trn(
                "{n} of the team's reviews collated here is newer than head office holds; its "
                "author returns it.",
                "{n} of the team's reviews collated here are newer than head office holds; their "
                "authors return them.",
                r.collated_newer,
            )
        if r.acknowledged_collated:
            text += "\n\n" + tr(
                "Their personal data can now be removed: File → Remove acknowledged case data… (tick "
                "“Also remove the team's reviews collated here”)."
            )
        elif r.acknowledged:
            text += "\n\n" + tr(
                "Their personal data can now be removed: File → Remove acknowledged case data…"
            )
    return text
