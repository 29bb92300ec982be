"""Errors that reach a person. Each carries one clear sentence; the CLI prints it on one line."""

from __future__ import annotations


class OmiError(Exception):
    """Base class of every error the program reports to its user (never with a traceback)."""

    exit_code = 1

    def __init__(self, message: str, *, details: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message


class RefusedError(OmiError):
    """An input or request was refused; nothing was changed."""


class NotFoundError(RefusedError):
    """Something named by the user does not exist."""


class StoreError(OmiError):
    """The local database cannot be opened or written."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer version of the program."""


class ValidationError(RefusedError):
    """A value breaks a rule; ``problems`` lists each one."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
