"""What one case review says, in words: per-criterion judgements, thread outcomes, feedback points.

Rules (documented in docs/reports.md):

- Only answers that count are used: the question is in the review (active modules), the answer is
  relevant (answers kept for questions that no longer apply never appear) and has a value.
- A criterion's judgement for one case comes from its applicable judgement answers on scored questions
  ("Not applicable" leaves out; so does "Partly" when the framework excludes it from scores):
  every answer positive -> Met ✓; every answer the negative judgement -> Not met ✗; anything between
  (some positive, or any "Partly") -> Partly met ◐; no applicable answer -> Not applicable –. Beside it:
  how many answers were positive, and how many "Partly" ("0 of 2 (1 partly)"), so the figure shows why a
  criterion with no positive answer can still be partly met. ``verdict_legend()`` says the same in words.
- On a review that is not finalised, a criterion with no applicable answer yet is Not answered yet ○ (not
  "Not applicable": nothing has been judged yet) while any question it depends on still awaits an answer:
  its own relevant questions, scored or not, and the gate questions whose answers decide whether its
  scored questions apply (2.4.1 "appointments missed" for 2.4's judgements), gates of gates included.
  A question awaits an answer when it is relevant, unanswered and scored or required (a blank optional
  question is a complete answer). Only when nothing awaits an answer and no scored answer applies is a
  draft's criterion Not applicable. Beside any criterion of a draft: how many of those questions await.
- A thread's outcome for one case follows the framework's per-case rule (the same as the per-case view of
  the headline scores): done well enough ✓ or not ✗, with the count of positive answers; on a review not
  finalised, a thread with no applicable answer yet is Not answered yet ○ by the same rule (its questions
  and their gates).
- Feedback points: a note the inspector marked as a strength or an area for improvement is listed as
  marked. An unmarked note on a question whose note is feedback (``feedback = true`` in the framework) is
  listed by its judgement: positive -> strength; "No" or "Partly" -> area for improvement; "Not
  applicable" or a question that is not a judgement -> not listed. Other unmarked notes are the
  inspector's evidence and are not printed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.model import Condition
from omi_desktop.core.i18n import _, current_language
from omi_desktop.core.review.state import AnswerInfo, ReviewView
from omi_desktop.core.review.values import judgement_label
from omi_desktop.core.scoring import ScoredAnswer, answer_weight, score

MET, PARTLY_MET, NOT_MET, NOT_APPLICABLE = "met", "partly_met", "not_met", "not_applicable"
NOT_ANSWERED = "not_answered"  # a draft's criterion or thread with nothing answered on it yet
SYMBOLS = {MET: "✓", PARTLY_MET: "◐", NOT_MET: "✗", NOT_APPLICABLE: "–", NOT_ANSWERED: "○"}
DONE, NOT_DONE = "✓", "✗"


def verdict_words(verdict: str) -> str:
    return {
        MET: _("Met"),
        PARTLY_MET: _("Partly met"),
        NOT_MET: _("Not met"),
        NOT_APPLICABLE: _("Not applicable"),
        NOT_ANSWERED: _("Not answered yet"),
    }[verdict]


def verdict_label(verdict: str) -> str:
    """Symbol and words together, e.g. ``✓ Met``: never the symbol alone."""
    return f"{SYMBOLS[verdict]} {verdict_words(verdict)}"


def verdict_legend(of: str = "answer", *, draft: bool = False) -> str:
    """The key to the judgements, in the words of the rule above (``of``: "answer" or "judgement").

    ``draft``: the review is not finalised, so the key also explains "Not answered yet".
    """
    if of == "judgement":
        rules = {
            MET: _("every judgement positive"),
            PARTLY_MET: _("some positive, or any “Partly”"),
            NOT_MET: _("every judgement negative"),
            NOT_APPLICABLE: _("no judgement applies"),
        }
        tail = _("“Not applicable” judgements are left out.")
    else:
        rules = {
            MET: _("every answer positive"),
            PARTLY_MET: _("some positive, or any “Partly”"),
            NOT_MET: _("every answer negative"),
            NOT_APPLICABLE: _("no answer applies"),
        }
        if draft:
            rules[NOT_ANSWERED] = _("nothing judged yet, questions still to answer")
        tail = _("“Not applicable” answers are left out.")
    parts = [f"{verdict_label(verdict)}: {rule}" for verdict, rule in rules.items()]
    return "   ·   ".join(parts) + ".   " + tail


def positive_count(positive: int, applicable: int, partly: int = 0, unanswered: int = 0) -> str:
    """``"2 of 3"``, or ``"0 of 2 (1 partly)"`` when some answers were "Partly"; "—" when none applies.

    ``unanswered``: relevant questions of a draft not answered yet: "2 of 3 · 1 not answered yet", or
    "3 not answered yet" when none is answered.
    """
    waiting = _("{k} not answered yet").format(k=unanswered) if unanswered else ""
    if not applicable:
        return waiting or "—"
    text = _("{positive} of {n}").format(positive=positive, n=applicable)
    if partly:
        text += " " + _("({k} partly)").format(k=partly)
    return f"{text} · {waiting}" if waiting else text


@dataclass(frozen=True)
class CriterionJudgement:
    criterion_id: str
    title: str
    section_id: str
    section_title: str
    verdict: str  # met | partly_met | not_met | not_applicable | not_answered
    positive: int  # applicable answers that were positive
    applicable: int  # answers that count towards the judgement
    partly: int = 0  # applicable answers that were "Partly"
    unanswered: int = 0  # a draft's relevant scored questions not answered yet

    @property
    def count(self) -> str:
        return positive_count(self.positive, self.applicable, self.partly, self.unanswered)

    @property
    def label(self) -> str:
        return verdict_label(self.verdict)


@dataclass(frozen=True)
class ThreadOutcome:
    thread: str
    title: str
    done: bool | None  # None: no applicable answer on this thread
    positive: float
    applicable: int
    unanswered: int = 0  # a draft's relevant questions on this thread not answered yet

    @property
    def verdict(self) -> str | None:
        """``not_answered`` or ``not_applicable`` when there is no outcome; None when there is one."""
        if self.done is not None:
            return None
        return NOT_ANSWERED if self.unanswered else NOT_APPLICABLE

    @property
    def label(self) -> str:
        if self.verdict is not None:
            return verdict_label(self.verdict)
        return f"{DONE} {_('Done well enough')}" if self.done else f"{NOT_DONE} {_('Not done well enough')}"


@dataclass(frozen=True)
class FeedbackPoint:
    question_id: str
    question: str  # the question text in the current language
    criterion: str  # "1.1 Risk of Harm assessment"
    judgement: str  # "Yes", "No", ... or "" when the question is not a judgement
    note: str
    kind: str  # strength | improvement
    marked: bool  # True: the inspector marked it; False: placed by the rule above


def counted_answers(view: ReviewView) -> list[tuple[str, AnswerInfo]]:
    """The answers that count, in reading order: in the review, relevant, with a value.

    Relevance is the flag settled with the review's last change (as scoring uses it), so a finalised
    review reads the same whatever today's date.
    """
    result = []
    for qid in view.evaluation.order:
        answer = view.answers.get(qid)
        if answer is None or not answer.relevant or answer.value in (None, "", []):
            continue
        result.append((qid, answer))
    return result


def _judgement_of(view: ReviewView, question_id: str, value: str) -> str | None:
    """``positive``, ``negative`` or ``partial`` for an answer that counts; None when it leaves out."""
    weight = answer_weight(view.framework, question_id, value)
    if weight is None:
        return None
    if value == "partly":
        return "partial"
    return "positive" if weight == 1.0 else "negative"


def unanswered_questions(view: ReviewView) -> list[str]:
    """A draft's questions still awaiting an answer (none once the review is finalised).

    Relevant, not answered, and either scored or required: a blank optional question is a complete
    answer, so it never keeps anything waiting.
    """
    if view.review.finalised:
        return []
    statuses = view.evaluation.statuses
    questions = view.framework.questions
    return [
        qid
        for qid in view.evaluation.order
        if statuses[qid].relevant
        and not statuses[qid].answered
        and (questions[qid].scored or questions[qid].required)
    ]


_GATES: WeakKeyDictionary[Framework, dict[str, frozenset[str]]] = WeakKeyDictionary()


def gate_questions(framework: Framework, question_id: str) -> frozenset[str]:
    """The questions whose answers decide whether ``question_id`` applies, gates of gates included."""
    gates = _GATES.get(framework)
    if gates is None:
        gates = _GATES[framework] = {}
    found = gates.get(question_id)
    if found is None:
        direct = _mentioned(framework.questions[question_id].relevant)
        found = frozenset(direct).union(*(gate_questions(framework, q) for q in direct if q != question_id))
        gates[question_id] = found
    return found


def _mentioned(condition: Condition | None) -> set[str]:
    """The question ids a relevance condition reads."""
    if condition is None:
        return set()
    found = {condition.answered} if condition.answered else set()
    for subject in (condition.equals, condition.in_, condition.contains):
        if subject is not None and subject.question:
            found.add(subject.question)
    if condition.compare is not None:
        found |= {o.question for o in (condition.compare.left, condition.compare.right) if o.question}
    for inner in (condition.all or []) + (condition.any or []) + [condition.not_]:
        found |= _mentioned(inner)
    return found


def _waiting_counts(view: ReviewView, members: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """For each key of ``members`` (criterion or thread -> its questions), how many of those questions
    and of the gates of its scored ones are still awaiting an answer on a draft."""
    waiting = set(unanswered_questions(view))
    if not waiting:
        return {}
    framework = view.framework
    counts = {}
    for key, questions in members.items():
        relevant = set(questions)
        for qid in questions:
            if framework.questions[qid].scored:
                relevant |= gate_questions(framework, qid)
        counts[key] = len(relevant & waiting)
    return counts


def criterion_judgements(view: ReviewView) -> list[CriterionJudgement]:
    """One judgement per criterion of the review's instrument that has scored questions, in order."""
    language = current_language()
    framework = view.framework
    sections = framework.sections(view.review.instrument, view.active_modules)
    members = {c.id: [q.id for q in c.question] for s in sections for c in s.criterion}
    waiting = _waiting_counts(view, members)
    tallies: dict[str, list[int]] = {}
    for qid, answer in counted_answers(view):
        question = framework.questions[qid]
        if not question.scored or not isinstance(answer.value, str):
            continue
        kind = _judgement_of(view, qid, answer.value)
        if kind is None:
            continue
        tally = tallies.setdefault(framework.placement[qid].criterion.id, [0, 0, 0])
        tally[("positive", "partial", "negative").index(kind)] += 1
    result = []
    for section in sections:
        for criterion in section.criterion:
            if not any(q.scored for q in criterion.question):
                continue
            positive, partial, negative = tallies.get(criterion.id, (0, 0, 0))
            applicable = positive + partial + negative
            unanswered = waiting.get(criterion.id, 0)
            if applicable == 0:
                verdict = NOT_ANSWERED if unanswered else NOT_APPLICABLE
            elif positive == applicable:
                verdict = MET
            elif negative == applicable:
                verdict = NOT_MET
            else:
                verdict = PARTLY_MET
            result.append(
                CriterionJudgement(
                    criterion.id,
                    criterion.title.get(language),
                    section.id,
                    section.title.get(language),
                    verdict,
                    positive,
                    applicable,
                    partial,
                    unanswered,
                )
            )
    return result


