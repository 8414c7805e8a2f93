"""The translation memory: match key, SQLite store, TMX import/export, ``polyglot tm``."""

from __future__ import annotations

import datetime as dt
import io
import re
import sqlite3
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from polyglot.cli import app
from polyglot.engines import ENGINES
from polyglot.engines.base import Engine
from polyglot.errors import InputError
from polyglot.formats.base import render_bytes
from polyglot.formats.tmx import read_tmx, write_tmx
from polyglot.formats.tmx_validate import validate_tmx
from polyglot.model import Document, Origin, Paragraph, Segment, Translation
from polyglot.tm import normalise_source, open_memory
from polyglot.tm.exchange import import_tmx_file, import_units, write_memory_tmx
from polyglot.tm.store import APPLICATION_ID, SCHEMA_VERSION, HumanOutcome, UnitStatus

runner = CliRunner()
NOW = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)
MODEL = "translate-en_kk 1.0"


@pytest.fixture
def tm_path(tmp_path: Path) -> Path:
    return tmp_path / "tm" / "memory.sqlite"


# --------------------------------------------------------------------------- match key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Café opened.", "Cafe\u0301 opened."),  # NFC
        ("It’s “new”.", 'It\'s "new".'),  # typographic quotes
        ("Two  spaces\tand\nbreaks", "Two spaces and breaks"),
        ("no\u00a0break", "no break"),
        ("  padded  ", "padded"),
        ("soft\u00adhyphen", "softhyphen"),
        ("zero\u200bwidth", "zerowidth"),
    ],
)
def test_match_key_ignores_typing_noise(a: str, b: str) -> None:
    assert normalise_source(a) == normalise_source(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("US troops", "us troops"), ("1,000", "1.000"), ("a - b", "a – b"), ("½", "1/2")],
)
def test_match_key_keeps_what_can_change_a_translation(a: str, b: str) -> None:
    assert normalise_source(a) != normalise_source(b)


# --------------------------------------------------------------------------- store


def test_new_memory_has_schema_version_wal_and_application_id(tm_path: Path) -> None:
    with open_memory(tm_path):
        pass
    conn = sqlite3.connect(tm_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 1
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_default_location_is_the_user_data_folder(isolated_home: Path) -> None:
    with open_memory() as memory:
        assert memory.path == isolated_home / ".local/share/polyglot/memory.sqlite"
    assert memory.path.exists()


def test_another_sqlite_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="not a polyglot translation memory"), open_memory(other):
        pass


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(InputError, match="not a usable translation memory"), open_memory(junk):
        pass
    assert junk.read_bytes() == b"this is not a database" * 100


