"""The case feedback sheet, parsed back with pypdf: facts, judgements in words and symbols, thread outcomes,
feedback points by the documented rule, drafts, very long notes, combined printing, refusals."""

from __future__ import annotations

from datetime import date

import pytest

from omi_desktop.core.clock import today
from omi_desktop.core.errors import NotFoundError, RefusedError
from omi_desktop.core.i18n import current_language
from omi_desktop.core.inspections import find_case
from omi_desktop.core.reports.feedback import feedback_pdf, feedback_sheets_pdf, finalised_on
from omi_desktop.core.reports.text import format_date
from omi_desktop.core.review import answer, open_case_review
from omi_desktop.core.settings import IDENTITY_ID, IDENTITY_NAME, set_setting
from omi_desktop.core.setup import InspectorSpec
from tests.helpers.engine import ACTOR, mini_store
from tests.helpers.reports import answer_case, complete, flat, fonts, page_texts, reader

CASES = [
    {
        "reference": "C001",
        "order_type": "licence",
        "commencement_date": date(2026, 5, 1),
        "rosh_level": "high",
        "tier": 3,
        "offender_manager": "Ffion Samplewood",
        "team": "Team Gŵyr",
        "inspector_id": ACTOR,
    },
    {
        "reference": "C002",
        "order_type": "community_order",
        "commencement_date": date(2026, 5, 20),
        "rosh_level": "low",
        "offender_manager": "Owain Testford",
        "inspector_id": ACTOR,
    },
    {"reference": "C003", "order_type": "licence", "commencement_date": date(2026, 5, 2)},
]


@pytest.fixture
def store(data_dir):
    store, inspection_id = mini_store(data_dir, CASES, team=[InspectorSpec(ACTOR, "Test Inspector One")])
    set_setting(store, IDENTITY_ID, ACTOR)
    set_setting(store, IDENTITY_NAME, "Test Inspector One")
    store.inspection_id = inspection_id
    return store


def test_the_sheet_shows_facts_judgements_threads_and_feedback(store, tmp_path):
    answer_case(
        store,
        store.inspection_id,
        "C001",
        complete("yes", "no", **{"1.2.4": "Plan discussed"}),
        notes={
            "1.1.2": "Thorough analysis of risks to a known victim in Llŷn.",  # feedback question, unmarked
            "1.2.1": "The assessment was three weeks late.",  # not a feedback question, marked
            "1.2.2": "Contact kept up through a difficult month.",  # number question, marked
            "1.2.4": "Internal evidence: see entries 3 to 7.",  # not feedback, unmarked: not printed
        },
        feedback={"1.2.1": "improvement", "1.2.2": "strength"},
    )
    out = tmp_path / "C001.pdf"
    rendered = feedback_pdf(store, "C001", out)
    texts = page_texts(out)
    text = flat(" ".join(texts))
    for fact in (
        "C001",
        "Licence",
        "High",
        "Tier 3",
        "Ffion Samplewood",
        "Team Gŵyr",
        "Test Inspector One (INS-T1)",
    ):
        assert fact in text, fact
    assert f"Date {format_date(today())}" in text
    assert f"Finalised on {format_date(today())}" in text
    # Per criterion, in words and symbols; per thread, the case's outcome.
    assert "1.1 Risk of Harm ✓ Met 1 of 1" in text
    assert "1.2 Likelihood of reoffending ✗ Not met 0 of 1" in text
    assert "Risk of Harm ✓ Done well enough 1 of 1" in text
    assert "Likelihood of Reoffending ✗ Not done well enough 0 of 1" in text
    strengths = text[text.index("Strengths") : text.index("Areas for improvement")]
    improvements = text[text.index("Areas for improvement") : text.index("Signatures")]
    assert "1.1.2 Was the full RoH analysis of sufficient quality? — Yes" in strengths
    assert "Thorough analysis of risks to a known victim in Llŷn." in strengths
    assert "1.2.2 Number of contacts in the first month" in strengths and "difficult month" in strengths
    assert "1.2.1 Was the likelihood of reoffending assessed on time? — No" in improvements
    assert "three weeks late" in improvements
    assert "Internal evidence" not in text
    assert "Signatures" in text and "Offender manager" in text
    assert "DRAFT" not in text
    # The rule for a case, in words (the framework's case_rule "all"), and no "not answered" key when final.
    assert (
        "A thread is done well enough for a case when every applicable answer on the thread is positive."
        in text
    )
    assert "meet the framework's rule" not in text and "Not answered yet" not in text
    for number, page in enumerate(texts, start=1):
        assert page.count("OFFICIAL-SENSITIVE") == 2
        assert f"Page {number} of {rendered.pages}" in page
    assert all(fonts(out).values())
    meta = reader(out).metadata
    assert meta.title == "Case feedback sheet — C001"
    assert meta.author == "Test Inspector One (INS-T1)"


