"""The translation memory: one SQLite file, every unit with its provenance.

A unit is one source sentence and its translation into one target language.
Its origin is ``mt`` (an engine's output: engine name and model version kept)
or ``human`` (a translator's work, imported from a CAT tool's TMX).  Rules:

* Human units are never changed by machine translation: MT is stored in rows of
  its own, and a lookup prefers an active human unit over any MT.
* MT is reused only for the same engine and model that made it, so upgrading a
  model re-translates the machine parts and never the human ones.
* Two different human translations of one source are a conflict: both are
  kept, one is ``active`` (used), the others are ``alternative``; nothing is
  ever deleted.

The file is opened in WAL mode with a busy timeout, so a translate run and a
``tm import`` can use it at the same time, and every write is a transaction.
The schema version is ``PRAGMA user_version``; :data:`MIGRATIONS` lists the
steps from one version to the next, applied when an older file is opened.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from polyglot.errors import InputError, OutputError
from polyglot.model import Origin
from polyglot.tm.normalise import normalise_source

#: ``PRAGMA application_id``: marks the file as a polyglot memory ("PGtm").
APPLICATION_ID = 0x5047746D

#: Migration ``i`` takes the schema from version ``i`` to ``i + 1``.
MIGRATIONS: list[tuple[str, ...]] = [
    (
        """
        CREATE TABLE unit (
            id INTEGER PRIMARY KEY,
            source_lang TEXT NOT NULL,
            target_lang TEXT NOT NULL,
            source_key TEXT NOT NULL,   -- normalise_source(source): the match key
            source TEXT NOT NULL,       -- the source as last seen
            target TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('mt', 'human')),
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'alternative')),
            engine TEXT NOT NULL DEFAULT '',  -- mt: the engine's name
            model TEXT NOT NULL DEFAULT '',   -- mt: the model and its version
            document TEXT,              -- the article (file stem) it was made for
            segment_id TEXT,            -- its segment id there (p1s2)
            import_file TEXT,           -- human: the TMX file it was imported from
            created_at TEXT NOT NULL,   -- ISO 8601 UTC
            updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX unit_lookup ON unit (source_lang, target_lang, source_key)",
        """
        CREATE UNIQUE INDEX unit_mt ON unit (source_lang, target_lang, source_key, engine, model)
            WHERE origin = 'mt'
        """,
        """
        CREATE UNIQUE INDEX unit_human ON unit (source_lang, target_lang, source_key, target)
            WHERE origin = 'human'
        """,
        """
        CREATE UNIQUE INDEX unit_human_active ON unit (source_lang, target_lang, source_key)
            WHERE origin = 'human' AND status = 'active'
        """,
    ),
]
SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS = (
    "id, source_lang, target_lang, source, target, origin, status, engine, model, "
    "document, segment_id, import_file, created_at, updated_at"
)
_LOOKUP_BATCH = 400


def _in_batches(keys: Sequence[str]) -> Iterator[tuple[Sequence[str], str]]:
    """``keys`` in batches of :data:`_LOOKUP_BATCH`, each with its ``?, ?, ...`` for an
    ``IN (...)`` clause (SQLite limits the parameters of one query)."""
    for start in range(0, len(keys), _LOOKUP_BATCH):
        batch = keys[start : start + _LOOKUP_BATCH]
        yield batch, ", ".join("?" * len(batch))


#: How long a write waits for another run's transaction (``tm import`` writes in short
#: ones); a translate that still finds the memory busy keeps its results for later.
BUSY_TIMEOUT_MS = 10_000
#: How long a translate run waits at its end to store what it kept.
FINAL_WAIT_MS = 60_000  # keys per query, well under SQLite's parameter limit


def default_memory_path() -> Path:
    """Where the memory lives unless ``--tm`` says otherwise: the user's data folder."""
    import platformdirs

    return platformdirs.user_data_path("polyglot") / "memory.sqlite"


