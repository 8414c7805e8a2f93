"""Control characters in a translation (from an engine, the memory or an imported TMX)
never reach an output, and the segment says what was removed."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import pytest
from lxml import etree
from typer.testing import CliRunner

from polyglot import engines
from polyglot.cleaning import CONTROLS_ISSUE, clean_translation
from polyglot.cli import app
from polyglot.engines.base import Engine
from polyglot.formats.tmx_validate import validate_tmx
from polyglot.model import Origin, Severity, Translation
from polyglot.tm import open_memory
from polyglot.tm.exchange import import_tmx_file

runner = CliRunner()

#: What no output file may hold: C0 but tab and newlines, DEL, C1, lone surrogates.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: The JSON escapes of the same (report.json, JSON-LD), which a reader decodes back.
ESCAPED = re.compile(r"\\u00[01][0-9a-fA-F](?<!\\u0009)(?<!\\u000a)(?<!\\u000d)|\\u00[89]")
FAULTY_TEXT = "Звонок\x07 \x1bпро\x00звенел\x85\ud800."
CLEAN_TEXT = "Звонок прозвенел."


class FaultyEngine(Engine):
    """Returns C0 and C1 controls, NUL and a lone surrogate in one translation."""

    name: ClassVar[str] = "faulty"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return [FAULTY_TEXT if t.startswith("A bell") else "Тихо." for t in texts]


@pytest.fixture(autouse=True)
def faulty_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(engines.ENGINES, "faulty", f"{__name__}:FaultyEngine")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "bell.txt"
    path.write_text("A bell rang.\n\nAll quiet.\n", encoding="utf-8")
    return path


def translate(article: Path, out: Path, tm: Path, engine: str = "faulty") -> str:
    result = runner.invoke(
        app,
        ["translate", str(article), "--to", "ru", "--engine", engine, "--out", str(out),
         "--tm", str(tm), "--no-glossary", "--format", "html,tmx,xliff,text,report"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.output


def assert_clean_outputs(out: Path) -> dict:
    for path in sorted(out.iterdir()):
        text = path.read_text(encoding="utf-8")
        assert not FORBIDDEN.search(text), path.name
        assert not ESCAPED.search(text), path.name
    for xml in ("bell.en-ru.tmx", "bell.en-ru.xlf"):
        etree.fromstring((out / xml).read_bytes())  # well-formed
    assert validate_tmx((out / "bell.en-ru.tmx").read_bytes(), "bell.en-ru.tmx") == []
    page = etree.HTML((out / "ru.html").read_text(encoding="utf-8"))
    assert page.xpath("string(//*[@id='p1s1'])") == CLEAN_TEXT
    report: dict = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return report


def test_an_engines_control_characters_are_removed_with_a_warning_on_the_segment(
    article: Path, tmp_path: Path
):
    out, tm = tmp_path / "o", tmp_path / "tm.sqlite"
    translate(article, out, tm)  # the lone surrogate crashed the memory's store before
    report = assert_clean_outputs(out)
    ru = report["segments"][0]["translations"]["ru"]
    assert ru["text"] == CLEAN_TEXT
    [issue] = ru["checks"]
    assert issue["check"] == CONTROLS_ISSUE and issue["severity"] == "warning"
    assert (
        "removed 5 control characters (U+0000, U+0007, U+001B, U+0085, U+D800)"
        in (issue["message"])
    )
    assert "the engine's output" in issue["message"]
    assert report["segments"][1]["translations"]["ru"]["checks"] == []
    review = (out / "review-ru.html").read_text(encoding="utf-8")
    assert CONTROLS_ISSUE in review
    with open_memory(tm) as memory:  # the memory got the clean text
        assert sorted(u.target for u in memory.units()) == [CLEAN_TEXT, "Тихо."]


def test_a_memory_entry_with_control_characters_is_cleaned_with_a_warning(
    article: Path, tmp_path: Path
):
    tm = tmp_path / "tm.sqlite"
    with open_memory(tm) as memory, memory.transaction():  # e.g. stored by an older polyglot
        memory.add_human("en", "ru", "A bell rang.", "Звонок\x0b прозвенел\x85.")
    translate(article, tmp_path / "o", tm, engine="pseudo")  # pseudo does not use the memory
    out = tmp_path / "o2"
    translate(article, out, tm, engine="faulty")
    report = assert_clean_outputs(out)
    ru = report["segments"][0]["translations"]["ru"]
    assert (ru["text"], ru["origin"]) == ("Звонок прозвенел.", "human")
    [issue] = ru["checks"]
    assert issue["check"] == CONTROLS_ISSUE
    assert "(U+000B, U+0085) from the translation memory's human translation" in issue["message"]


def test_tm_import_removes_control_characters_and_says_where(tmp_path: Path):
    # U+0085 and DEL are allowed (discouraged) in XML 1.0: a CAT tool can write them
    tmx = tmp_path / "post-edit.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tmx version="1.4"><header srclang="en" segtype="sentence" datatype="plaintext"'
        ' adminlang="en" creationtool="x" creationtoolversion="1" o-tmf="x"/>\n<body>\n'
        '<tu><tuv xml:lang="en"><seg>A bell rang.&#x7f;</seg></tuv>\n'
        '<tuv xml:lang="ru"><seg>Звонок\x85 прозвенел.</seg></tuv></tu>\n'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    tm = tmp_path / "tm.sqlite"
    report = import_tmx_file(tmx, tm)
    assert report.outcomes["added"] == 1
    assert "line 4: removed 1 control character(s) (U+007F) from the en text" in report.warnings
    assert "line 5: removed 1 control character(s) (U+0085) from the ru text" in report.warnings
    with open_memory(tm) as memory:
        [unit] = memory.units()
    assert (unit.source, unit.target) == ("A bell rang.", "Звонок прозвенел.")


def test_clean_translation_keeps_a_clean_one_and_adds_to_existing_issues():
    clean = Translation("Тихо.", Origin.MT)
    assert clean_translation(clean) is clean
    dirty = Translation("a\tb\x1bc\n", Origin.TM, engine="argos")
    cleaned = clean_translation(dirty)
    assert cleaned.text == "a\tbc\n" and cleaned.engine == "argos"
    [issue] = cleaned.issues
    assert issue.severity is Severity.WARNING and "machine translation" in issue.message
    assert dirty.text == "a\tb\x1bc\n" and dirty.issues == []  # the value given is unchanged
