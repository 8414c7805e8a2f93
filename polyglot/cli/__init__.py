"""Command-line interface: ``polyglot`` (see :mod:`polyglot.cli.app`)."""

from __future__ import annotations

from polyglot.cli import (  # noqa: F401  (registers commands)
    check,
    glossary,
    models,
    segment,
    tm,
    tmx,
    translate,
)
from polyglot.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app(prog_name="polyglot")
