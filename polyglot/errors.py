"""Errors that reach the user.

Every error carries a message (what went wrong, and where) and a hint (how to
fix it).  Only :mod:`polyglot.cli` turns them into output and an exit code.
"""

from __future__ import annotations

from dataclasses import dataclass


class PolyglotError(Exception):
    """Base class of every error polyglot reports to the user."""

    #: Process exit code the CLI uses for this kind of error (see README, "Errors").
    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file, with its location."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


class ProblemsFoundError(PolyglotError):
    """A checker (``glossary lint``, ``tmx validate``) found problems in the user's file."""

    exit_code = 1

    def __init__(self, problems: list[Problem], what: str, hint: str | None = None) -> None:
        listed = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(f"{len(problems)} problem(s) in {what}:\n{listed}", hint)
        self.problems = problems


class UsageError(PolyglotError):
    """Bad arguments: unknown language code, conflicting options."""

    exit_code = 2


class InputError(PolyglotError):
    """An input file is missing, unreadable or malformed."""

    exit_code = 3

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        *,
        path: str | None = None,
        line: int | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        if path is not None and line is not None:
            message = f"{path}:{line}: {message}"
        elif path is not None:
            message = f"{path}: {message}"
        super().__init__(message, hint)
        self.path = path
        self.line = line
        self.problems = problems or []


class ModelError(PolyglotError):
    """A translation model is missing, broken or cannot be installed."""

    exit_code = 4


class OutputError(PolyglotError):
    """Results could not be written (read-only folder, full disk, locked)."""

    exit_code = 5


class NetworkError(PolyglotError):
    """A download failed (no network, unreachable index)."""

    exit_code = 6


class QualityError(PolyglotError):
    """The QA checks found error-level results (``translate --strict``, ``check``)."""

    exit_code = 7


class ArticlesFailedError(PolyglotError):
    """Some articles of a corpus run could not be translated; the others were written."""

    exit_code = 8
