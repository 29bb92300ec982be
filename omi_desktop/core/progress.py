"""Long operations are generators that yield ``Progress``; the CLI and the GUI decide how to show it."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    message: str = ""

    @property
    def fraction(self) -> float:
        return 0.0 if self.total <= 0 else min(1.0, self.done / self.total)


# A long operation: yields Progress, returns its result (``return value`` in the generator).
Operation = Generator[Progress, None, T]


def run_to_end(operation: Operation[T]) -> T:
    """Drive an operation without showing progress; return its result."""
    while True:
        try:
            next(operation)
        except StopIteration as stop:
            return stop.value
