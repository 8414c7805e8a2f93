"""What every output format shares: the run it reports on, and the files it writes.

An output format is a class registered in :data:`polyglot.formats.FORMATS`
(``name -> "module:Class"``, imported only when chosen) with its own options
dataclass.  It says which files a run gets and how to write each one to a file
object; the pipeline opens the files (atomically, in a folder swapped in whole).
Formats never call each other.
"""

from __future__ import annotations

import io
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any, ClassVar, Concatenate, ParamSpec, TypeVar

from polyglot.glossary.model import Glossary
from polyglot.model import Document

_P = ParamSpec("_P")
_R = TypeVar("_R")


def render_bytes(
    write: Callable[Concatenate[IO[bytes], _P], _R], *args: _P.args, **kwargs: _P.kwargs
) -> tuple[bytes, _R]:
    """What ``write(fp, *args, **kwargs)`` writes to a binary file, as bytes, with what it
    returns (its report): ``render_bytes(write_tmx, doc, ["kk"], source_lang="en", ...)``."""
    buffer = io.BytesIO()
    result = write(buffer, *args, **kwargs)
    return buffer.getvalue(), result


@dataclass
class LanguageRun:
    """How one target language was produced."""

    lang: str
    engine: str
    model: str | None
    seconds: float = 0.0
    segments: int = 0
    from_engine: int = 0
    from_memory: int = 0
    from_glossary: int = 0
    terms: dict[str, int] = field(default_factory=dict)  # status -> count
    issues: dict[str, int] = field(default_factory=dict)  # check -> count of issues
    errors: int = 0  # error-level issues (``--strict`` fails on them)


@dataclass
class RunInfo:
    """A run's settings and results, apart from the document itself."""

    tool_version: str
    created: str  # ISO 8601 UTC
    source: str  # the input file as given
    languages: list[LanguageRun] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # what exporters left out or changed
    #: The glossary the run used (not in report.json, which has its path in ``settings``):
    #: formats that ship it (the OmegaT project) read it here.
    glossary: Glossary | None = None


@dataclass(frozen=True)
class NoOptions:
    """The options of a format that has none."""


#: Writes one file's content to an open file object; returns warnings (what it left
#: out or changed), which the run reports.
FileWriter = Callable[[IO[Any]], list[str]]


@dataclass(frozen=True)
class OutputFile:
    """One file a format writes: its name in the output folder (``a/b.txt`` in a
    subfolder, made as needed) and its writer."""

    name: str
    write: FileWriter
    binary: bool = False

    def __post_init__(self) -> None:
        parts = self.name.removesuffix("/").split("/")
        if any(part in ("", ".", "..") for part in parts) or "\\" in self.name:
            raise ValueError(f"{self.name!r} is not a file name inside the output folder")

    @property
    def is_folder(self) -> bool:
        """A name ending in ``/`` is an empty folder to make (an OmegaT project's
        ``target/``); its writer is not called."""
        return self.name.endswith("/")


class OutputFormat(ABC):
    """Base of the output formats; a subclass sets :attr:`name`, :attr:`Options` and
    implements :meth:`files`.  Options are checked when the format is made, before
    any translation: a typo must not cost a translation."""

    name: ClassVar[str]
    #: The dataclass of this format's options (all fields with defaults).
    Options: ClassVar[type] = NoOptions
    #: Written after every other format (report.json lists the files of the run).
    last: ClassVar[bool] = False

    def __init__(self, options: Any = None) -> None:
        self.options = options if options is not None else self.Options()
        if not isinstance(self.options, self.Options):
            raise TypeError(f"{self.name} options must be {self.Options.__name__}")
        self.check_options()

    def check_options(self) -> None:  # noqa: B027 - a hook: most formats have nothing to check
        """Raise a :class:`~polyglot.errors.UsageError` for options that cannot work."""

    @abstractmethod
    def files(self, doc: Document, run: RunInfo) -> list[OutputFile]:
        """The files this format writes for ``doc``, translated as ``run`` says."""
