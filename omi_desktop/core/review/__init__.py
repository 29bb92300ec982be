"""The review engine: answering, relevance, validation, completeness, lifecycle and audit trail."""

from omi_desktop.core.review.answering import (
    FEEDBACK_KINDS,
    AnswerItem,
    answer,
    answer_many,
    clear,
    set_feedback,
    set_note,
)
from omi_desktop.core.review.evaluate import Evaluation, QuestionStatus, evaluate
from omi_desktop.core.review.lifecycle import (
    IncompleteError,
    MissingItem,
    audit_trail,
    finalise,
    get_review,
    missing_items,
    open_case_review,
    reopen,
    start_review,
)
from omi_desktop.core.review.state import AnswerInfo, AuditEntry, ReviewInfo, ReviewView

__all__ = [
    "FEEDBACK_KINDS",
    "AnswerInfo",
    "AnswerItem",
    "AuditEntry",
    "Evaluation",
    "IncompleteError",
    "MissingItem",
    "QuestionStatus",
    "ReviewInfo",
    "ReviewView",
    "answer",
    "answer_many",
    "audit_trail",
    "clear",
    "evaluate",
    "finalise",
    "get_review",
    "missing_items",
    "open_case_review",
    "reopen",
    "set_feedback",
    "set_note",
    "start_review",
]
