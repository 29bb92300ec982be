"""Scoring: per-thread percentages, per-case judgements, Wilson intervals, per-criterion summaries."""

from omi_desktop.core.scoring.compute import (
    CriterionScore,
    Proportion,
    ScoredAnswer,
    Scores,
    ThreadScore,
    answer_weight,
    combine,
    score,
    wilson_interval,
)
from omi_desktop.core.scoring.queries import inspection_scores, scores_by_inspection

__all__ = [
    "CriterionScore",
    "Proportion",
    "ScoredAnswer",
    "Scores",
    "ThreadScore",
    "answer_weight",
    "combine",
    "inspection_scores",
    "score",
    "scores_by_inspection",
    "wilson_interval",
]