def test_a_review_not_finalised_prints_as_a_draft(store):
    review_id = answer_case(store, store.inspection_id, "C002", complete("no", "yes"), final=False)
    text = flat(" ".join(page_texts(feedback_pdf(store, "C002").data)))
    assert "Case feedback sheet — C002 — DRAFT" in text
    assert "DRAFT: this case review is not finalised" in text
    assert "Review DRAFT — complete, not finalised" in text
    from omi_desktop.core.review import finalise

    finalise(store, review_id, actor=ACTOR)
    assert "DRAFT" not in " ".join(page_texts(feedback_pdf(store, "C002").data))


def test_a_review_in_progress_says_not_answered_yet_not_not_applicable(store):
    """A draft with one answer: what has not been answered is "Not answered yet" in words and symbol."""
    answer_case(store, store.inspection_id, "C001", {"1.1.1": "yes"}, final=False)  # 1.1.2 applies now
    text = flat(" ".join(page_texts(feedback_pdf(store, "C001").data)))
    # 1.1.2 (scored) and 1.1.3 (a required date) await; 1.2.1 (scored) and 1.2.2 (a required number).
    assert "1.1 Risk of Harm ○ Not answered yet 2 not answered yet" in text
    assert "1.2 Likelihood of reoffending ○ Not answered yet 2 not answered yet" in text
    assert "Risk of Harm ○ Not answered yet 1 not answered yet" in text
    assert "Likelihood of Reoffending ○ Not answered yet 1 not answered yet" in text
    assert "○ Not answered yet: nothing judged yet, questions still to answer" in text  # the legend
    legend_end = text.index("are left out.")
    assert "Not applicable" not in text[legend_end:]  # nothing on the draft is called not applicable
    # Half answered: the judgement so far, and what is still to answer beside it.
    answer_case(store, store.inspection_id, "C001", {"1.1.2": "yes"}, final=False)
    text = flat(" ".join(page_texts(feedback_pdf(store, "C001").data)))
    assert "1.1 Risk of Harm ✓ Met 1 of 1 1 not answered yet" in text  # 1.1.3 still to answer
    assert "1.2 Likelihood of reoffending ○ Not answered yet 2 not answered yet" in text


def test_the_thread_rule_is_printed_as_the_framework_sets_it(tmp_path):
    from omi_desktop.core.framework.loader import parse_framework
    from omi_desktop.core.reports.judgements import case_rule_words
    from tests.helpers.engine import MINI

    source = MINI.read_text(encoding="utf-8")
    threshold = source.replace(
        'partly = "zero"', 'partly = "half"\ncase_rule = "threshold"\ncase_threshold = 0.8'
    )
    assert case_rule_words(parse_framework(threshold)) == (
        "at least 80% of the applicable answers on the thread are positive (“Partly” counting as half)"
    )
    assert case_rule_words(parse_framework(source)) == "every applicable answer on the thread is positive"


def test_answers_to_questions_that_no_longer_apply_never_appear(store):
    review_id = answer_case(
        store,
        store.inspection_id,
        "C001",
        complete("no", "yes"),
        notes={"1.1.2": "Risk analysis missed the victim entirely."},
        final=False,
    )
    # Now the full analysis is no longer required: 1.1.2 and 1.1.3 are kept but skipped.
    answer(store, review_id, "1.1.1", "no", actor=ACTOR)
    text = flat(" ".join(page_texts(feedback_pdf(store, "C001").data)))
    assert "missed the victim" not in text and "1.1.2" not in text
    assert "1.1 Risk of Harm – Not applicable —" in text
    assert "Risk of Harm – Not applicable" in text


def test_very_long_notes_run_over_several_pages_without_overflow(store, tmp_path):
    long_note = " ".join(f"Sentence {n} about the plan in Gŵyr and Llŷn (ŵ, ŷ, Ŵ, Ŷ)." for n in range(700))
    answer_case(
        store,
        store.inspection_id,
        "C001",
        complete("no", "no"),
        notes={"1.1.1": long_note + " END-OF-FIRST", "1.2.1": long_note + " END-OF-SECOND"},
        feedback={"1.1.1": "improvement", "1.2.1": "improvement"},
    )
    rendered = feedback_pdf(store, "C001", tmp_path / "long.pdf")
    texts = page_texts(rendered.data)
    assert rendered.pages == len(texts) >= 6
    text = flat(" ".join(texts))
    assert "END-OF-FIRST" in text and "END-OF-SECOND" in text and "Signatures" in text
    assert "Sentence 699 about the plan in Gŵyr and Llŷn (ŵ, ŷ, Ŵ, Ŷ)." in text
    for number, page in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in page


