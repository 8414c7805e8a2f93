"""Progress bars on stderr (rich), fed by the pipeline and the downloader."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)


class _LiveBars:
    """Bars shown from entering the block to leaving it (``_bars``: set by the subclass)."""

    _bars: Progress

    def __enter__(self) -> Self:
        self._bars.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._bars.stop()


class TranslationProgress:
    """One bar per target language: segments done out of the article's total."""

    def __init__(self) -> None:
        self._bars = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("segments"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._task: TaskID | None = None
        self._started = False

    def __enter__(self) -> TranslationProgress:
        # the bars start with the first language: an error before it (a missing file,
        # a refused folder) is printed alone, without an empty bar's blank line
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._started:
            self._bars.stop()

    def start(self, lang: str, total: int) -> None:
        if not self._started:
            self._bars.start()
            self._started = True
        self._task = self._bars.add_task(f"en → {lang}", total=total)

    def advance(self, count: int) -> None:
        if self._task is not None:
            self._bars.advance(self._task, count)

    def finish(self, lang: str) -> None:
        if self._task is not None:
            task = self._bars.tasks[self._task]
            self._bars.update(self._task, completed=task.total)


class CorpusProgressBars(_LiveBars):
    """Two bars for a corpus run: articles done out of all (with the time left), and
    segments sent to the engine (with their rate)."""

    def __init__(self) -> None:
        self._bars = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._articles = self._bars.add_task("articles", total=None)
        self._segments = self._bars.add_task("segments translated", total=None)

    def start_articles(self, total: int) -> None:
        self._bars.update(self._articles, total=total)

    def article_done(self, count: int = 1) -> None:
        self._bars.advance(self._articles, count)

    def segments_done(self, count: int) -> None:
        self._bars.advance(self._segments, count)


class DownloadProgress(_LiveBars):
    """A byte-count bar for model downloads."""

    def __init__(self, label: str) -> None:
        self._bars = Progress(
            TextColumn(label),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            console=Console(stderr=True),
        )
        self._task = self._bars.add_task(label, total=None)

    def __call__(self, done: int, total: int | None) -> None:
        self._bars.update(self._task, completed=done, total=total)
