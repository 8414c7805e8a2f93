"""``polyglot segment``: one segment per line, JSON, languages, SRX export."""

from __future__ import annotations

import io
import json
from pathlib import Path

from lxml import etree
from typer.testing import CliRunner

from polyglot.cli import app
from polyglot.segment import rules_for
from polyglot.segment.srx import SRX_NS, read_srx
from polyglot.segment.srxrules import build_rules

runner = CliRunner()


def test_export_srx_writes_a_file_and_needs_no_article(tmp_path: Path) -> None:
    out = tmp_path / "rules.srx"
    result = runner.invoke(app, ["segment", "--export-srx", str(out)])
    assert result.exit_code == 0, result.output
    root = etree.parse(str(out)).getroot()
    assert root.tag == f"{{{SRX_NS}}}srx" and root.get("version") == "2.0"
    with out.open("rb") as fp:
        rules = read_srx(fp, "ru-RU")
    assert [r.before for r in rules] == [r.before for r in build_rules(rules_for("ru"))]


def test_export_srx_to_standard_output() -> None:
    result = runner.invoke(app, ["segment", "--export-srx", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("<?xml")
    rules = read_srx(io.BytesIO(result.stdout.encode("utf-8")), "en")
    assert any(r.is_break for r in rules)


def test_export_srx_and_segment_in_one_run(tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "rules.srx"
    result = runner.invoke(app, ["segment", str(seed_path), "--export-srx", str(out)])
    assert result.exit_code == 0
    assert out.exists()
    assert result.stdout.splitlines()[0] == "ASTANA. KAZINFORM"


def test_export_srx_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    result = runner.invoke(app, ["segment", "--export-srx", str(tmp_path / "no" / "rules.srx")])
    assert result.exit_code == 5
    assert "error:" in result.output


def test_nothing_to_segment_is_a_usage_error() -> None:
    result = runner.invoke(app, ["segment"])
    assert result.exit_code == 2
    assert "nothing to segment" in result.output


def test_lang_selects_the_rules() -> None:
    text = "Встреча прошла в г. Астане. Н. Назарбаев выступил."
    result = runner.invoke(app, ["segment", "-", "--lang", "ru"], input=text)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["Встреча прошла в г. Астане.", "Н. Назарбаев выступил."]
    result = runner.invoke(app, ["segment", "-", "--lang", "kz"], input=text)
    assert result.exit_code == 2
    assert "'kk'" in result.output


def test_json_has_ids_offsets_paragraphs_and_kinds(seed_path: Path) -> None:
    result = runner.invoke(app, ["segment", str(seed_path), "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    text = seed_path.read_text(encoding="utf-8").replace("\r\n", "\n")
    assert len(rows) == 10
    assert rows[0] == {
        "id": "p1s1",
        "paragraph": 1,
        "kind": "dateline",
        "start": text.index("ASTANA"),
        "end": text.index("ASTANA") + len("ASTANA. KAZINFORM"),
        "text": "ASTANA. KAZINFORM",
    }
    for row in rows:
        assert text[row["start"] : row["end"]] == row["text"]
    assert [r["paragraph"] for r in rows] == [1, 1, 2, 3, 4, 5, 6, 7, 8, 9]
