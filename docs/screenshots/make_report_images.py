"""Regenerate the pictures of every printed document in docs/screenshots/ (report-*.png).

    python docs/screenshots/make_report_images.py [--out docs/screenshots] [--dpi 80]

Builds a throw-away data folder with the training inspection (60 of its 100 cases finalised, so the
interim report says "based on 60 of 100"), two more fictional training inspections in the same region (so
the area report has a regional comparison), the lead inspector's themes (with Welsh letters), and one case
left in progress (a draft sheet). Each document is written as a PDF and its pages rendered with pdftoppm
(poppler-utils), so a person can look at what an office printer would get; the interim report's pages on
the area assessment, on the questionnaires and on the cases are also written on their own
(report-leadership-1.png, report-service-users-1.png, report-interim-cases-1.png).
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from omi_desktop.core.demo import (  # noqa: E402
    DEMO_REGION,
    PlausibleAnswers,
    make_demo,
    synthetic_cases,
)
from omi_desktop.core.inspections import find_case, list_cases  # noqa: E402
from omi_desktop.core.reports.area import area_pdf  # noqa: E402
from omi_desktop.core.reports.feedback import feedback_pdf  # noqa: E402
from omi_desktop.core.reports.interim import interim_pdf  # noqa: E402
from omi_desktop.core.reports.themes import add_theme  # noqa: E402
from omi_desktop.core.review import AnswerItem, answer_many, finalise, open_case_review  # noqa: E402
from omi_desktop.core.setup import create_inspection  # noqa: E402
from omi_desktop.core.store import Store  # noqa: E402

ANCHOR = date(2026, 11, 2)
ACTOR = "TRN-INS-01"
NEIGHBOURS = (  # fictional areas in the training region, with their own standard of work
    ("TRN-WF", "Westfell (training)", {"RoH": 0.58, "LoR": 0.66, "CE": 0.72}),
    ("TRN-SH", "Southholm (training)", {"RoH": 0.74, "LoR": 0.73, "CE": 0.80}),
)
THEMES = (
    (
        "improvement",
        "Risk of Harm screening is timely, but full analyses are thin",
        "Screening was completed on time in most cases. Where a full analysis was required it rarely drew on "
        "police information or considered potential victims, and managers countersigned without comment.",
    ),
    (
        "strength",
        "Offender managers know their cases and involve individuals in planning",
        "Interviews showed a good grasp of each case. In the Gŵyr and Llŷn teams sentence plans were written "
        "in Welsh where the individual preferred it.",
    ),
    (
        "general",
        "Enforcement decisions are recorded but not always explained",
        "Breach action was taken in most cases that needed it; the reasons for not acting were seldom "
        "written down.",
    ),
)


def neighbour(
    store: Store, code: str, name: str, quality: dict[str, float], seed: int, cases: int = 40
) -> None:
    rng = random.Random(seed)
    facts = synthetic_cases(rng, ANCHOR, count=cases)
    for n, case in enumerate(facts, start=1):
        case["reference"] = f"{code[-2:]}{n:05d}"
    inspection = create_inspection(
        store,
        title=f"{name.split(' (')[0]} Offender Management Inspection",
        area_code=code,
        area_name=name,
        region_code=DEMO_REGION[0],
        region_name=DEMO_REGION[1],
        fieldwork_start=ANCHOR - timedelta(days=70),
        fieldwork_end=ANCHOR - timedelta(days=66),
        cases=facts,
        training=True,
    )

    class AreaAnswers(PlausibleAnswers):
        THREAD_QUALITY = quality

    from omi_desktop.core.framework.registry import get_framework

    framework = get_framework(store, inspection.framework_id, inspection.framework_version)
    answers = AreaAnswers(framework, rng, ANCHOR)
    for case in list_cases(store, inspection.id):
        view = open_case_review(store, case.id, actor=ACTOR)
        given = {qid: a.value for qid, a in view.answers.items()}
        view = answer_many(
            store,
            view.review.id,
            answers.for_review("case", view.facts, view.active_modules, given),
            actor=ACTOR,
        )
        finalise(store, view.review.id, actor=ACTOR)


def draft_case(store: Store, inspection_id: str) -> str:
    """Answer part of the first unfinalised case and leave it in progress."""
    case = next(c for c in list_cases(store, inspection_id) if c.status == "not_started")
    view = open_case_review(store, case.id, actor=ACTOR)
    items = [
        AnswerItem("1.1.1", "yes", "Screening completed on day three, in the office in Llŷn.", "strength"),
        AnswerItem("1.1.2", "yes"),
    ]
    answer_many(store, view.review.id, items, actor=ACTOR)
    return case.reference


def render(pdf: Path, out: Path, stem: str, dpi: int, pages: int | None) -> list[Path]:
    for old in out.glob(f"{stem}-*.png"):
        old.unlink()
    command = ["pdftoppm", "-r", str(dpi), "-png"]
    if pages:
        command += ["-l", str(pages)]
    subprocess.run([*command, str(pdf), str(out / stem)], check=True)
    made = sorted(out.glob(f"{stem}-*.png"))
    # pdftoppm pads page numbers to the width of the page count; keep names short and stable.
    result = []
    for path in made:
        number = int(path.stem.rsplit("-", 1)[1])
        target = out / f"{stem}-{number}.png"
        path.rename(target)
        result.append(target)
    return result


def page_with(pdf: Path, words: str) -> int:
    """The number of the first page of ``pdf`` whose text holds ``words`` (pdftotext, poppler-utils)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    for number, page in enumerate(text.stdout.split("\f"), start=1):
        if words in page:
            return number
    raise LookupError(f"{words!r} is not in {pdf.name}")


