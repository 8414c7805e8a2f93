"""The typer application and the one error boundary of polyglot.

Library code raises :class:`~polyglot.errors.PolyglotError`; here (and only
here) it becomes a message on stderr and a non-zero exit code.  Commands live
in sibling modules, each a thin call into the library.
"""

from __future__ import annotations

import os
import sys
import traceback
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from polyglot import __version__
from polyglot.errors import PolyglotError

EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 70


#: The exit status of a Unix tool whose output pipe was closed (128 + SIGPIPE).
EXIT_BROKEN_PIPE = 141


class _ErrorBoundary(TyperGroup):
    """Turns every error into one clear message and a documented exit code.

    ``--debug`` adds the traceback and changes nothing else (the same message, the same
    exit code).  A closed output pipe (``polyglot glossary list | head -2``) ends quietly.
    """

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
            return result
        except BrokenPipeError:
            _silence_stdout()
            raise SystemExit(EXIT_BROKEN_PIPE) from None
        except PolyglotError as exc:
            _traceback(ctx)
            report_error(exc.message, exc.hint)
            raise SystemExit(exc.exit_code) from None
        except KeyboardInterrupt:
            _traceback(ctx)
            resume = (
                "run the same command again to continue: finished translations are kept in "
                "the translation memory (unless --no-tm) and are not translated twice"
                if ctx.invoked_subcommand == "translate"
                else None
            )
            report_error("interrupted; no output was written or changed", resume)
            raise SystemExit(EXIT_INTERRUPTED) from None
        except (typer.Exit, typer.Abort, typer.TyperException, SystemExit):
            raise
        except Exception as exc:
            _traceback(ctx)
            report_error(
                f"unexpected error: {type(exc).__name__}: {exc}",
                "run again with --debug to see where it happened, and report it",
            )
            raise SystemExit(EXIT_INTERNAL) from None

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:  # type: ignore[override]
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _hide_flag_types(command, ctx)
        return command

    def format_help(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        _hide_flag_types(self, ctx)
        super().format_help(ctx, formatter)


def _debug(ctx: typer.Context) -> bool:
    return bool((ctx.obj or {}).get("debug"))


def _traceback(ctx: typer.Context) -> None:
    """With ``--debug``, the traceback of the exception being handled, on stderr."""
    if _debug(ctx):
        traceback.print_exc()


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit raises nothing more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _hide_flag_types(command: Any, ctx: typer.Context) -> None:
    """No ``<bool>`` in ``--help`` after flags that take no value (typer shows one)."""
    params = [*getattr(command, "params", []), command.get_help_option(ctx)]
    for param in params:
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
    for sub in getattr(command, "commands", {}).values():
        _hide_flag_types(sub, ctx)


def report_error(message: str, hint: str | None) -> None:
    """Print an error (and its hint) to stderr."""
    typer.secho(f"error: {message}", err=True, fg="red")
    if hint:
        typer.echo(f"hint: {hint}", err=True)


app = typer.Typer(
    cls=_ErrorBoundary,
    name="polyglot",
    help="Translate news articles offline (Argos Translate packages) and publish them "
    "as TMX and HTML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"polyglot {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show Python tracebacks for errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """polyglot: offline translation and multilingual publishing."""
    ctx.obj = {"debug": debug}


def stdin_bytes() -> bytes:
    """All of standard input, as bytes."""
    return sys.stdin.buffer.read()


def sub_app(name: str, help_text: str) -> typer.Typer:
    """A command group (``polyglot models ...``) registered on the main app."""
    group = typer.Typer(name=name, help=help_text, no_args_is_help=True)
    app.add_typer(group, name=name)
    return group