def test_a_newer_schema_is_refused(tm_path: Path) -> None:
    with open_memory(tm_path):
        pass
    conn = sqlite3.connect(tm_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(InputError, match="schema version 2") as caught, open_memory(tm_path):
        pass
    assert caught.value.hint == "upgrade polyglot to use it"


def test_a_missing_memory_is_not_created_for_reading(tm_path: Path) -> None:
    with (
        pytest.raises(InputError, match="no translation memory"),
        open_memory(tm_path, create=False),
    ):
        pass
    assert not tm_path.exists()


def test_machine_translation_is_reused_only_for_its_engine_and_model(tm_path: Path) -> None:
    with open_memory(tm_path) as memory:
        memory.store_machine(
            "en", "kk", [("Hello.", "Сәлем.", "p1s1")], engine="argos", model=MODEL, document="a"
        )
        found = memory.lookup("en", "kk", ["Hello.", "Other."], engine="argos", model=MODEL)
        assert list(found) == ["Hello."]
        unit = found["Hello."]
        assert (unit.target, unit.origin, unit.engine, unit.model) == (
            "Сәлем.",
            Origin.MT,
            "argos",
            MODEL,
        )
        assert (unit.document, unit.segment_id) == ("a", "p1s1")
        assert memory.lookup("en", "kk", ["Hello."], engine="argos", model="newer 2.0") == {}
        assert memory.lookup("en", "ru", ["Hello."], engine="argos", model=MODEL) == {}
        assert memory.lookup("en", "kk", ["Hello."], engine=None, model=None) == {}


def test_lookup_matches_on_the_normalised_source(tm_path: Path) -> None:
    with open_memory(tm_path) as memory:
        memory.store_machine(
            "en", "kk", [("It’s  here.", "Міне.", None)], engine="e", model="m", document=None
        )
        found = memory.lookup("en", "kk", ["It's here.", "It's\nhere."], engine="e", model="m")
        assert {k: v.target for k, v in found.items()} == {
            "It's here.": "Міне.",
            "It's\nhere.": "Міне.",
        }


def test_human_wins_and_machine_translation_never_overwrites_it(tm_path: Path) -> None:
    with open_memory(tm_path) as memory:
        with memory.transaction():
            memory.add_human("en", "kk", "Hello.", "Сәлеметсіз бе.")
        memory.store_machine(
            "en", "kk", [("Hello.", "Сәлем.", None)], engine="argos", model=MODEL, document=None
        )
        unit = memory.lookup("en", "kk", ["Hello."], engine="argos", model=MODEL)["Hello."]
        assert (unit.target, unit.origin) == ("Сәлеметсіз бе.", Origin.HUMAN)
        assert memory.lookup("en", "kk", ["Hello."], engine=None, model=None)["Hello."].target == (
            "Сәлеметсіз бе."
        )
        humans = list(memory.units(human_only=True))
        assert [(u.target, u.status) for u in humans] == [("Сәлеметсіз бе.", UnitStatus.ACTIVE)]


def test_conflicting_human_translations_are_kept_never_overwritten(tm_path: Path) -> None:
    with open_memory(tm_path) as memory, memory.transaction():
        assert memory.add_human("en", "kk", "Hi.", "Сәлем.").outcome is HumanOutcome.ADDED
        assert memory.add_human("en", "kk", "Hi.", "Сәлем.").outcome is HumanOutcome.UNCHANGED
        result = memory.add_human("en", "kk", "Hi.", "Салам.")
        assert (result.outcome, result.previous) == (HumanOutcome.CONFLICT, "Сәлем.")
        found = memory.lookup("en", "kk", ["Hi."], engine=None, model=None)
        assert found["Hi."].target == "Сәлем."  # the earlier one is still used
        result = memory.add_human("en", "kk", "Hi.", "Салам.", replace=True)
        assert (result.outcome, result.previous) == (HumanOutcome.REPLACED, "Сәлем.")
        found = memory.lookup("en", "kk", ["Hi."], engine=None, model=None)
        assert found["Hi."].target == "Салам."
        every = list(memory.units(human_only=True, best_only=False))
        assert sorted((u.target, u.status) for u in every) == [
            ("Салам.", UnitStatus.ACTIVE),
            ("Сәлем.", UnitStatus.ALTERNATIVE),
        ]


def test_an_interrupted_transaction_stores_nothing(tm_path: Path) -> None:
    with open_memory(tm_path) as memory:
        with pytest.raises(KeyboardInterrupt), memory.transaction():
            memory.add_human("en", "kk", "Hi.", "Сәлем.")
            raise KeyboardInterrupt
        assert list(memory.units()) == []


def test_stats_count_units_per_pair_origin_and_model(tm_path: Path) -> None:
    with open_memory(tm_path, now=lambda: NOW) as memory:
        memory.store_machine(
            "en", "kk", [("A.", "А.", None), ("B.", "Б.", None)], engine="argos", model=MODEL,
            document=None,
        )  # fmt: skip
        with memory.transaction():
            memory.add_human("en", "kk", "A.", "Аа.")
            memory.add_human("en", "kk", "A.", "Ааа.")
            memory.add_human("en", "ru", "A.", "Ая.")
        stats = memory.stats()
    assert stats.units == 5
    assert [(p.pair, p.human, p.alternative, p.machine) for p in stats.pairs] == [
        ("en-kk", 1, 1, {f"argos {MODEL}": 2}),
        ("en-ru", 1, 0, {}),
    ]
    assert stats.pairs[0].updated == "2024-05-01T12:00:00Z"


def test_two_connections_write_the_same_memory(tm_path: Path) -> None:
    with open_memory(tm_path) as first, open_memory(tm_path) as second:
        first.store_machine("en", "kk", [("A.", "А.", None)], engine="e", model="m", document=None)
        with second.transaction():
            second.add_human("en", "kk", "B.", "Б.")
        assert set(first.lookup("en", "kk", ["A.", "B."], engine="e", model="m")) == {"A.", "B."}


# --------------------------------------------------------------------------- TMX import

# How three CAT tools spell the same post-edited unit: languages, header, extra attributes.
CAT_TOOLS = {
    "omegat": (
        '<header creationtool="OmegaT" creationtoolversion="6.0.0_0" segtype="sentence" '
        'o-tmf="OmegaT TMX" adminlang="EN-US" srclang="EN-US" datatype="plaintext"/>',
        'lang="EN-US"',  # TMX 1.1 attribute, as OmegaT's project memory writes it
        'lang="KK-KZ"',
        ' changeid="aigerim" changedate="20240501T120000Z"',
    ),
    "trados": (
        '<header creationtool="SDL Language Platform" creationtoolversion="8.1" '
        'o-tmf="SDL TM8 Format" datatype="xml" segtype="sentence" adminlang="en-US" '
        'srclang="en-US"><prop type="x-Recognizers">RecognizeAll</prop></header>',
        'xml:lang="en-US"',
        'xml:lang="kk-KZ"',
        ' creationid="TRADOS\\aigerim"',
    ),
    "memoq": (
        '<header creationtool="memoQ" creationtoolversion="10.2.7" segtype="sentence" '
        'o-tmf="memoQTM" adminlang="en-us" srclang="en-us" datatype="unknown"/>',
        'xml:lang="en-us"',
        'xml:lang="kk"',
        "",
    ),
}


def cat_tmx(tool: str, units: list[tuple[str, str]]) -> bytes:
    header, src, tgt, extra = CAT_TOOLS[tool]
    body = "".join(
        f'<tu tuid="{i}"><tuv {src}><seg>{s}</seg></tuv><tuv {tgt}{extra}><seg>{t}</seg></tuv></tu>'
        for i, (s, t) in enumerate(units, start=1)
    )
    xml = f'<tmx version="1.4">{header}<body>{body}</body></tmx>'
    return f'<?xml version="1.0" encoding="UTF-8"?>{xml}'.encode()


@pytest.mark.parametrize("tool", sorted(CAT_TOOLS))
def test_cat_tool_exports_become_human_translations(tool: str, tm_path: Path) -> None:
    data = cat_tmx(tool, [("Hello &amp; welcome.", "Сәлем &amp; қош келдіңіз."), ("Bye.", "Сау.")])
    tmx = read_tmx(io.BytesIO(data), path=f"{tool}.tmx")
    with open_memory(tm_path) as memory:
        with memory.transaction():
            report = import_units(memory, tmx, import_file=f"{tool}.tmx")
        found = memory.lookup("en", "kk", ["Hello & welcome.", "Bye."], engine=None, model=None)
    assert report.outcomes == {"added": 2}
    assert report.pairs == {"en-kk": 2}
    assert report.conflicts == [] and report.skipped == []
    assert {k: (v.target, v.origin, v.import_file) for k, v in found.items()} == {
        "Hello & welcome.": ("Сәлем & қош келдіңіз.", Origin.HUMAN, f"{tool}.tmx"),
        "Bye.": ("Сау.", Origin.HUMAN, f"{tool}.tmx"),
    }


def test_import_reports_conflicts_and_keeps_the_earlier_translation(tmp_path: Path) -> None:
    tm = tmp_path / "tm.sqlite"
    first, second = tmp_path / "first.tmx", tmp_path / "second.tmx"
    first.write_bytes(cat_tmx("trados", [("Hi.", "Сәлем."), ("Bye.", "Сау.")]))
    second.write_bytes(cat_tmx("omegat", [("Hi.", "Салам."), ("Bye.", "Сау.")]))
    import_tmx_file(first, tm)
    report = import_tmx_file(second, tm)
    assert report.outcomes == {"conflict": 1, "unchanged": 1}
    [conflict] = report.conflicts
    assert (conflict.lang, conflict.source, conflict.kept, conflict.other) == (
        "kk",
        "Hi.",
        "Сәлем.",
        "Салам.",
    )
    assert conflict.line == 1
    with open_memory(tm) as memory:
        assert memory.lookup("en", "kk", ["Hi."], engine=None, model=None)["Hi."].target == (
            "Сәлем."
        )
    report = import_tmx_file(second, tm, replace=True)
    assert report.outcomes == {"replaced": 1, "unchanged": 1}
    with open_memory(tm) as memory:
        assert memory.lookup("en", "kk", ["Hi."], engine=None, model=None)["Hi."].target == (
            "Салам."
        )
        assert len(list(memory.units(best_only=False))) == 3  # nothing was deleted


def test_conflict_inside_one_file_is_reported(tm_path: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "dup.tmx"
    tmx.write_bytes(cat_tmx("memoq", [("Hi.", "Сәлем."), ("Hi.", "Салам.")]))
    report = import_tmx_file(tmx, tm_path)
    assert report.outcomes == {"added": 1, "conflict": 1}
    assert "two different human translations of 'Hi.'" in str(report.conflicts[0])


@pytest.mark.parametrize("replace", [False, True])
def test_an_import_decides_as_one_add_human_per_unit_would(
    replace: bool, tm_path: Path, tmp_path: Path
) -> None:
    """The import reads a batch's rows at once and keeps them up to date itself: a source
    met again in the same batch sees what the earlier units did, as one by one."""
    units = [("Hi.", "Сәлем."), ("Hi.", "Салам."), ("Bye.", "Сау."), ("Hi.", "Сәлем.")]
    units += [("Hi.", "Салам."), ("Hi.", "Сәлеметсіз."), ("Bye.", "Сау бол.")]
    with open_memory(tm_path) as memory, memory.transaction():
        memory.add_human("en", "kk", "Bye.", "Сау бол.")  # already there before the import
    reference = tmp_path / "reference.sqlite"
    with open_memory(reference) as memory, memory.transaction():
        memory.add_human("en", "kk", "Bye.", "Сау бол.")
        expected = [
            str(memory.add_human("en", "kk", s, t, replace=replace).outcome) for s, t in units
        ]
    tmx = tmp_path / "dup.tmx"
    tmx.write_bytes(cat_tmx("memoq", units))
    report = import_tmx_file(tmx, tm_path, replace=replace)
    assert report.outcomes == Counter(expected)

    def rows(path: Path) -> list[tuple[str, str, str]]:
        with open_memory(path) as memory:
            units = memory.units(best_only=False)
            return sorted((u.source, u.target, str(u.status)) for u in units)

    assert rows(tm_path) == rows(reference)


def test_an_import_reads_the_memory_once_per_batch_not_per_unit(tmp_path: Path) -> None:
    tmx = tmp_path / "many.tmx"
    tmx.write_bytes(cat_tmx("memoq", [(f"Sentence {i}.", f"Сөйлем {i}.") for i in range(1200)]))
    statements: list[str] = []
    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sqlite3, "connect", connect)
        report = import_tmx_file(tmx, tmp_path / "tm.sqlite")
    assert report.outcomes == {"added": 1200}
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "unit" in s]
    assert len(selects) <= 10, len(selects)  # three batches; it was two queries per unit