def utc_timestamp(moment: dt.datetime) -> str:
    """``2024-05-01T12:00:00Z``."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class UnitStatus(StrEnum):
    """Whether a unit is used for reuse."""

    ACTIVE = "active"
    ALTERNATIVE = "alternative"  # a conflicting human translation, kept but not used


@dataclass(frozen=True)
class MemoryUnit:
    """One stored translation with its provenance."""

    id: int
    source_lang: str
    target_lang: str
    source: str
    target: str
    origin: Origin  # Origin.MT or Origin.HUMAN
    status: UnitStatus
    engine: str | None
    model: str | None
    document: str | None
    segment_id: str | None
    import_file: str | None
    created: str
    updated: str

    @property
    def pair(self) -> str:
        return f"{self.source_lang}-{self.target_lang}"


class HumanOutcome(StrEnum):
    """What :meth:`TranslationMemory.add_human` did."""

    ADDED = "added"  # new source, or first human translation of it
    UNCHANGED = "unchanged"  # the same translation was already there
    CONFLICT = "conflict"  # a different one is active: kept as an alternative
    REPLACED = "replaced"  # a different one was active: now an alternative


@dataclass(frozen=True)
class HumanResult:
    """The outcome of adding one human translation; ``previous`` is the active text it met."""

    outcome: HumanOutcome
    previous: str | None = None


#: (source language, target language, match key): what the memory's rows are looked up by.
SourceKey = tuple[str, str, str]


@dataclass
class ImportCache:
    """What :meth:`TranslationMemory.add_human` and :meth:`~TranslationMemory.machine_targets`
    read about a batch of sources, read at once (:meth:`~TranslationMemory.read_for_import`):
    a few queries instead of two per translation.  Valid inside the transaction it was read
    in; :meth:`~TranslationMemory.add_human` keeps it up to date.  Sources it does not know
    are read from the memory as without it."""

    #: Each source's match key (normalise_source is not free).
    keys: dict[str, str] = field(default_factory=dict)
    #: Human rows per source: ``[id, target, status]`` each.
    human: dict[SourceKey, list[list[object]]] = field(default_factory=dict)
    #: Machine translations per source, whatever engine made them.
    machine: dict[SourceKey, set[str]] = field(default_factory=dict)

    def key(self, source: str) -> str:
        key = self.keys.get(source)
        if key is None:
            key = self.keys[source] = normalise_source(source)
        return key


@dataclass
class PairStats:
    """Counts for one language pair."""

    pair: str
    human: int = 0
    alternative: int = 0  # conflicting human translations kept aside
    machine: dict[str, int] = field(default_factory=dict)  # "engine model" -> units
    updated: str | None = None


@dataclass
class MemoryStats:
    """What ``polyglot tm stats`` shows."""

    path: Path
    schema_version: int
    size_bytes: int
    pairs: list[PairStats] = field(default_factory=list)

    @property
    def units(self) -> int:
        return sum(p.human + p.alternative + sum(p.machine.values()) for p in self.pairs)


class TranslationMemory:
    """A translation memory file.  Use :func:`open_memory` to open one."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self._conn = conn
        self.path = path
        self._now = now
        #: Opened for reading only (see :func:`open_memory`): nothing is stored.
        self.read_only = False
        #: What the run should tell the user about this memory.
        self.warnings: list[str] = []
        self._pending: list[tuple[str | None, ...]] = []  # MT a busy memory could not take yet

    def close(self) -> None:
        self._conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction: all of it is stored, or none of it (also on Ctrl-C)."""
        self._execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.rollback()
            raise
        self._execute("COMMIT")

    # -- reuse ---------------------------------------------------------------------------

    def lookup(
        self,
        source_lang: str,
        target_lang: str,
        sources: Iterable[str],
        *,
        engine: str | None,
        model: str | None,
    ) -> dict[str, MemoryUnit]:
        """Exact matches for ``sources`` (keyed by the source as given).

        An active human unit wins; otherwise MT made by the same ``engine`` and
        ``model``; ``engine=None`` looks up human units only.
        """
        by_key: dict[str, list[str]] = {}
        for source in sources:
            by_key.setdefault(normalise_source(source), []).append(source)
        found: dict[str, MemoryUnit] = {}
        keys = list(by_key)
        for batch, marks in _in_batches(keys):
            rows = self._execute(
                f"SELECT source_key, {_COLUMNS} FROM unit"
                f" WHERE source_lang = ? AND target_lang = ? AND source_key IN ({marks})"
                " AND status = 'active'"
                " AND (origin = 'human' OR (engine = ? AND model = ?))"
                " ORDER BY origin = 'human'",  # human rows last, so they overwrite MT below
                # MT always has an engine, so engine=None ("") matches human units only
                (source_lang, target_lang, *batch, engine or "", model or ""),
            ).fetchall()
            for row in rows:
                unit = _unit(row[1:])
                for source in by_key[row[0]]:
                    found[source] = unit
        return found

    def human_stamp(self, source_lang: str, target_langs: Iterable[str]) -> str:
        """A short text that changes whenever human translations for these pairs are
        added, replaced or set aside: incremental runs redo an article when it changes."""
        langs = list(target_langs)
        marks = ", ".join("?" * len(langs))
        row = self._execute(
            "SELECT count(*), max(updated_at), sum(status = 'active') FROM unit"
            f" WHERE origin = 'human' AND source_lang = ? AND target_lang IN ({marks})",
            (source_lang, *langs),
        ).fetchone()
        return f"{row[0]}:{row[1] or ''}:{row[2] or 0}"

    def store_machine(
        self,
        source_lang: str,
        target_lang: str,
        items: Iterable[tuple[str, str, str | None]],
        *,
        engine: str,
        model: str | None,
        document: str | None,
    ) -> int:
        """Store MT output, ``(source, target, segment id)`` items, in one transaction.

        Replaces earlier MT of the same engine and model; never touches human units.
        A read-only memory stores nothing (returns 0).
        """
        if self.read_only:
            return 0
        stamp = utc_timestamp(self._now())
        pending, self._pending = self._pending, []
        rows: list[tuple[str | None, ...]] = [
            (
                source_lang,
                target_lang,
                normalise_source(source),
                source,
                target,
                engine,
                model or "",
                document,
                segment_id,
                stamp,
                stamp,
            )
            for source, target, segment_id in items
        ]
        try:
            self._insert_machine(pending + rows)
        except OutputError as exc:
            if "busy" not in exc.message:
                raise
            self._pending = pending + rows  # kept, stored with the next unit or by finish()
            return 0
        return len(rows)

    def finish(self) -> list[str]:
        """End a translate run: store what a busy memory made it keep (waiting up to
        :data:`FINAL_WAIT_MS`); the warnings the run should show."""
        warnings = list(self.warnings)
        if self._pending:
            rows, self._pending = self._pending, []
            self._execute(f"PRAGMA busy_timeout = {FINAL_WAIT_MS}")
            try:
                self._insert_machine(rows)
            except OutputError as exc:
                if "busy" not in exc.message:
                    raise
                warnings.append(
                    f"{self.path}: the translation memory stayed busy (another run is writing "
                    f"it): {len(rows)} translations were not stored; the outputs are complete, "
                    "and running again stores them"
                )
            finally:
                self._execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return warnings

    def _insert_machine(self, rows: list[tuple[str | None, ...]]) -> None:
        with self.transaction(), _translated_errors(self.path):
            self._conn.executemany(
                "INSERT INTO unit (source_lang, target_lang, source_key, source, target, origin,"
                " engine, model, document, segment_id, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, 'mt', ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (source_lang, target_lang, source_key, engine, model)"
                " WHERE origin = 'mt' DO UPDATE SET source = excluded.source,"
                " target = excluded.target, document = excluded.document,"
                " segment_id = excluded.segment_id, updated_at = excluded.updated_at",
                rows,
            )

    # -- human translations --------------------------------------------------------------

    def add_human(
        self,
        source_lang: str,
        target_lang: str,
        source: str,
        target: str,
        *,
        import_file: str | None = None,
        document: str | None = None,
        segment_id: str | None = None,
        replace: bool = False,
        cache: ImportCache | None = None,
    ) -> HumanResult:
        """Add a translator's translation; call inside :meth:`transaction`.

        A different active translation of the same source is a conflict: the new
        one is kept as an alternative, or with ``replace`` becomes the active one
        and the old one the alternative.  Nothing is deleted.  ``cache``: what
        :meth:`read_for_import` read for this source, kept up to date here.
        """
        cache = cache or ImportCache()
        key = cache.key(source)
        stamp = utc_timestamp(self._now())
        where = (source_lang, target_lang, key)
        rows = cache.human.get(where)
        if rows is None:
            rows = cache.human[where] = [
                list(row)
                for row in self._execute(
                    "SELECT id, target, status FROM unit WHERE origin = 'human'"
                    " AND source_lang = ? AND target_lang = ? AND source_key = ?",
                    where,
                )
            ]
        active = next((row for row in rows if row[2] == UnitStatus.ACTIVE), None)
        same = next((row for row in rows if row[1] == target), None)
        if active is not None and active[1] == target:
            self._execute(
                "UPDATE unit SET updated_at = ?, import_file = coalesce(import_file, ?)"
                " WHERE id = ?",
                (stamp, import_file, active[0]),
            )
            return HumanResult(HumanOutcome.UNCHANGED, target)  # keeps the first provenance
        if active is not None and not replace:
            if same is None:
                ident = self._insert_human(
                    source_lang,
                    target_lang,
                    key,
                    source,
                    target,
                    UnitStatus.ALTERNATIVE,
                    document,
                    segment_id,
                    import_file,
                    stamp,
                )
                rows.append([ident, target, UnitStatus.ALTERNATIVE])
            return HumanResult(HumanOutcome.CONFLICT, str(active[1]))
        if active is not None:
            self._execute(
                "UPDATE unit SET status = 'alternative', updated_at = ? WHERE id = ?",
                (stamp, active[0]),
            )
            active[2] = UnitStatus.ALTERNATIVE
        if same is not None:
            self._execute(
                "UPDATE unit SET status = 'active', updated_at = ?,"
                " import_file = coalesce(import_file, ?) WHERE id = ?",
                (stamp, import_file, same[0]),
            )
            same[2] = UnitStatus.ACTIVE
        else:
            ident = self._insert_human(
                source_lang,
                target_lang,
                key,
                source,
                target,
                UnitStatus.ACTIVE,
                document,
                segment_id,
                import_file,
                stamp,
            )
            rows.append([ident, target, UnitStatus.ACTIVE])
        if active is None:
            return HumanResult(HumanOutcome.ADDED)
        return HumanResult(HumanOutcome.REPLACED, str(active[1]))

    def read_for_import(self, sources: Iterable[tuple[str, str, str]]) -> ImportCache:
        """Read the human rows and machine translations of ``(source language, target
        language, source)`` items in a few queries (per pair, :data:`_LOOKUP_BATCH`
        sources each), for :meth:`add_human` and :meth:`machine_targets`."""
        cache = ImportCache()
        by_pair: dict[tuple[str, str], set[str]] = {}
        for source_lang, target_lang, source in sources:
            by_pair.setdefault((source_lang, target_lang), set()).add(cache.key(source))
        for (source_lang, target_lang), key_set in by_pair.items():
            keys = sorted(key_set)
            for key in keys:
                cache.human[(source_lang, target_lang, key)] = []
                cache.machine[(source_lang, target_lang, key)] = set()
            for batch, marks in _in_batches(keys):
                rows = self._execute(
                    f"SELECT source_key, id, target, status, origin FROM unit"
                    f" WHERE source_lang = ? AND target_lang = ? AND source_key IN ({marks})"
                    " ORDER BY id",
                    (source_lang, target_lang, *batch),
                )
                for key, ident, target, status, origin in rows:
                    where = (source_lang, target_lang, key)
                    if origin == Origin.HUMAN:
                        cache.human[where].append([ident, target, status])
                    else:
                        cache.machine[where].add(target)
        return cache

    def _insert_human(
        self,
        source_lang: str,
        target_lang: str,
        key: str,
        source: str,
        target: str,
        status: UnitStatus,
        document: str | None,
        segment_id: str | None,
        import_file: str | None,
        stamp: str,
    ) -> int:
        """Insert a human row; its id."""
        cursor = self._execute(
            "INSERT INTO unit (source_lang, target_lang, source_key, source, target, origin,"
            " status, document, segment_id, import_file, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, 'human', ?, ?, ?, ?, ?, ?)",
            (
                source_lang,
                target_lang,
                key,
                source,
                target,
                str(status),
                document,
                segment_id,
                import_file,
                stamp,
                stamp,
            ),
        )
        return int(cursor.lastrowid or 0)

    def machine_targets(
        self, source_lang: str, target_lang: str, source: str, cache: ImportCache | None = None
    ) -> set[str]:
        """Every MT stored for this source and pair, whatever engine made it (``cache``:
        what :meth:`read_for_import` read)."""
        cache = cache or ImportCache()
        where = (source_lang, target_lang, cache.key(source))
        known = cache.machine.get(where)
        if known is not None:
            return known
        rows = self._execute(
            "SELECT target FROM unit WHERE origin = 'mt'"
            " AND source_lang = ? AND target_lang = ? AND source_key = ?",
            where,
        ).fetchall()
        return {row[0] for row in rows}

    # -- listing ---------------------------------------------------------------------------

    def units(
        self,
        *,
        source_lang: str | None = None,
        target_lang: str | None = None,
        human_only: bool = False,
        best_only: bool = True,
    ) -> Iterator[MemoryUnit]:
        """Stored units, ordered by pair then by first use.

        ``best_only``: per source and pair, the unit a lookup would prefer — the
        active human unit, else the most recently made MT.
        """
        where = ["1 = 1"]
        args: list[str] = []
        if source_lang is not None:
            where.append("source_lang = ?")
            args.append(source_lang)
        if target_lang is not None:
            where.append("target_lang = ?")
            args.append(target_lang)
        if human_only:
            where.append("origin = 'human'")
        if best_only:
            where.append("status = 'active'")
        # read through a cursor, row by row: memory stays flat at any size
        ranked = (
            f"SELECT {_COLUMNS}, row_number() OVER (PARTITION BY source_lang, target_lang,"
            " source_key ORDER BY origin = 'human' DESC, updated_at DESC, id DESC) AS rank"
            f" FROM unit WHERE {' AND '.join(where)}"
        )
        cursor = self._execute(
            f"SELECT {_COLUMNS} FROM ({ranked})"
            + (" WHERE rank = 1" if best_only else "")
            + " ORDER BY source_lang, target_lang, created_at, id",
            args,
        )
        with _translated_errors(self.path):
            for row in cursor:
                yield _unit(row)

    def pairs(self, *, human_only: bool = False) -> list[tuple[str, str]]:
        """The ``(source, target)`` language pairs the memory has active units for, sorted."""
        origin = " AND origin = 'human'" if human_only else ""
        rows = self._execute(
            "SELECT DISTINCT source_lang, target_lang FROM unit"
            f" WHERE status = 'active'{origin} ORDER BY 1, 2"
        ).fetchall()
        return [(str(src), str(tgt)) for src, tgt in rows]

    def stats(self) -> MemoryStats:
        """Units per pair, origin and model."""
        version = self._execute("PRAGMA user_version").fetchone()[0]
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        result = MemoryStats(self.path, version, size)
        pairs: dict[str, PairStats] = {}
        for src, tgt, origin, status, engine, model, count, updated in self._execute(
            "SELECT source_lang, target_lang, origin, status, engine, model, count(*),"
            " max(updated_at) FROM unit GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6"
        ):
            stats = pairs.setdefault(f"{src}-{tgt}", PairStats(f"{src}-{tgt}"))
            if origin == Origin.HUMAN and status == UnitStatus.ACTIVE:
                stats.human += count
            elif origin == Origin.HUMAN:
                stats.alternative += count
            else:
                label = f"{engine} {model}".strip()
                stats.machine[label] = stats.machine.get(label, 0) + count
            stats.updated = max(stats.updated or "", updated)
        result.pairs = list(pairs.values())
        return result

    def _execute(self, sql: str, args: Iterable[object] = ()) -> sqlite3.Cursor:
        with _translated_errors(self.path):
            return self._conn.execute(sql, tuple(args))


@contextlib.contextmanager
def _translated_errors(path: Path) -> Iterator[None]:
    """SQLite's operational errors (busy, read-only, disk full) as polyglot errors."""
    try:
        yield
    except sqlite3.IntegrityError:
        raise
    except sqlite3.DatabaseError as exc:  # busy, read-only, disk full; a damaged file
        raise _store_error(exc, path) from None


