"""``tm import`` of what CAT tools send back: edited units human, unedited ones still MT.

CAT tools rewrite the files polyglot gave them: OmegaT saves its project memory
as TMX 1.1 without any of polyglot's props, Trados drops them too, and XLIFF
editors change ``state``.  ``tests/test_omegat_project.py`` runs the real
OmegaT; these tests pin each rule on small files.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polyglot.cli import app
from polyglot.formats.base import render_bytes
from polyglot.formats.tmx import read_tmx
from polyglot.formats.xliff import read_xliff, write_xliff
from polyglot.model import Document, Origin, Paragraph, Segment, Translation
from polyglot.tm import open_memory
from polyglot.tm.exchange import import_tmx_file, import_units

NOW = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)
MODEL = "translate-en_kk 1.0"
MT = {"One.": "MT one.", "Two.": "MT two.", "Three.": "MT three."}


@pytest.fixture
def tm_path(tmp_path: Path) -> Path:
    """A memory holding polyglot's MT of three sentences."""
    path = tmp_path / "memory.sqlite"
    with open_memory(path) as memory:
        memory.store_machine(
            "en", "kk", [(s, t, None) for s, t in MT.items()], engine="argos", model=MODEL,
            document="art",
        )  # fmt: skip
    return path


def _human(tm_path: Path) -> dict[str, str]:
    with open_memory(tm_path) as memory:
        return {u.source: u.target for u in memory.units(human_only=True)}


def _omegat_tmx(pairs: dict[str, str]) -> bytes:
    """A project memory as OmegaT 3.6 saves it: TMX 1.1, ``lang``, no props at all."""
    units = "".join(
        f'<tu><tuv lang="en"><seg>{s}</seg></tuv><tuv lang="kk"><seg>{t}</seg></tuv></tu>'
        for s, t in pairs.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE tmx SYSTEM "tmx11.dtd">'
        '<tmx version="1.1"><header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" '
        'datatype="plaintext" creationtoolversion="3.6.0" segtype="sentence" srclang="en"/>'
        f"<body>{units}</body></tmx>"
    ).encode()


def _import(tm_path: Path, data: bytes, reader=read_tmx) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with open_memory(tm_path) as memory, memory.transaction():
        report = import_units(memory, reader(io.BytesIO(data)))
    return {"human": sum(report.outcomes.values()), "mt": report.unchanged_machine}


def test_a_tmx_without_polyglots_props_keeps_unedited_mt_as_mt(tm_path):
    """The issue's finding: OmegaT's re-saved TMX made every unedited MT 'human'."""
    pairs = {**MT, "Two.": "Edited two."}
    assert _import(tm_path, _omegat_tmx(pairs)) == {"human": 1, "mt": 2}
    assert _human(tm_path) == {"Two.": "Edited two."}


def test_a_trados_style_tmx_with_region_tags_and_no_props_does_the_same(tm_path):
    data = (
        '<tmx version="1.4"><header creationtool="SDL Language Platform" srclang="en-US" '
        'segtype="sentence" o-tmf="SDL TM8 Format" datatype="xml" adminlang="en-US"/><body>'
        + "".join(
            f'<tu creationid="TRANSLATOR"><tuv xml:lang="en-US"><seg>{s}</seg></tuv>'
            f'<tuv xml:lang="kk-KZ"><seg>{t}</seg></tuv></tu>'
            for s, t in {**MT, "Three.": "Edited three."}.items()
        )
        + "</body></tmx>"
    ).encode()
    assert _import(tm_path, data) == {"human": 1, "mt": 2}
    assert _human(tm_path) == {"Three.": "Edited three."}


def test_whitespace_and_quote_variants_of_the_source_still_find_the_memorys_mt(tm_path):
    assert _import(tm_path, _omegat_tmx({"  One. ": "MT one."})) == {"human": 0, "mt": 1}


def test_a_tmx_that_says_nothing_into_a_memory_without_mt_is_human(tmp_path):
    """Nothing to compare with and no state: the translator's file is taken as theirs."""
    path = tmp_path / "empty.sqlite"
    assert _import(path, _omegat_tmx({"One.": "Anything."})) == {"human": 1, "mt": 0}


def test_polyglots_own_human_origin_stays_human_even_when_it_equals_the_mt(tm_path):
    data = _omegat_tmx({"One.": "MT one."}).replace(
        b'<tuv lang="kk">', b'<tuv lang="kk"><prop type="x-origin">human</prop>'
    )
    assert _import(tm_path, data) == {"human": 1, "mt": 0}


# --------------------------------------------------------------------------- XLIFF


def _doc(origins: dict[str, Origin]) -> Document:
    segments = []
    for i, (source, origin) in enumerate(origins.items(), start=1):
        text = MT[source] if origin is not Origin.HUMAN else f"Human {source}"
        tr = Translation(text, origin, "argos" if origin is Origin.MT else None, MODEL)
        segments.append(Segment(f"p{i}s1", source, 0, len(source), translations={"kk": tr}))
    doc = Document(text="", source_lang="en", name="art")
    doc.paragraphs = [Paragraph(i, 0, 0, [seg]) for i, seg in enumerate(segments, start=1)]
    return doc