def thread_outcomes(view: ReviewView) -> list[ThreadOutcome]:
    """The case's outcome on each headline thread, by the framework's per-case rule."""
    answers = [
        ScoredAnswer(view.review.id, qid, answer.value)
        for qid, answer in counted_answers(view)
        if view.framework.questions[qid].scored and isinstance(answer.value, str)
    ]
    in_review = set(view.evaluation.order)
    members = {t: [q for q in qs if q in in_review] for t, qs in view.framework.thread_questions.items()}
    return outcomes_of(view.framework, answers, _waiting_counts(view, members))


def outcomes_of(
    framework: Framework, answers: Sequence[ScoredAnswer], unanswered: Mapping[str, int] | None = None
) -> list[ThreadOutcome]:
    """Thread outcomes of one review from its answers that count (scored questions, relevant).

    ``unanswered``: per thread, a draft's relevant questions not answered yet (see ``ThreadOutcome``).
    """
    unanswered = unanswered or {}
    language = current_language()
    scores = score(framework, answers, reviews=1)
    titles = {t.id: t.title.get(language) for t in framework.threads}
    result = []
    for thread in scores.threads:
        cases, counted = thread.cases, thread.answers
        done = None if cases.applicable == 0 else cases.positive >= 1
        title = titles.get(thread.thread, thread.title)
        waiting = unanswered.get(thread.thread, 0)
        outcome = ThreadOutcome(thread.thread, title, done, counted.positive, counted.applicable, waiting)
        result.append(outcome)
    return result