def _unit(row: tuple[object, ...]) -> MemoryUnit:
    (
        ident,
        src,
        tgt,
        source,
        target,
        origin,
        status,
        engine,
        model,
        document,
        segment_id,
        import_file,
        created,
        updated,
    ) = row
    return MemoryUnit(
        id=int(str(ident)),
        source_lang=str(src),
        target_lang=str(tgt),
        source=str(source),
        target=str(target),
        origin=Origin(str(origin)),
        status=UnitStatus(str(status)),
        engine=str(engine) or None,
        model=str(model) or None,
        document=None if document is None else str(document),
        segment_id=None if segment_id is None else str(segment_id),
        import_file=None if import_file is None else str(import_file),
        created=str(created),
        updated=str(updated),
    )


@contextlib.contextmanager
def open_memory(
    path: Path | None = None,
    *,
    create: bool = True,
    read_only_ok: bool = False,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> Iterator[TranslationMemory]:
    """Open the memory at ``path`` for writing (creating or upgrading it), or with
    ``create=False`` for reading only (``tm stats``, ``tm export``: a read-only file
    or disk is fine, nothing is written).

    ``read_only_ok`` (translate): a memory that cannot be written is opened for
    reading; it reuses but stores nothing, and says so in :attr:`TranslationMemory.warnings`.
    A memory opened for writing is checked first (``PRAGMA quick_check``): a damaged
    one is refused with the way to recover it.  ``path=None``: :func:`default_memory_path`.
    """
    path = Path(path) if path is not None else default_memory_path()
    shown = str(path)
    if path.is_dir():
        raise InputError("this is a folder, not a memory file", "give a file", path=shown)
    if not path.exists():
        if not create:
            raise InputError(
                "no translation memory here",
                "translate or `polyglot tm import` to create one, or give its path with --tm",
                path=shown,
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"{path.parent}: cannot create the translation memory's folder ({exc.strerror})",
                "choose another file with --tm, or translate with --no-tm",
            ) from None
    read_only = not create
    if create and path.exists() and not _writable(path):
        if not read_only_ok:
            raise OutputError(
                f"{path}: cannot write the translation memory (the file or its folder is "
                "read-only)",
                "make it writable, or choose another file with --tm",
            )
        read_only = True
    conn = _connect(path, read_only)
    try:
        try:
            _prepare(conn, path, read_only)
        except OutputError as exc:
            if read_only or not read_only_ok or "cannot write" not in exc.message:
                raise
            conn.close()  # a read-only disk that os.access did not tell: read it
            read_only = True
            conn = _connect(path, read_only)
            _prepare(conn, path, read_only)
        memory = TranslationMemory(conn, path, now)
        if read_only and create:
            memory.read_only = True
            memory.warnings.append(
                f"{path}: the translation memory cannot be written here: translations were "
                "reused from it but none were stored (make it writable, or choose another "
                "file with --tm)"
            )
        yield memory
    finally:
        conn.close()


def _writable(path: Path) -> bool:
    """Whether the memory file and its folder (WAL's -wal and -shm files) can be written."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection; read-only ones never write (nor create -wal/-shm where they cannot)."""
    try:
        if not read_only:
            return sqlite3.connect(path, timeout=10.0, isolation_level=None)
        uri = f"{path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=10.0, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:  # a read-only folder: no -shm can be made
            conn.close()
            conn = sqlite3.connect(f"{uri}&immutable=1", uri=True, isolation_level=None)
        return conn
    except sqlite3.Error as exc:
        raise _store_error(exc, path) from None


def _prepare(conn: sqlite3.Connection, path: Path, read_only: bool = False) -> None:
    """Check the file is a polyglot memory; to write it: switch to WAL, bring the schema
    up to date and check the file is not damaged."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables and app_id != APPLICATION_ID:
            raise InputError(
                "this SQLite file is not a polyglot translation memory",
                "choose another file with --tm",
                path=str(path),
            )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise InputError(
                f"this translation memory has schema version {version}; this polyglot "
                f"knows up to {SCHEMA_VERSION}",
                "upgrade polyglot to use it",
                path=str(path),
            )
        if read_only:
            if version < SCHEMA_VERSION:
                raise OutputError(
                    f"{path}: this translation memory must be upgraded (schema version "
                    f"{version}), which needs to write it",
                    "make it writable and run again",
                )
            return
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")  # a translator's work survives power loss
        if version < SCHEMA_VERSION:
            _migrate(conn)
        if tables:  # before anything is stored: a damaged file is refused, not written to
            problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
            if problems != ["ok"]:
                raise _damaged(path, "; ".join(problems))
    except sqlite3.DatabaseError as exc:
        raise _store_error(exc, path) from None


def _migrate(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # another run may have
        for step in MIGRATIONS[version:]:
            for statement in step:
                conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        conn.rollback()
        raise
    conn.execute("COMMIT")


def _damaged(path: Path, detail: str) -> InputError:
    return InputError(
        f"the translation memory is damaged ({detail}); nothing was stored",
        f"keep this file and recover what is readable into a new memory: "
        f"polyglot tm export --tm {path} rescued.tmx, then polyglot tm import rescued.tmx "
        f"--tm NEW.sqlite (or sqlite3 {path} .recover | sqlite3 NEW.sqlite); "
        "meanwhile translate with --tm NEW.sqlite or --no-tm",
        path=str(path),
    )


def _store_error(exc: sqlite3.Error, path: Path) -> InputError | OutputError:
    text = str(exc)
    if "malformed" in text:
        return _damaged(path, text)
    if "not a database" in text:
        return InputError(
            f"not a usable translation memory ({text})",
            "choose another file with --tm; keep this one for recovery",
            path=str(path),
        )
    if "locked" in text or "busy" in text:
        return OutputError(
            f"{path}: the translation memory is busy ({text})",
            "another polyglot run is writing it; wait and run again",
        )
    if "readonly" in text or "unable to open" in text or "disk" in text:
        return OutputError(
            f"{path}: cannot write the translation memory ({text})",
            "choose a writable file with --tm, or translate with --no-tm",
        )
    return OutputError(f"{path}: translation memory error ({text})", "run again with --debug")
