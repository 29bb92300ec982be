"""Plainly invented names and weighted choices, for the demo, fictional long lists and tests.

Names are built so nobody could mistake them for real people: a common first name and a surname made of an
obvious stem and an ending ("Alex Sampleford", "Nia Testwood").
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import TypeVar

T = TypeVar("T")

FIRST_NAMES = ("Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Rowan", "Avery",
               "Dylan", "Rhys", "Cerys", "Gethin", "Ffion", "Owain", "Nia", "Harper", "Quinn")  # fmt: skip
SURNAME_STEMS = ("Sample", "Test", "Example", "Mock", "Fiction", "Practice", "Training", "Demo", "Specimen",
                 "Pretend")  # fmt: skip
SURNAME_ENDS = ("ford", "wood", "by", "ham", "ridge", "well", "field", "ton", "combe", "stead")


def fictional_name(rng: random.Random, first_names: Sequence[str] = FIRST_NAMES) -> tuple[str, str]:
    """(first name, family name), both plainly invented."""
    return rng.choice(first_names), rng.choice(SURNAME_STEMS) + rng.choice(SURNAME_ENDS)


def weighted(rng: random.Random, table: Mapping[T, float]) -> T:
    """One key of ``table``, drawn with its value as weight."""
    return rng.choices(list(table), weights=list(table.values()))[0]