def test_import_of_a_multilingual_unit_fills_every_pair(tm_path: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "multi.tmx"
    tmx.write_bytes(
        b'<tmx version="1.4"><header srclang="*all*"/><body><tu>'
        b'<tuv xml:lang="EN-GB"><seg>Hi.</seg></tuv><tuv xml:lang="ru-RU"><seg>Hi ru.</seg></tuv>'
        b'<tuv xml:lang="fr_FR"><seg>Hi fr.</seg></tuv><tuv xml:lang="kz"><seg>Hi kk.</seg></tuv>'
        b"</tu><tu><tuv xml:lang='ru'><seg>only russian</seg></tuv></tu>"
        b"<tu><tuv xml:lang='en'><seg>only english</seg></tuv></tu>"
        b"<tu><tuv xml:lang='en'><seg>Empty.</seg></tuv><tuv xml:lang='kk'><seg> </seg></tuv></tu>"
        b"</body></tmx>"
    )
    report = import_tmx_file(tmx, tm_path)
    assert report.pairs == {"en-ru": 1, "en-fr": 1, "en-kk": 1}
    assert len(report.skipped) == 3
    assert "no en text" in report.skipped[0]
    assert "only en" in report.skipped[1]
    assert "only en" in report.skipped[2]  # the reader drops the empty <seg> ...
    assert any("empty <seg> for 'kk'" in w for w in report.warnings)  # ... and says so


def test_polyglots_own_unedited_machine_translation_stays_machine(tm_path: Path) -> None:
    """Re-importing polyglot's TMX unedited must not turn MT into 'human' text."""
    with open_memory(tm_path) as memory:
        memory.store_machine(
            "en", "kk", [("A.", "MT A.", None), ("B.", "MT B.", None)],
            engine="argos", model=MODEL, document="art",
        )  # fmt: skip
        buffer = io.BytesIO()
        write_memory_tmx(buffer, memory, target_lang="kk", now=NOW, tool_version="t")
        edited = buffer.getvalue().replace(b"MT B.", b"Edited B.")
        # a file without fingerprints (older polyglot): the memory tells what is MT
        edited = re.sub(rb'\s*<prop type="x-mt-sha256">[0-9a-f]+</prop>', b"", edited)
        with memory.transaction():
            report = import_units(memory, read_tmx(io.BytesIO(edited)))
        assert report.unchanged_machine == 1
        assert report.outcomes == {"added": 1}
        found = memory.lookup("en", "kk", ["A.", "B."], engine=None, model=None)
    assert {k: v.target for k, v in found.items()} == {"B.": "Edited B."}


def _machine_tmx(targets: list[tuple[str, str]]) -> bytes:
    """polyglot's TMX of machine translations, as translate writes it."""
    segments = [
        Segment(f"p{i}s1", src, 0, len(src), translations={"kk": Translation(
            tgt, Origin.MT, "argos", MODEL
        )})
        for i, (src, tgt) in enumerate(targets, start=1)
    ]  # fmt: skip
    doc = Document(text="", source_lang="en", name="art")
    doc.paragraphs = [Paragraph(i, 0, 0, [seg]) for i, seg in enumerate(segments, start=1)]
    data, _report = render_bytes(
        write_tmx, doc, ["kk"], source_lang="en", now=NOW, tool_version="t"
    )
    return data


def test_unedited_machine_translation_is_never_human_in_a_memory_that_lacks_it(
    tm_path: Path,
) -> None:
    """The TMX itself says which text the machine made: a fresh memory (--no-tm,
    another machine, another --tm) must not take raw MT as a translator's work."""
    data = _machine_tmx([("A.", "MT A."), ("B.", "MT B."), ("C.", "MT C.")])
    # a CAT tool that keeps props: B edited in place, its fingerprint left behind
    data = data.replace(b">MT B.<", b">Edited B.<")
    with open_memory(tm_path) as memory:
        with memory.transaction():
            report = import_units(memory, read_tmx(io.BytesIO(data)))
        assert report.unchanged_machine == 2
        assert report.outcomes == {"added": 1}
        assert "2 unedited machine translations left as MT (not imported)" in report.format()
        assert [(u.source, u.target, u.origin) for u in memory.units(best_only=False)] == [
            ("B.", "Edited B.", Origin.HUMAN)
        ]


def test_a_fingerprint_decides_even_when_the_memory_holds_other_mt(tm_path: Path) -> None:
    with open_memory(tm_path) as memory:
        # this memory's MT of A differs from the file's: the file's text is still MT
        memory.store_machine("en", "kk", [("A.", "Other MT A.", None)], engine="x", model="y",
                             document=None)  # fmt: skip
        # ... and a translator who typed another engine's MT of B wrote B: human
        memory.store_machine("en", "kk", [("B.", "Other MT B.", None)], engine="x", model="y",
                             document=None)  # fmt: skip
        data = _machine_tmx([("A.", "MT A."), ("B.", "MT B.")])
        data = data.replace(b">MT B.<", b">Other MT B.<")
        with memory.transaction():
            report = import_units(memory, read_tmx(io.BytesIO(data)))
        humans = [(u.source, u.target) for u in memory.units(human_only=True)]
    assert (report.unchanged_machine, report.outcomes) == (1, {"added": 1})
    assert humans == [("B.", "Other MT B.")]


def test_cli_import_of_an_unedited_no_tm_run_adds_no_human_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(ENGINES, "tagging", f"{__name__}:TaggingEngine")
    article = tmp_path / "a.txt"
    article.write_text("One sentence here. Another one there.\n\nA third.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["translate", str(article), "--to", "ru", "--engine", "tagging", "--no-tm",
         "--no-glossary", "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    fresh = tmp_path / "fresh.sqlite"
    result = runner.invoke(app, ["tm", "import", str(out / "a.en-ru.tmx"), "--tm", str(fresh)])
    assert result.exit_code == 0, result.output
    assert "0 added" in result.output
    assert "3 unedited machine translations left as MT (not imported)" in result.output
    with open_memory(fresh) as memory:
        assert list(memory.units(human_only=True)) == []


class TaggingEngine(Engine):
    """Machine translation as a tag and the source: ``[ru] One sentence here.``"""

    name: ClassVar[str] = "tagging"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return [f"[{target}] {text}" for text in texts]


def test_unsafe_tmx_is_refused_and_nothing_is_imported(tm_path: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.tmx"
    bomb.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaa">]>'
        b'<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&a;</seg>'
        b'</tuv><tuv xml:lang="kk"><seg>x</seg></tuv></tu></body></tmx>'
    )
    result = runner.invoke(app, ["tm", "import", str(bomb), "--tm", str(tm_path)])
    assert result.exit_code == 3
    assert "entities" in result.output
    assert not tm_path.exists()


def test_a_broken_file_rolls_back_the_whole_import(tm_path: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "ok.tmx"
    tmx.write_bytes(cat_tmx("trados", [("Hi.", "Сәлем.")]))
    with open_memory(tm_path) as memory:
        with pytest.raises(RuntimeError), memory.transaction():
            import_units(memory, read_tmx(io.BytesIO(tmx.read_bytes())))
            raise RuntimeError("crash half-way")
        assert list(memory.units()) == []


# --------------------------------------------------------------------------- TMX export


def _filled(tm_path: Path) -> None:
    with open_memory(tm_path, now=lambda: NOW) as memory:
        for lang in ("kk", "ru"):
            memory.store_machine(
                "en", lang, [("A.", f"A {lang}.", "p1s1"), ("B.", f"B {lang}.", "p1s2")],
                engine="argos", model=f"translate-en_{lang} 1.0", document="art",
            )  # fmt: skip
        with memory.transaction():
            memory.add_human("en", "kk", "B.", "B kk human.", import_file="post.tmx")
            memory.add_human("en", "kk", "C.", "C kk human.")


def test_export_one_pair_is_valid_for_cat_tools(tm_path: Path, tmp_path: Path) -> None:
    _filled(tm_path)
    out = tmp_path / "kk.tmx"
    result = runner.invoke(app, ["tm", "export", "--pair", "en-kk", str(out), "--tm", str(tm_path)])
    assert result.exit_code == 0, result.output
    assert "3 units (en-kk 3)" in result.output
    assert validate_tmx(out.read_bytes(), str(out)) == []
    units = read_tmx(io.BytesIO(out.read_bytes())).units
    got = {u.variants["en"]: (u.variants["kk"], u.details["kk"].props["x-origin"]) for u in units}
    assert got == {
        "A.": ("A kk.", ["mt"]),
        "B.": ("B kk human.", ["human"]),  # human over MT
        "C.": ("C kk human.", ["human"]),
    }


def test_export_human_only_of_one_pair_writes_the_file_named(tm_path: Path, tmp_path: Path) -> None:
    _filled(tm_path)
    out = tmp_path / "human.tmx"
    result = runner.invoke(app, ["tm", "export", str(out), "--tm", str(tm_path), "--human-only"])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}: 2 units (en-kk 2)" in result.output  # only en-kk has human work
    assert {u.variants["en"] for u in read_tmx(io.BytesIO(out.read_bytes())).units} == {"B.", "C."}


def test_export_of_several_pairs_writes_one_valid_file_per_pair(
    tm_path: Path, tmp_path: Path
) -> None:
    """A file with en-kk and en-ru units, some lacking a language, is no TMX for a CAT tool."""
    _filled(tm_path)
    out = tmp_path / "all.tmx"
    result = runner.invoke(app, ["tm", "export", str(out), "--tm", str(tm_path)])
    assert result.exit_code == 0, result.output
    kk, ru = tmp_path / "all.en-kk.tmx", tmp_path / "all.en-ru.tmx"
    assert f"wrote {kk}: 3 units (en-kk 3)" in result.output
    assert f"wrote {ru}: 2 units (en-ru 2)" in result.output
    assert not out.exists()
    for path in (kk, ru):
        assert validate_tmx(path.read_bytes(), str(path)) == []
        check = runner.invoke(app, ["tmx", "validate", str(path)])
        assert check.exit_code == 0, check.output
    units = {u.variants["en"]: u.variants for u in read_tmx(io.BytesIO(kk.read_bytes())).units}
    assert units["A."] == {"en": "A.", "kk": "A kk."}
    assert units["C."] == {"en": "C.", "kk": "C kk human."}
    units = {u.variants["en"]: u.variants for u in read_tmx(io.BytesIO(ru.read_bytes())).units}
    assert set(units) == {"A.", "B."}


def test_export_then_import_into_a_new_memory_keeps_the_human_work(
    tm_path: Path, tmp_path: Path
) -> None:
    _filled(tm_path)
    out = tmp_path / "backup.tmx"
    assert runner.invoke(app, ["tm", "export", str(out), "--tm", str(tm_path)]).exit_code == 0
    fresh = tmp_path / "fresh.sqlite"
    for pair in ("en-kk", "en-ru"):
        result = runner.invoke(
            app, ["tm", "import", str(tmp_path / f"backup.{pair}.tmx"), "--tm", str(fresh)]
        )
        assert result.exit_code == 0, result.output
    with open_memory(fresh) as memory:
        humans = {(u.target_lang, u.source, u.target) for u in memory.units(human_only=True)}
    assert {("kk", "B.", "B kk human."), ("kk", "C.", "C kk human.")} <= humans


# --------------------------------------------------------------------------- CLI


def test_cli_import_prints_counts_conflicts_and_a_hint(tm_path: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.tmx", tmp_path / "b.tmx"
    a.write_bytes(cat_tmx("omegat", [("Hi.", "Сәлем.")]))
    b.write_bytes(cat_tmx("memoq", [("Hi.", "Салам."), ("Bye.", "Сау.")]))
    assert runner.invoke(app, ["tm", "import", str(a), "--tm", str(tm_path)]).exit_code == 0
    result = runner.invoke(app, ["tm", "import", str(b), "--tm", str(tm_path)])
    assert result.exit_code == 0, result.output
    assert "1 added, 0 replaced, 0 already there, 1 conflicting" in result.output
    assert "conflict: line 1: kk: two different human translations of 'Hi.'" in result.output
    assert "--replace" in result.output


def test_cli_stats(tm_path: Path) -> None:
    _filled(tm_path)
    result = runner.invoke(app, ["tm", "stats", "--tm", str(tm_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{tm_path}: 6 units")
    assert "en-kk: 2 human, last change 2024-05-01T12:00:00Z" in lines
    assert "  2 machine translations by argos translate-en_kk 1.0" in lines


@pytest.mark.parametrize("command", [["stats"], ["export", "x.tmx"]])
def test_cli_on_a_missing_memory(command: list[str], tmp_path: Path) -> None:
    result = runner.invoke(app, ["tm", *command, "--tm", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 3
    assert "no translation memory here" in result.output
    assert not (tmp_path / "none.sqlite").exists()


def test_cli_import_of_a_missing_file(tm_path: Path) -> None:
    result = runner.invoke(app, ["tm", "import", "nowhere.tmx", "--tm", str(tm_path)])
    assert result.exit_code == 3
    assert "nowhere.tmx: no such file" in result.output


def test_cli_export_with_a_bad_pair(tm_path: Path, tmp_path: Path) -> None:
    _filled(tm_path)
    result = runner.invoke(app, ["tm", "export", "--pair", "enkk", "x.tmx", "--tm", str(tm_path)])
    assert result.exit_code == 2
    assert "en-kk" in result.output


def test_cli_import_of_a_large_tmx_names_the_size_option(tm_path: Path, tmp_path: Path) -> None:
    """translate writes ~90 MB of TMX for a 12 MB article: tm import must read it back."""
    big = tmp_path / "big.tmx"
    units = [(f"Sentence {i} of a long article.", f"{i} сөйлем.") for i in range(200)]
    data = cat_tmx("omegat", units)
    big.write_bytes(data.replace(b"</tu>", b"</tu>" + b"\n" * (350 * 1024)))  # 68.4 MiB
    result = runner.invoke(app, ["tm", "import", str(big), "--tm", str(tm_path)])
    assert result.exit_code == 0, result.output  # the default is well above 64 MiB
    assert "200 added" in result.output
    result = runner.invoke(app, ["tm", "import", str(big), "--tm", str(tm_path), "--max-size", "8"])
    assert result.exit_code == 3
    assert "over the 8 MiB limit" in result.output
    assert "--max-size 69" in result.output


def test_import_with_a_wrong_header_srclang_says_why_nothing_was_imported(
    tm_path: Path, tmp_path: Path
) -> None:
    tmx = tmp_path / "fr-header.tmx"
    tmx.write_bytes(cat_tmx("omegat", [("Hi.", "Сәлем."), ("Bye.", "Сау.")]).replace(
        b'srclang="EN-US"', b'srclang="fr"'
    ))  # fmt: skip
    assert b'srclang="fr"' in tmx.read_bytes()
    result = runner.invoke(app, ["tm", "import", str(tmx), "--tm", str(tm_path)])
    assert result.exit_code == 3, result.output
    assert "no unit has text in fr (the header's srclang)" in result.output
    assert "the units are in en, kk" in result.output
    assert "--source-lang en" in result.output
    result = runner.invoke(
        app, ["tm", "import", str(tmx), "--tm", str(tm_path), "--source-lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "2 added" in result.output


def test_an_import_that_finds_the_unit_already_there_keeps_its_first_provenance(
    tm_path: Path, tmp_path: Path
) -> None:
    good, later = tmp_path / "good.tmx", tmp_path / "later.tmx"
    good.write_bytes(cat_tmx("omegat", [("Hi.", "Сәлем.")]))
    later.write_bytes(cat_tmx("memoq", [("Hi.", "Сәлем.")]))
    import_tmx_file(good, tm_path)
    assert import_tmx_file(later, tm_path).outcomes == {"unchanged": 1}
    with open_memory(tm_path) as memory:
        [unit] = memory.units(human_only=True)
    assert unit.import_file == "good.tmx"


@pytest.mark.parametrize("tool", sorted(CAT_TOOLS))
def test_tmx_validate_separates_a_cat_tools_valid_tmx_from_polyglots_way(tool, tmp_path):
    """A valid TMX from a CAT tool (no tuid, datatype='xml') will import: notes, exit 0,
    and no advice to rewrite it with polyglot (issue 18.14)."""
    data = (
        cat_tmx(tool, [("Astana.", "Астана."), ("Hello.", "Сәлем.")])
        .replace(b' tuid="1"', b"")
        .replace(b' tuid="2"', b"")
    )
    path = tmp_path / f"{tool}.tmx"
    path.write_bytes(data)
    result = runner.invoke(app, ["tmx", "validate", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}: valid TMX 1.4b, will import" in result.output
    assert result.output.count("unit without a tuid") == 2
    assert "polyglot translate" not in result.output and "error" not in result.output
    imported = runner.invoke(app, ["tm", "import", str(path), "--tm", str(tmp_path / "tm.db")])
    assert imported.exit_code == 0, imported.output


# --------------------------------------------------------------------------- streaming import


def _many_units(count: int) -> bytes:
    return cat_tmx("trados", [(f"Sentence {i}.", f"Сөйлем {i}.") for i in range(count)])


class _Interrupting:
    """A unit source that runs ``action`` when the reader reaches unit ``at``."""

    def __init__(self, data: bytes, at: int, action) -> None:  # type: ignore[no-untyped-def]
        from polyglot.formats.tmx import TmxReader

        self.reader = TmxReader(io.BytesIO(data), path="big.tmx")
        self.path, self.srclang, self.warnings = "big.tmx", self.reader.srclang, []
        self.at, self.action = at, action

    @property
    def units(self):  # type: ignore[no-untyped-def]
        for number, unit in enumerate(self.reader.units):
            if number == self.at:
                self.action()
            yield unit


def test_a_translate_stores_while_a_large_import_runs(tm_path: Path) -> None:
    """The fault: one transaction for the whole import held the write lock, so a
    translate storing into the memory failed with 'database is locked'."""
    from polyglot.tm.exchange import IMPORT_BATCH

    stored = []

    def translate_stores() -> None:
        with open_memory(tm_path) as other:
            other._conn.execute("PRAGMA busy_timeout = 200")  # far below a whole import
            stored.append(
                other.store_machine("en", "ru", [("A.", "А.", "p1s1")], engine="argos",
                                    model=MODEL, document="art")
            )  # fmt: skip

    with open_memory(tm_path) as memory:
        report = import_units(
            memory,
            _Interrupting(_many_units(3 * IMPORT_BATCH), IMPORT_BATCH + 10, translate_stores),
            batch=IMPORT_BATCH,
        )
        assert report.outcomes == {"added": 3 * IMPORT_BATCH}
        assert stored == [1]
        assert len(list(memory.units(target_lang="ru"))) == 1


def test_an_import_killed_half_way_keeps_finished_batches_and_a_rerun_adds_the_rest(
    tm_path: Path, tmp_path: Path
) -> None:
    from polyglot.tm.exchange import IMPORT_BATCH

    data = _many_units(2 * IMPORT_BATCH + 7)

    def kill() -> None:
        raise KeyboardInterrupt

    with open_memory(tm_path) as memory, pytest.raises(KeyboardInterrupt):
        import_units(memory, _Interrupting(data, IMPORT_BATCH + 3, kill), batch=IMPORT_BATCH)
    with open_memory(tm_path) as memory:
        assert len(list(memory.units())) == IMPORT_BATCH  # the batch in progress rolled back
    path = tmp_path / "big.tmx"
    path.write_bytes(data)
    report = import_tmx_file(path, tm_path)
    assert report.outcomes == {"unchanged": IMPORT_BATCH, "added": IMPORT_BATCH + 7}


def test_a_file_broken_at_its_end_imports_nothing(tm_path: Path, tmp_path: Path) -> None:
    from polyglot.tm.exchange import IMPORT_BATCH

    path = tmp_path / "broken.tmx"
    path.write_bytes(_many_units(2 * IMPORT_BATCH).replace(b"</body>", b"<tu></body>"))
    result = runner.invoke(app, ["tm", "import", str(path), "--tm", str(tm_path)])
    assert result.exit_code == 3 and "not well-formed" in result.output
    assert not tm_path.exists()


def test_the_streaming_reader_forgets_units_it_has_read() -> None:
    from polyglot.formats.tmx import TmxReader

    data = _many_units(3000)  # ~500 KB: the parser is fed 64 KiB at a time
    reader = TmxReader(io.BytesIO(data), path="t.tmx")
    seen = []
    for unit in reader.units:
        body = reader._root.find("body")
        seen.append(len(body) if body is not None else 0)
        assert unit.variants["en"].startswith("Sentence ")
    assert len(seen) == 3000
    assert max(seen) < 2 * 3000 * 65536 / len(data)  # about one chunk of units, never all


def _many_xliff_units(count: int, per_group: int = 3) -> bytes:
    """An XLIFF 1.2 of ``count`` confirmed units, ``per_group`` to a paragraph group (as
    polyglot writes them), in two ``<file>``s; one unit without ``<source>`` at the end."""

    def units(start: int, stop: int) -> str:
        groups = []
        for first in range(start, stop, per_group):
            groups.append(
                '<group restype="x-paragraph">'
                + "".join(
                    f'<trans-unit id="u{i}"><source>Sentence {i}.</source>'
                    f'<target state="translated">Сөйлем {i}.</target></trans-unit>\n'
                    for i in range(first, min(first + per_group, stop))
                )
                + "</group>"
            )
        return "".join(groups)

    half = count // 2
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="a.txt" source-language="en" target-language="kk" datatype="plaintext">'
        '<header><tool tool-id="memoQ" tool-name="memoQ"/></header>'
        f"<body>{units(0, half)}</body></file>\n"
        '<file original="b.txt" source-language="en" target-language="kk" datatype="plaintext">'
        f'<body>{units(half, count)}<trans-unit id="bad"><target>x</target></trans-unit>'
        "</body></file></xliff>\n"
    ).encode()


def test_the_streaming_xliff_reader_forgets_units_it_has_read() -> None:
    from polyglot.formats.xliff import XLIFF_NS, XliffReader

    data = _many_xliff_units(3000)  # ~350 KB: the parser is fed 64 KiB at a time
    reader = XliffReader(io.BytesIO(data), path="t.xlf")
    assert reader.srclang == "en" and reader.header.creationtool == "memoQ"
    assert len(reader._pending) < 10  # the header read, no unit yet
    empty_first = data.replace(b"<body>", b"</file><file><body>", 1)  # an empty first <file>
    assert len(XliffReader(io.BytesIO(empty_first))._pending) < 10
    alive = []
    for number, unit in enumerate(reader.units):
        alive.append(sum(1 for _ in reader._root.iter(f"{{{XLIFF_NS}}}trans-unit")))
        assert unit.variants == {"en": f"Sentence {number}.", "kk": f"Сөйлем {number}."}
        assert unit.props["x-document"] == ["a.txt" if number < 1500 else "b.txt"]
    assert len(alive) == 3000
    assert max(alive) < 2 * 3000 * 65536 / len(data)  # about one chunk of units, never all
    line = data[: data.index(b'id="bad"')].count(b"\n") + 1
    assert reader.warnings == [f"t.xlf:{line}: <trans-unit> without <source>, skipped"]


def test_tm_import_of_an_xliff_holds_a_batch_of_units_not_the_file(
    tm_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import polyglot.formats.xliff as xliff
    from polyglot.tm.exchange import IMPORT_BATCH
    from polyglot.tm.store import TranslationMemory

    made: list[int] = []
    at_first_store: list[int] = []

    class Counted(xliff.TranslationUnit):  # type: ignore[misc]
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            made.append(1)
            super().__init__(*args, **kwargs)

    add_human = TranslationMemory.add_human

    def first_store(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not at_first_store:
            at_first_store.append(len(made))
        return add_human(self, *args, **kwargs)

    monkeypatch.setattr(xliff, "TranslationUnit", Counted)
    monkeypatch.setattr(TranslationMemory, "add_human", first_store)
    path = tmp_path / "big.xlf"
    path.write_bytes(_many_xliff_units(4 * IMPORT_BATCH))
    report = import_tmx_file(path, tm_path)
    assert report.outcomes == {"added": 4 * IMPORT_BATCH}
    assert report.skipped == [] and "without <source>" in report.warnings[0]
    assert len(made) == 4 * IMPORT_BATCH  # every unit read once (the check makes none)
    assert at_first_store == [IMPORT_BATCH]  # the first batch, not the whole file


def test_an_xliff_broken_at_its_end_imports_nothing(tm_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "broken.xlf"
    path.write_bytes(_many_xliff_units(1200).replace(b"</xliff>", b"<file></xliff>"))
    result = runner.invoke(app, ["tm", "import", str(path), "--tm", str(tm_path)])
    assert result.exit_code == 3 and "not well-formed" in result.output
    with open_memory(tm_path) as memory:
        assert list(memory.units(human_only=True)) == []


# --------------------------------------------------------------------------- damaged memory


def _damage_the_middle(path: Path) -> None:
    """Garbage over pages in the middle of the file (not the header)."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8192] = b"\xde\xad\xbe\xef" * 2048
    path.write_bytes(bytes(data))


def test_a_memory_damaged_in_the_middle_is_refused_with_the_way_to_recover(
    tm_path: Path, tmp_path: Path, test_packages_dir: Path, seed_path: Path
) -> None:
    """The fault: 'tm import' into such a file said '218 added', exit 0, and translate
    exited 70 with DatabaseError."""
    with open_memory(tm_path) as memory:
        memory.store_machine(
            "en", "kk", [(f"Sentence {i} " + "x" * 200, f"Сөйлем {i}", None) for i in range(400)],
            engine="argos", model=MODEL, document="art",
        )  # fmt: skip
        memory._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage_the_middle(tm_path)
    before = tm_path.read_bytes()
    tmx = tmp_path / "post.tmx"
    tmx.write_bytes(_many_units(20))
    result = runner.invoke(app, ["tm", "import", str(tmx), "--tm", str(tm_path)])
    assert result.exit_code == 3, result.output
    assert "damaged" in result.output and "tm export" in result.output
    assert ".recover" in result.output and "Traceback" not in result.output
    assert tm_path.read_bytes() == before  # nothing written into the damaged file
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["translate", str(seed_path), "--to", "kk", "--models-dir", str(test_packages_dir),
         "--tm", str(tm_path), "--out", str(out), "--no-glossary"],
    )  # fmt: skip
    assert result.exit_code == 3, result.output  # was 70, DatabaseError
    assert "damaged" in result.output and "--no-tm" in result.output
    assert tm_path.read_bytes() == before