def _polyglot_xliff(origins: dict[str, Origin] | None = None) -> bytes:
    doc = _doc(origins or dict.fromkeys(MT, Origin.MT))
    data, _report = render_bytes(
        write_xliff, doc, ["kk"], source_lang="en", now=NOW, tool_version="t"
    )
    return data


def test_polyglots_xliff_unedited_is_mt_edited_is_human_wherever_it_is_imported(tmp_path):
    edited = _polyglot_xliff().replace(b">MT two.<", b">Edited two.<")
    for path in (tmp_path / "fresh.sqlite", tmp_path / "other.sqlite"):  # memories without the MT
        assert _import(path, edited, read_xliff) == {"human": 1, "mt": 2}
        assert _human(path) == {"Two.": "Edited two."}


def test_a_confirmed_xliff_state_makes_an_unchanged_mt_human(tm_path):
    """memoQ/Trados/Phrase set state="translated" (or final, signed-off) on confirm."""
    data = _polyglot_xliff().replace(b'"needs-review-translation"', b'"final"', 1)
    assert _import(tm_path, data, read_xliff) == {"human": 1, "mt": 2}
    assert _human(tm_path) == {"One.": "MT one."}


def _foreign_xliff(units: list[tuple[str, str, str]]) -> bytes:
    """An XLIFF as another tool writes it back: no pg: attributes, its own states."""
    body = "".join(
        f'<trans-unit id="{i}"><source>{s}</source><target state="{state}">{t}</target>'
        "</trans-unit>"
        for i, (s, t, state) in enumerate(units)
    )
    return (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="a" '
        f'source-language="en-US" target-language="kk-KZ" datatype="plaintext"><body>{body}'
        "</body></file></xliff>"
    ).encode()


def test_an_xliff_whose_tool_dropped_the_attributes_falls_back_to_the_memory(tm_path):
    data = _foreign_xliff(
        [
            ("One.", "MT one.", "needs-review-translation"),  # unedited: MT
            ("Two.", "Edited two.", "needs-review-translation"),  # edited, state untouched
            ("Three.", "MT three.", "signed-off"),  # confirmed as it was
        ]
    )
    assert _import(tm_path, data, read_xliff) == {"human": 2, "mt": 1}
    assert _human(tm_path) == {"Two.": "Edited two.", "Three.": "MT three."}


def test_an_unreviewed_state_with_nothing_to_compare_stays_mt(tmp_path):
    data = _foreign_xliff([("One.", "Text.", "needs-review-translation"), ("Two.", "T.", "final")])
    path = tmp_path / "empty.sqlite"
    assert _import(path, data, read_xliff) == {"human": 1, "mt": 1}
    assert _human(path) == {"Two.": "T."}


def test_human_units_of_polyglots_xliff_come_back_unchanged(tm_path):
    with open_memory(tm_path) as memory:
        memory.add_human("en", "kk", "One.", "Human One.")
    data = _polyglot_xliff({"One.": Origin.HUMAN, "Two.": Origin.MT})
    with open_memory(tm_path) as memory, memory.transaction():
        report = import_units(memory, read_xliff(io.BytesIO(data)))
    assert report.outcomes == {"unchanged": 1} and report.unchanged_machine == 1


def test_cli_imports_an_xlf_file(tm_path, tmp_path):
    path = tmp_path / "back.xlf"
    path.write_bytes(_polyglot_xliff().replace(b">MT one.<", b">Edited one.<"))
    result = CliRunner().invoke(app, ["tm", "import", str(path), "--tm", str(tm_path)])
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output
    assert "2 unedited machine translations left as MT" in result.output
    report = import_tmx_file(path, tm_path)  # the same file again: nothing new
    assert report.outcomes == {"unchanged": 1} and report.unchanged_machine == 2


def test_cli_refuses_an_xlf_that_is_not_xliff(tm_path, tmp_path):
    path = tmp_path / "back.xlf"
    path.write_bytes(_omegat_tmx(MT))
    result = CliRunner().invoke(app, ["tm", "import", str(path), "--tm", str(tm_path)])
    assert result.exit_code == 3
    assert "not an XLIFF file (the root element is <tmx>)" in result.output


def test_an_xliff2_file_comes_back_like_an_xliff12_one(tm_path, tmp_path):
    from polyglot.formats.xliff2 import write_xliff2

    data, _report = render_bytes(
        write_xliff2,
        _doc(dict.fromkeys(MT, Origin.MT)),
        "kk",
        source_lang="en",
        now=NOW,
        tool_version="t",
    )
    data = data.replace(b">MT one.<", b">Edited one.<")
    second = data.index(b'state="initial"', data.index(b'<unit id="p2s1"'))
    data = data[:second] + b'state="reviewed"' + data[second + len(b'state="initial"') :]
    path = tmp_path / "back.xlf"
    path.write_bytes(data)
    report = import_tmx_file(path, tm_path)
    assert report.outcomes == {"added": 2} and report.unchanged_machine == 1
    assert _human(tm_path) == {"One.": "Edited one.", "Two.": "MT two."}
