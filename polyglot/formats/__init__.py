"""File formats: each module is a read/write pair on file objects; none touches paths.

The formats a translate run can write are registered in :data:`FORMATS` by name,
as ``"module:Class"`` (an :class:`~polyglot.formats.base.OutputFormat` with its
own options dataclass), and imported only when chosen: ``--format`` picks them.
Add a format: one module here with its read/write functions and its
``OutputFormat`` class, and one line in :data:`FORMATS`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from polyglot.errors import UsageError
from polyglot.formats.base import OutputFormat
from polyglot.registry import load_registered

__all__ = ["DEFAULT_FORMATS", "FORMATS", "format_class", "load_formats", "parse_format_list"]

#: name -> "module:Class", in the order a run writes them (report.json last).
FORMATS: dict[str, str] = {
    "text": "polyglot.formats.text:TextFormat",
    "tmx": "polyglot.formats.tmx:TmxFormat",
    "xliff": "polyglot.formats.xliff:XliffFormat",
    "omegat": "polyglot.formats.omegat:OmegatFormat",
    "html": "polyglot.formats.html:HtmlFormat",
    "report": "polyglot.formats.report:ReportFormat",
}
#: What ``translate`` writes unless ``--format`` says otherwise.
DEFAULT_FORMATS: tuple[str, ...] = ("text", "tmx", "xliff", "html", "report")


def format_class(name: str) -> type[OutputFormat]:
    """The class registered under ``name`` (imported now)."""
    cls: type[OutputFormat] = load_registered(FORMATS, name, "output format")
    return cls


def load_formats(
    names: Iterable[str], options: Mapping[str, Any] | None = None
) -> list[OutputFormat]:
    """The formats named, each made with its options from ``options`` (by name; default
    options when absent), in the order they are written: registry order, ``last`` ones last."""
    options = options or {}
    wanted = list(dict.fromkeys(names))
    for name in wanted:
        format_class(name)  # an unknown name fails before anything is made
    unknown = set(options) - set(FORMATS)
    if unknown:
        raise UsageError(f"options for unknown output format {sorted(unknown)[0]!r}")
    ordered = [name for name in FORMATS if name in wanted]
    made = [format_class(name)(options.get(name)) for name in ordered]
    return sorted(made, key=lambda f: f.last)


def parse_format_list(text: str) -> list[str]:
    """``"tmx, html"`` -> ``["tmx", "html"]``: known names, in the order given."""
    names = [n for n in (part.strip().lower() for part in text.split(",")) if n]
    if not names:
        raise UsageError("no output format given", f"e.g. --format {','.join(DEFAULT_FORMATS)}")
    for name in names:
        if name not in FORMATS:
            format_class(name)  # raises the usage error
    return list(dict.fromkeys(names))
