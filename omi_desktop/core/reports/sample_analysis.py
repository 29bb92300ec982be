"""The printable analysis of a sample: what was drawn, from what, how, and what was left out and why.

For the head-office analyst and for the file: the parameters and seed (so the sample can be drawn again),
strata with population and sample shares, LDUs and responsible officers, minimums, replacements, shortfalls,
duplicates, invalid rows and exclusions. Exclusions outside the eligibility window (usually most of a long
list) are counted, not listed; every other exclusion is listed row by row (``omi hq analysis --json`` lists
them all).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from reportlab.platypus import Flowable

from omi_desktop.core.i18n import _
from omi_desktop.core.reports.document import Rendered, render_pdf
from omi_desktop.core.reports.marking import document_info, fieldwork
from omi_desktop.core.reports.styles import boxed, data_table, facts_table, gap, para, section, styles
from omi_desktop.core.reports.text import format_date, format_moment
from omi_desktop.core.sampling.analysis import RowLine, SampleAnalysis
from omi_desktop.core.sampling.eligibility import reason_label
from omi_desktop.core.store import Store

LISTED_REASONS = ("redacted", "not_commenced", "missing_data")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _n(value: int) -> str:
    return f"{value:,}"


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def _statement(a: SampleAnalysis) -> Flowable:
    c = a.counts
    text = _("{sampled} cases sampled from {rows} long-list rows").format(
        sampled=_n(c["sampled"]), rows=_n(c["rows"])
    )
    parts = [
        _("{n} in the sample frame").format(n=_n(c["frame"])),
        _("{n} excluded").format(n=_n(c["excluded"])),
        _("{n} duplicates").format(n=_n(c["duplicates"])),
    ]
    if c["invalid"]:
        parts.append(_("{n} invalid rows left out").format(n=_n(c["invalid"])))
    s = styles()
    content: list[Flowable] = [para(text, s.statement), para(_("Rows: ") + "; ".join(parts) + ".", s.body)]
    if a.shortfalls:
        content.append(para(_("Shortfalls:"), s.h3))
        content += [para("• " + line, s.body) for line in a.shortfalls]
    else:
        content.append(para(_("No shortfall: every stratum, minimum and the cap were met."), s.body))
    if a.inspection.training:
        content.append(para(_("TRAINING DATA: fictional cases, not a real inspection."), s.statement))
    return boxed(content)


def _parameters(a: SampleAnalysis) -> Flowable:
    info, p = a.sample, a.sample.parameters
    cap = p["max_per_officer"]
    minimums = ", ".join(f"{m['name']} ≥ {m['count']}" for m in p["minimums"]) or _("none")
    return facts_table(
        [
            (_("Area"), a.inspection.area_name),
            (
                _("Fieldwork"),
                fieldwork(a.inspection).removeprefix(_("Fieldwork")).strip() or _("Not recorded"),
            ),
            (_("Long list"), f"{info.source_name} ({info.source_encoding})"),
            (_("File SHA-256"), f"{info.source_sha256[:16]}…"),
            (_("Drawn"), f"{format_moment(info.created_at)}, {info.created_by}"),
            (_("Seed"), str(info.seed)),
            (_("Sample size asked"), str(p["size"])),
            (_("Buffer"), f"{p['buffer_percent']:g}%"),
            (
                _("Eligibility window"),
                _("started {first} to {last}").format(
                    first=format_date(p["window_start"]), last=format_date(p["window_end"])
                ),
            ),
            (_("Commenced by"), format_date(p["as_of"])),
            (_("Cases per officer"), _("at most {n}").format(n=cap) if cap else _("no limit")),
            (_("Minimums"), minimums),
            (_("Method"), info.algorithm),
            (_("Other genders"), p["strata"]["other_gender"]),
        ]
    )


def _strata(a: SampleAnalysis) -> list[Flowable]:
    rows = [
        [
            s.label,
            _n(s.population),
            _pct(s.population_percent),
            s.target,
            s.sampled,
            _pct(s.sample_percent),
            s.buffer_left,
        ]
        for s in a.strata
    ]
    c = a.counts
    rows.append(
        [
            _("Total"),
            _n(c["frame"]),
            "100.0%",
            a.sample.parameters["size"],
            c["sampled"],
            "100.0%",
            c["buffer_left"],
        ]
    )
    header = [
        _("Stratum"),
        _("Frame"),
        _("% of frame"),
        _("Target"),
        _("Sampled"),
        _("% of sample"),
        _("Buffer left"),
    ]
    table = data_table(
        header, rows, [0.32, 0.09, 0.11, 0.1, 0.12, 0.12, 0.14], align="LRRRRRR", bold_first_column=True
    )
    story: list[Flowable] = [
        para(
            _(
                "Targets are the largest-remainder shares of the sample size in proportion to each stratum's "
                "frame population; the sampled counts include any replacements."
            ),
            styles().small,
        ),
        gap(1),
        table,
    ]
    if a.other_genders:
        listed = "; ".join(
            _("{gender}: {frame} in the frame, {sampled} sampled").format(
                gender=g.replace("_", " "), frame=v["frame"], sampled=v["sampled"]
            )
            for g, v in sorted(a.other_genders.items())
        )
        story += [gap(2), para(_("Recorded as neither male nor female — {listed}.").format(listed=listed))]
    return story


def _minimums(a: SampleAnalysis) -> list[Flowable]:
    if not a.minimums:
        return []
    rows = [
        [
            m.get("label", m["name"]),
            m["required"],
            m.get("before", "—"),
            len(m.get("swaps", [])),
            m["now"],
            _("met") if m["now"] >= m["required"] else _("NOT MET"),
        ]
        for m in a.minimums
    ]
    header = [_("Minimum"), _("Required"), _("Before swaps"), _("Swaps"), _("In sample now"), _("Result")]
    return section(
        _("Minimum counts"), data_table(header, rows, [0.26, 0.13, 0.15, 0.12, 0.17, 0.17], align="LRRRRL")
    )


def _groups(a: SampleAnalysis) -> list[Flowable]:
    ldu_rows = [[g.cluster, g.ldu, _n(g.population), g.sampled] for g in a.ldus]
    ldus = data_table(
        [_("Cluster"), _("LDU"), _("Frame"), _("Sampled")], ldu_rows, [0.35, 0.35, 0.15, 0.15], align="LLRR"
    )
    with_cases = [g for g in a.officers if g.sampled]
    officer_rows = [[g.ldu, g.officer or "", g.population, g.sampled] for g in with_cases]
    officers = data_table(
        [_("LDU"), _("Responsible officer"), _("Frame"), _("Sampled")],
        officer_rows,
        [0.35, 0.35, 0.15, 0.15],
        align="LLRR",
    )
    cap = a.sample.parameters["max_per_officer"]
    summary = _(
        "{with_cases} of {all} responsible officers have sampled cases; the most from one officer is {most}"
    ).format(with_cases=len(with_cases), all=len(a.officers), most=a.most_per_officer)
    summary += _(" (limit {cap}).").format(cap=cap) if cap else "."
    return [
        *section(_("Local delivery units"), ldus),
        *section(_("Responsible officers"), para(summary), gap(1), officers),
    ]


def _replacements(a: SampleAnalysis) -> list[Flowable]:
    if not a.replacements:
        return []
    labels = {s.id: s.label for s in a.strata}
    rows = [
        [
            r.replaced_crn,
            r.replacement_crn,
            labels.get(r.stratum, r.stratum),
            f"{format_moment(datetime.fromisoformat(r.at))}, {r.actor}",
            r.reason,
        ]
        for r in a.replacements
    ]
    header = [_("Replaced"), _("By"), _("Stratum"), _("When, who"), _("Why")]
    return section(_("Replacements"), data_table(header, rows, [0.14, 0.14, 0.22, 0.2, 0.3]))


def _row_table(lines: Sequence[RowLine], *, duplicates: bool = False) -> Flowable:
    if duplicates:
        rows = [[line.row, line.crn, line.duplicate_of or "", line.detail] for line in lines]
        return data_table(
            [_("Row"), _("CRN"), _("Kept row"), _("Why the same person")],
            rows,
            [0.1, 0.18, 0.12, 0.6],
            align="RLRL",
        )
    rows = [[line.row, line.crn, _capital(line.reason), line.detail] for line in lines]
    return data_table(
        [_("Row"), _("CRN"), _("Reason"), _("Detail")], rows, [0.1, 0.18, 0.32, 0.4], align="RLLL"
    )


def _left_out(a: SampleAnalysis) -> list[Flowable]:
    story: list[Flowable] = []
    counts = [[_capital(reason_label(r)), _n(n)] for r, n in sorted(a.excluded_by_reason.items())]
    counts.append([_capital(reason_label("duplicate")), _n(a.counts["duplicates"])])
    if a.counts["invalid"]:
        counts.append([_("Invalid row (left out at import)"), _n(a.counts["invalid"])])
    story += section(_("Rows left out"), data_table([_("Reason"), _("Rows")], counts, [0.7, 0.3], align="LR"))
    before, after = a.outside_window.get("before", 0), a.outside_window.get("after", 0)
    if before or after:
        p = a.sample.parameters
        story.append(gap(1.5))
        story.append(
            para(
                _(
                    "Outside the eligibility window: {before} started before {first}, {after} after {last}. "
                    "They are not listed here; 'omi hq analysis --json' lists every row."
                ).format(
                    before=_n(before),
                    first=format_date(p["window_start"]),
                    after=_n(after),
                    last=format_date(p["window_end"]),
                ),
                styles().small,
            )
        )
    if a.duplicates:
        story += section(_("Duplicate offenders"), _row_table(a.duplicates, duplicates=True), level=2)
    if a.invalid:
        story += section(_("Invalid rows"), _row_table(a.invalid), level=2)
    listed = [e for e in a.exclusions if any(e.reason == reason_label(r) for r in LISTED_REASONS)]
    if listed:
        story += section(_("Exclusions other than the window"), _row_table(listed), level=2)
    return story


def analysis_story(a: SampleAnalysis) -> list[Flowable]:
    s = styles()
    return [
        para(_("Sample analysis"), s.title),
        para(a.inspection.label, s.subtitle),
        _statement(a),
        gap(4),
        _parameters(a),
        *section(_("Strata"), *_strata(a)),
        *_minimums(a),
        *_groups(a),
        *_replacements(a),
        *_left_out(a),
    ]


def write_sample_analysis(store: Store, analysis: SampleAnalysis, out: Path | str | None = None) -> Rendered:
    """The analysis as a PDF on the shared document base (written to ``out`` when given)."""
    info = document_info(
        store,
        analysis.inspection,
        _("Sample analysis"),
        subject=_("Sample of {n} cases, seed {seed}").format(
            n=analysis.counts["sampled"], seed=analysis.sample.seed
        ),
    )
    return render_pdf(info, analysis_story(analysis), out)