def case_rule_words(framework: Framework) -> str:
    """The framework's rule for a case being done well enough on a thread, in words."""
    rules = framework.spec.scoring
    if rules.case_rule == "all":
        rule = _("every applicable answer on the thread is positive")
    else:
        rule = _("at least {percent}% of the applicable answers on the thread are positive").format(
            percent=f"{100 * rules.case_threshold:g}"
        )
        if rules.partly == "half":
            rule += " " + _("(“Partly” counting as half)")
    if rules.partly == "exclude":
        rule += " " + _("(“Partly” answers are left out)")
    return rule


def feedback_points(view: ReviewView) -> list[FeedbackPoint]:
    """Strengths and areas for improvement for the case manager, in reading order."""
    language = current_language()
    framework = view.framework
    points = []
    for qid, answer in _noted_answers(view):
        question = framework.questions[qid]
        value = answer.value
        is_judgement = question.type == "judgement" and isinstance(value, str)
        kind = answer.feedback
        if kind is None and question.feedback and is_judgement and value != "na":
            kind = "strength" if value == question.positive else "improvement"
        if kind not in ("strength", "improvement"):
            continue
        criterion = framework.placement[qid].criterion
        points.append(
            FeedbackPoint(
                question_id=qid,
                question=question.text.get(language),
                criterion=f"{criterion.id} {criterion.title.get(language)}",
                judgement=judgement_label(value) if is_judgement else "",
                note=answer.note.strip(),
                kind=kind,
                marked=answer.feedback is not None,
            )
        )
    return points


def _noted_answers(view: ReviewView) -> list[tuple[str, AnswerInfo]]:
    """Relevant answers with a note (an answer may be blank when only a marked note was kept)."""
    result = []
    for qid in view.evaluation.order:
        answer = view.answers.get(qid)
        if answer is not None and answer.relevant and answer.note.strip():
            result.append((qid, answer))
    return result