def test_sheets_finalised_today_print_as_one_document(store, omi, data_dir, tmp_path):
    answer_case(store, store.inspection_id, "C001", complete("yes", "yes"))
    answer_case(store, store.inspection_id, "C002", complete(None, "no"))
    answer_case(store, store.inspection_id, "C003", complete("yes", "no"), final=False)
    cases = finalised_on(store, today(), store.inspection_id)
    assert [c.reference for c in cases] == ["C001", "C002"]
    assert finalised_on(store, date(2020, 1, 1), store.inspection_id) == []
    rendered = feedback_sheets_pdf(store, cases)
    outline = [item.title for item in reader(rendered.data).outline]
    assert outline == ["Case feedback sheet — C001", "Case feedback sheet — C002"]
    texts = page_texts(rendered.data)
    assert len(texts) == rendered.pages >= 2
    for page in texts:
        assert "Page 1 of 1" in page or "Page 1 of 2" in page or "Page 2 of 2" in page
        assert page.count("OFFICIAL-SENSITIVE") == 2  # the marking at the top and the foot of every page
    assert all(fonts(rendered.data).values())  # every font embedded
    meta = reader(rendered.data).metadata
    title = f"Case feedback sheets — Area One, finalised {format_date(today())}"
    assert meta.title == title and meta.subject == title  # which area and which day, not just "sheets"
    assert meta.author == "Test Inspector One (INS-T1)"
    with pytest.raises(RefusedError, match="not finalised"):
        feedback_sheets_pdf(store, [*cases, find_case(store, "C003")])
    store.close()
    out = tmp_path / "today.pdf"
    result = omi("feedback", "--finalised-today", "--out", out, "--data-dir", data_dir, "--json")
    assert result.code == 0, result.err
    assert result.json()["cases"] == ["C001", "C002"] and out.exists()


def test_refusals_are_one_line_and_write_nothing(store, omi, data_dir, tmp_path):
    with pytest.raises(RefusedError, match="has not been reviewed yet"):
        feedback_pdf(store, "C003")
    open_case_review(store, find_case(store, "C003").id, actor=ACTOR)  # opened, nothing answered yet
    with pytest.raises(RefusedError, match="has not been reviewed yet"):
        feedback_pdf(store, "C003")
    with pytest.raises(NotFoundError):
        feedback_pdf(store, "C999")
    answer_case(store, store.inspection_id, "C001", complete("yes", "yes"))
    store.close()
    for argv, message in [
        (["feedback", "C003", "--out", tmp_path / "a.pdf"], "has not been reviewed yet"),
        (["feedback", "C999", "--out", tmp_path / "a.pdf"], "no case 'C999'"),
        (["feedback", "C001", "--out", tmp_path / "no" / "a.pdf"], "does not exist"),
        (["feedback", "C001", "--out", tmp_path / "a.docx"], "must end in .pdf"),
        (["feedback", "--out", tmp_path / "a.pdf"], "name one case"),
    ]:
        result = omi(*argv, "--data-dir", data_dir)
        assert result.code == 1 and message in result.err and result.err.count("\n") == 1, (argv, result.err)
    assert list(tmp_path.glob("**/*.pdf")) == []
    made = omi("feedback", "C001", "--out", tmp_path / "ok.pdf", "--data-dir", data_dir)
    assert made.code == 0 and "ok.pdf" in made.out
    welsh = omi("feedback", "C001", "--language", "cy", "--out", tmp_path / "cy.pdf", "--data-dir", data_dir)
    assert welsh.code == 0 and (tmp_path / "cy.pdf").exists()
    assert current_language() == "en"  # the language asked for one document does not stick


def test_a_criterion_answered_partly_and_no_is_partly_met_and_the_legend_says_why(tmp_path):
    """[Partly, No]: no answer positive, yet partly met. The legend and the figure must say the same."""
    from omi_desktop.core.framework import registry
    from omi_desktop.core.setup import create_inspection
    from omi_desktop.core.store import Store
    from tests.helpers.engine import MINI

    second = (
        '[[section.criterion.question]]\nid = "1.2.8"\ntext.en = "Was the plan reviewed on time?"\n'
        'type = "judgement"\nthreads = ["LoR"]\n\n'
    )
    source = MINI.read_text(encoding="utf-8")
    anchor = source.index('[[section.criterion.question]]\nid = "1.2.2"')
    framework = tmp_path / "mini.toml"
    framework.write_text(source[:anchor] + second + source[anchor:], encoding="utf-8")
    store = Store.open(tmp_path / "data")
    registry.install(store, framework)
    inspection = create_inspection(
        store, title="Test inspection", area_code="A1", area_name="Area One", framework_id="mini",
        fieldwork_start=date(2026, 11, 2), cases=[CASES[0] | {"inspector_id": None}],
    )  # fmt: skip
    answer_case(store, inspection.id, "C001", complete("yes", "partly", **{"1.2.8": "no"}))
    text = flat(" ".join(page_texts(feedback_pdf(store, "C001", tmp_path / "sheet.pdf").path)))
    assert "1.2 Likelihood of reoffending ◐ Partly met 0 of 2 (1 partly)" in text
    assert "◐ Partly met: some positive, or any “Partly”" in text
    assert "✗ Not met: every answer negative" in text
    assert "none positive" not in text
    store.close()