def render_sections(pdf: Path, out: Path, dpi: int) -> list[Path]:
    """The interim report's pages on the area assessment, the questionnaires and the cases, on their own."""
    made = []
    sections = (
        ("report-leadership", "Leadership and strategic planning"),
        ("report-service-users", "Service users"),
        ("report-interim-cases", "Cases in the sample"),
    )
    for stem, words in sections:
        first = page_with(pdf, words)
        for old in out.glob(f"{stem}-*.png"):
            old.unlink()
        target = out / f"{stem}-1"
        command = ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(first), "-l", str(first)]
        subprocess.run([*command, str(pdf), str(target)], check=True)
        made.append(target.with_suffix(".png"))
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is needed (Debian/Ubuntu: apt-get install poppler-utils)", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="omi-report-images-") as folder:
        work = Path(folder)
        store = Store.open(work / "data")
        demo = make_demo(store, answered=60, seed=2006, anchor=ANCHOR)
        for number, (code, name, quality) in enumerate(NEIGHBOURS, start=1):
            neighbour(store, code, name, quality, seed=number)
        for kind, heading, text in THEMES:
            add_theme(store, demo.inspection.id, heading, text, kind=kind, author="TRN-LEAD-01")
        draft = draft_case(store, demo.inspection.id)
        finalised = next(c for c in list_cases(store, demo.inspection.id) if c.status == "finalised")
        documents = [
            ("report-feedback-sheet", lambda p: feedback_pdf(store, finalised.id, p), None),
            ("report-feedback-draft", lambda p: feedback_pdf(store, find_case(store, draft).id, p), 2),
            ("report-interim", lambda p: interim_pdf(store, demo.inspection.id, p), 3),
            ("report-area", lambda p: area_pdf(store, demo.inspection.id, p), 3),
        ]
        for stem, build, pages in documents:
            pdf = work / f"{stem}.pdf"
            rendered = build(pdf)
            images = render(pdf, args.out, stem, args.dpi, pages)
            if stem == "report-interim":
                images += render_sections(pdf, args.out, args.dpi)
            print(f"{stem}: {rendered.pages} pages, wrote {', '.join(p.name for p in images)}")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
