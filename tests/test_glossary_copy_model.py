"""The glossary with the real engine on the copy-model packages (tools/build_test_packages.py):
every output holds the glossary targets exactly, and damaged placeholders are fixed through
CTranslate2's real attention."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from polyglot.cli import app
from polyglot.engines import EngineOptions
from polyglot.engines.argos import ArgosEngine
from polyglot.glossary.csvfile import read_glossary
from polyglot.glossary.enforce import translate_with_glossary
from polyglot.glossary.match import find_terms
from polyglot.model import Origin, TermStatus
from polyglot.pipeline import TranslateJob, translate_file

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture(scope="module")
def glossary():
    with open(REPO / "glossary.csv", "rb") as fp:
        return read_glossary(fp)


def test_seed_with_the_repository_glossary_every_term_exact(
    test_packages_dir, seed_path, tmp_path, glossary
):
    job = TranslateJob(
        source=seed_path,
        targets=["kk", "ru", "fr"],
        out_dir=tmp_path / "out",
        engine_options=EngineOptions(models_dir=test_packages_dir),
        glossary=REPO / "glossary.csv",
        use_tm=False,
    )
    result = translate_file(job)
    doc = result.document
    for lang in ("kk", "ru", "fr"):
        for seg in doc.segments():
            tr = seg.translations[lang]
            matches = find_terms(seg.source, glossary, lang)
            assert len(tr.terms) == len(matches)
            for match, check in zip(matches, tr.terms, strict=True):
                assert check.status is not TermStatus.MISSING, (lang, seg.id, check)
                assert check.found is not None and check.found in tr.text
                if match.suffix.value != "possessive":
                    assert check.found.lower() == match.expected(lang).lower()
            assert "Z1" not in tr.text
    dateline = doc.segment("p1s1")
    assert dateline.translations["kk"].text == "АСТАНА. ҚазАқпарат"
    assert dateline.translations["ru"].text == "АСТАНА. КАЗИНФОРМ"
    assert dateline.translations["fr"].text == "ASTANA. KAZINFORM"
    assert dateline.translations["kk"].origin is Origin.GLOSSARY
    lead = doc.segment("p1s2").translations["kk"].text
    assert "Бейбіт Атамқұлов" in lead and "Жан-Батист Лемуан" in lead and "ҚазАқпарат" in lead
    assert "Қазақстанның space" in doc.segment("p4s1").translations["kk"].text
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    by_lang = {lr["lang"]: lr for lr in report["languages"]}
    assert by_lang["kk"]["terms"] == {"found": 5, "inflected": 0, "fixed": 28, "missing": 0}
    assert by_lang["fr"]["terms"]["missing"] == 0
    assert by_lang["ru"]["from_glossary"] == 1 and by_lang["ru"]["from_engine"] == 9
    p1s2 = report["segments"][1]["translations"]["ru"]
    assert {
        "source": "Beibut Atamkulov",
        "expected": "Бейбут Атамкулов",
        "status": "fixed",
        "found": "Бейбут Атамкулов",
    } in p1s2["terms"]
    assert report["settings"]["glossary"] == str(REPO / "glossary.csv")


class PlaceholderDroppingArgos(ArgosEngine):
    """The real copy model, then every placeholder is dropped from its output."""

    name: ClassVar[str] = "argos"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        import re

        return [re.sub(r"Z\d{3}", "", t) for t in super().translate_batch(texts, source, target)]


def test_lost_placeholders_are_fixed_with_the_models_attention(test_packages_dir, glossary):
    engine = PlaceholderDroppingArgos(EngineOptions(models_dir=test_packages_dir))
    text = "Thanking the hosts, Jean-Baptiste Lemoyne praised Kazakhstan and France."
    (result,) = translate_with_glossary(engine, [text], "en", "ru", glossary)
    assert result.text == "Thanking the hosts, Жан-Батист Лемуан praised Казахстан and Франция."
    assert [t.status for t in result.terms] == [TermStatus.FIXED] * 3
    assert any("lost" in n for n in result.notes)
    assert any("attention" in n for n in result.notes)


def test_cli_summary_shows_compliance_and_no_glossary_turns_it_off(
    test_packages_dir, seed_path, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary.csv").write_bytes((REPO / "glossary.csv").read_bytes())
    args = [
        "translate",
        str(seed_path),
        "--to",
        "kk,fr",
        "--models-dir",
        str(test_packages_dir),
        "--no-tm",
    ]
    result = runner.invoke(app, [*args, "--out", "a"])
    assert result.exit_code == 0, result.output
    assert "kk: glossary: 33 terms: 5 found, 0 inflected, 28 fixed, 0 missing" in result.output
    assert "fr: glossary: 33 terms: 25 found, 0 inflected, 8 fixed, 0 missing" in result.output
    result = runner.invoke(app, [*args, "--out", "b", "--no-glossary"])
    assert result.exit_code == 0 and "glossary:" not in result.output
    kk = (tmp_path / "b" / f"{seed_path.stem}.kk.txt").read_text(encoding="utf-8")
    assert kk.startswith("ASTANA. KAZINFORM Kazakh Defense")


def test_a_broken_glossary_stops_translate_with_every_problem(
    test_packages_dir, seed_path, tmp_path
):
    bad = tmp_path / "g.csv"
    bad.write_text("en,kk\nAstana,Астана\nAstana,Астанa\n,x\n", encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "translate",
            str(seed_path),
            "--to",
            "kk",
            "--models-dir",
            str(test_packages_dir),
            "--glossary",
            str(bad),
            "--out",
            str(tmp_path / "o"),
            "--no-tm",
        ],
    )
    assert result.exit_code == 3
    assert f"{bad}:3: conflicting entry" in result.output
    assert f"{bad}:4: missing cell" in result.output
    assert not (tmp_path / "o").exists()
