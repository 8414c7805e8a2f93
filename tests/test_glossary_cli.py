"""``polyglot glossary``: lint, list, add, remove, export and import (TBX-Basic, OmegaT)."""

from __future__ import annotations

import codecs
import io
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import pytest
from lxml import etree
from typer.testing import CliRunner

from polyglot.cli import app
from polyglot.engines import ENGINES
from polyglot.engines.base import Engine
from polyglot.glossary.csvfile import read_glossary
from polyglot.glossary.model import Entry, Glossary
from polyglot.glossary.tbx import read_omegat, read_tbx, write_omegat, write_tbx

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()
ORIGINAL = (
    codecs.BOM_UTF8
    + (
        "en,kk,ru,fr,type,case_sensitive,do_not_translate,note\r\n"
        "# checked against akorda.kz, 2017\r\n"
        '"Astana","Астана","Астана","Astana","place",,,"akorda.kz"\r\n'
        "KADEX-2018,KADEX-2018,KADEX-2018,KADEX-2018,event,yes,yes,kadex.kz\r\n"
    ).encode()
)


def glossary_file(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.csv"
    path.write_bytes(ORIGINAL)
    return path


def test_lint_clean_file_exits_0(tmp_path):
    result = runner.invoke(app, ["glossary", "lint", str(glossary_file(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_lint_defaults_to_glossary_csv_here_and_lists_every_problem(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("glossary.csv").write_text(
        "en,kk,ru,notes2\nAstana,Астана,\nAstana ,Астана,Астана\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["glossary", "lint"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        lines[0] == "glossary.csv:1: unknown column 'notes2': polyglot ignores it "
        "(known: en, a language code such as kk, type, case_sensitive, do_not_translate, note)"
    )
    assert any(line.startswith("glossary.csv:2: missing cell: no ru form") for line in lines)
    assert any(line.startswith("glossary.csv:3: column 'en': stray whitespace") for line in lines)
    assert any(line.startswith("glossary.csv:3: conflicting entry") for line in lines)
    assert "error: 4 problem(s) in glossary.csv" in result.output


def test_lint_a_missing_file(tmp_path):
    result = runner.invoke(app, ["glossary", "lint", str(tmp_path / "nope.csv")])
    assert result.exit_code == 3 and "no such glossary" in result.output


def test_list(tmp_path):
    result = runner.invoke(app, ["glossary", "list", str(glossary_file(tmp_path))])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "   3  Astana  [place]  kk: Астана  ru: Астана  fr: Astana",
        "   4  KADEX-2018  [event]  kk: KADEX-2018  ru: KADEX-2018  fr: KADEX-2018",
    ]


def test_add_then_remove_leaves_the_file_byte_identical(tmp_path):
    path = glossary_file(tmp_path)
    add = [
        "glossary",
        "add",
        "Francis Etienne",
        "--form",
        "kk=Франсис Этьен",
        "--form",
        "ru=Франсис Этьен",
        "--form",
        "fr=Francis Etienne",
        "--type",
        "person",
        "--note",
        "kz.ambafrance.org",
        "--file",
        str(path),
    ]
    result = runner.invoke(app, add)
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert (
        data
        == ORIGINAL
        + "Francis Etienne,Франсис Этьен,Франсис Этьен,Francis Etienne,person,,,"
        "kz.ambafrance.org\r\n".encode()
    )
    assert runner.invoke(app, add).exit_code == 3  # already there
    result = runner.invoke(app, [*add[:-2], "--replace", "--file", str(path)])
    assert result.exit_code == 0 and "replaced" in result.output
    result = runner.invoke(app, ["glossary", "remove", "Francis Etienne", "--file", str(path)])
    assert result.exit_code == 0
    assert path.read_bytes() == ORIGINAL
    result = runner.invoke(app, ["glossary", "remove", "Francis Etienne", "--file", str(path)])
    assert result.exit_code == 3 and "not in the glossary" in result.output


def test_add_rejects_bad_arguments(tmp_path):
    path = glossary_file(tmp_path)
    result = runner.invoke(app, ["glossary", "add", "X", "--form", "kk", "--file", str(path)])
    assert result.exit_code == 2 and "LANG=FORM" in result.output
    result = runner.invoke(app, ["glossary", "add", "X", "--form", "de=X", "--file", str(path)])
    assert result.exit_code == 3 and "no column for de" in result.output
    assert path.read_bytes() == ORIGINAL


# --- TBX and OmegaT -----------------------------------------------------------------------------


def repo_glossary() -> Glossary:
    with open(REPO / "glossary.csv", "rb") as fp:
        return read_glossary(fp, "glossary.csv")


def fields(g: Glossary) -> list[tuple]:
    return [(e.en, e.targets, e.type, e.note, e.case_sensitive, e.do_not_translate) for e in g]


def test_tbx_round_trip_keeps_every_field():
    glossary = repo_glossary()
    out = io.BytesIO()
    write_tbx(out, glossary)
    data = out.getvalue()
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif SYSTEM')
    again = read_tbx(io.BytesIO(data))
    assert again.langs == ["kk", "ru", "fr"]
    assert fields(again) == fields(glossary)


def test_tbx_basic_structure():
    out = io.BytesIO()
    write_tbx(out, repo_glossary())
    root = etree.fromstring(out.getvalue())
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    entries = root.findall("text/body/termEntry")
    assert len(entries) == len(repo_glossary())
    for entry in entries:
        langs = [ls.get(xml_lang) for ls in entry.findall("langSet")]
        assert langs[0] == "en"
        for tig in entry.iter("tig"):
            assert tig.findtext("term")
            assert tig.find("termNote[@type='partOfSpeech']") is not None
    ids = [e.get("id") for e in entries]
    assert len(set(ids)) == len(ids)


def test_tbx_v3_and_region_codes_are_read():
    data = """<?xml version="1.0"?><tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic"
      xml:lang="en-US"><text><body><conceptEntry id="1"><langSec xml:lang="en-US"><termSec>
      <term>Astana</term></termSec></langSec><langSec xml:lang="kk-KZ"><termSec><term>Астана</term>
      </termSec></langSec></conceptEntry></body></text></tbx>""".encode()
    glossary = read_tbx(io.BytesIO(data))
    assert fields(glossary) == [("Astana", {"kk": "Астана"}, "other", "", False, False)]


def test_omegat_round_trip():
    glossary = repo_glossary()
    out = io.StringIO()
    write_omegat(out, glossary, "kk")
    lines = out.getvalue().splitlines()
    assert "Kazinform\tҚазАқпарат\t" in "\n".join(lines)
    again = read_omegat(io.StringIO(out.getvalue()), "kk")
    assert [(e.en, e.targets["kk"], e.note) for e in again] == [
        (e.en, e.targets["kk"], e.note) for e in glossary
    ]


def test_export_and_import_through_the_cli(tmp_path):
    path = glossary_file(tmp_path)
    tbx = tmp_path / "terms.tbx"
    result = runner.invoke(app, ["glossary", "export", str(tbx), "--file", str(path)])
    assert result.exit_code == 0 and "wrote 2 entries" in result.output
    omegat = tmp_path / "kk.txt"
    result = runner.invoke(app, ["glossary", "export", str(omegat), "--file", str(path)])
    assert result.exit_code == 2 and "--lang" in result.output
    result = runner.invoke(
        app, ["glossary", "export", str(omegat), "--lang", "kk", "--file", str(path)]
    )
    assert result.exit_code == 0
    # re-importing our own export changes nothing, byte for byte
    result = runner.invoke(app, ["glossary", "import", str(tbx), "--file", str(path)])
    assert result.exit_code == 0 and "0 added, 0 updated" in result.output
    assert path.read_bytes() == ORIGINAL
    # a translator's OmegaT glossary: one new term, one different form
    omegat.write_text(
        "Astana\tАстана қаласы\nKazakhstan\tҚазақстан\tmfa.gov.kz\n", encoding="utf-8"
    )
    result = runner.invoke(
        app, ["glossary", "import", str(omegat), "--lang", "kk", "--file", str(path)]
    )
    assert result.exit_code == 0, result.output
    assert "1 added, 0 updated, 1 conflicts kept" in result.output
    assert "Astana (kk: 'Астана' / 'Астана қаласы')" in result.output
    assert path.read_bytes() == ORIGINAL + "Kazakhstan,Қазақстан,,,other,,,mfa.gov.kz\r\n".encode()
    result = runner.invoke(
        app, ["glossary", "import", str(omegat), "--lang", "kk", "--overwrite", "--file", str(path)]
    )
    assert "0 added, 1 updated" in result.output
    with open(path, "rb") as fp:
        assert read_glossary(fp).find("Astana").targets["kk"] == "Астана қаласы"  # type: ignore[union-attr]


def test_import_rejects_malformed_files(tmp_path):
    path = glossary_file(tmp_path)
    bad = tmp_path / "bad.tbx"
    bad.write_text("<martif><text>", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "import", str(bad), "--file", str(path)])
    assert result.exit_code == 3 and "not well-formed XML" in result.output
    bad_omegat = tmp_path / "bad.txt"
    bad_omegat.write_text("only one column\n", encoding="utf-8")
    result = runner.invoke(
        app, ["glossary", "import", str(bad_omegat), "--lang", "kk", "--file", str(path)]
    )
    assert result.exit_code == 3 and "bad.txt:1:" in result.output
    assert path.read_bytes() == ORIGINAL


@pytest.mark.parametrize("fmt", [["--format", "tbx"], ["--format", "omegat", "--lang", "kk"]])
def test_import_of_a_missing_file_or_a_folder_is_an_input_error(tmp_path, fmt):
    path = glossary_file(tmp_path)
    folder = tmp_path / "exports"
    folder.mkdir()
    for source, message in ((tmp_path / "nope.tbx", "no such file"), (folder, "this is a folder")):
        result = runner.invoke(app, ["glossary", "import", str(source), *fmt, "--file", str(path)])
        assert result.exit_code == 3, result.output
        assert f"error: {source}: {message}" in result.output
        assert "hint: give the .tbx or OmegaT glossary file your CAT tool exported" in (
            result.output
        )
    assert path.read_bytes() == ORIGINAL


def test_control_characters_are_flagged_by_lint_refused_by_import_and_translate(
    tmp_path, monkeypatch
):
    path = tmp_path / "glossary.csv"
    path.write_text("en,kk,ru,type\nNazarbayev,Назарбаев,Наз\x01арбаев,person\n", "utf-8")
    result = runner.invoke(app, ["glossary", "lint", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2: column 'ru': control character(s) U+0001" in result.output
    # a translation run stops with the problem and its line, not exit 70 in the TMX writer
    monkeypatch.setitem(ENGINES, "tagging", f"{__name__}:TaggingEngine")
    article = tmp_path / "a.txt"
    article.write_text("Nazarbayev spoke.\n", encoding="utf-8")
    result = runner.invoke(
        app,
        ["translate", str(article), "--to", "ru", "--engine", "tagging", "--no-tm",
         "--glossary", str(path), "--out", str(tmp_path / "out")],
    )  # fmt: skip
    assert result.exit_code == 3, result.output
    assert f"{path}:2: column 'ru': control character(s) U+0001" in result.output
    # a CAT tool's glossary with them is refused whole, before the CSV is touched
    good = glossary_file(tmp_path)
    omegat = tmp_path / "kk.txt"
    omegat.write_text("Akorda\tАқорда\nAstana\tАста\x01на\n", encoding="utf-8")
    result = runner.invoke(
        app, ["glossary", "import", str(omegat), "--lang", "kk", "--file", str(good)]
    )
    assert result.exit_code == 3, result.output
    assert f"{omegat}:2: 'Astana': control character(s) U+0001" in result.output
    assert good.read_bytes() == ORIGINAL


class TaggingEngine(Engine):
    """Machine translation as a tag and the source: ``[ru] Nazarbayev spoke.``"""

    name: ClassVar[str] = "tagging"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return [f"[{target}] {text}" for text in texts]


def test_entry_defaults():
    assert Entry("KADEX", {"kk": ""}, do_not_translate=True).target("kk") == "KADEX"
    assert Entry("Astana", {"kk": ""}).target("kk") is None


XXE = (
    '<?xml version="1.0"?>\n'
    "<!DOCTYPE martif [\n"
    '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
    "]>\n"
    '<martif type="TBX-Basic"><text><body><termEntry>'
    '<langSet xml:lang="en"><tig><term>Astana</term></tig></langSet>'
    '<langSet xml:lang="kk"><tig><term>&xxe;</term></tig></langSet>'
    "</termEntry></body></text></martif>\n"
)
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE martif [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">\n'
        for n in range(1, 10)
    )
    + ']>\n<martif><text><body><termEntry><langSet xml:lang="en"><tig><term>&lol9;'
    "</term></tig></langSet></termEntry></body></text></martif>\n"
)


@pytest.mark.parametrize("tbx", [XXE, LAUGHS], ids=["external-entity", "billion-laughs"])
def test_import_refuses_tbx_with_entity_declarations(tmp_path, tbx):
    path = glossary_file(tmp_path)
    source = tmp_path / "evil.tbx"
    source.write_text(tbx, encoding="utf-8")
    result = runner.invoke(app, ["glossary", "import", str(source), "--file", str(path)])
    assert result.exit_code == 3, result.output
    assert f"{source}:2: the file declares entities or an internal DTD subset" in result.output
    assert "TBX needs no <!ENTITY>" in result.output
    assert path.read_bytes() == ORIGINAL


def test_a_binary_file_is_not_linted_as_a_glossary(tmp_path):
    from typer.testing import CliRunner

    from polyglot.cli import app

    binary = tmp_path / "g.csv"
    binary.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)))
    result = CliRunner().invoke(app, ["glossary", "lint", str(binary)])
    assert result.exit_code == 3
    assert "binary file, not a CSV glossary" in result.output
    assert "unknown column" not in result.output


# --- editing exactly the row meant (issue 18, items 2-4 and 7) ----------------------------------

DATELINE = (
    "en,kk,ru,fr,type,case_sensitive,do_not_translate,note\n"
    "ASTANA,АСТАНА,АСТАНА,ASTANA,place,yes,,dateline\n"
    "Astana,Астана,Астана,Astana,place,,,akorda.kz\n"
    "Beibut Atamkulov,Бейбіт Атамқұлов,Бейбут Атамкулов,Beibut Atamkulov,person,,,akorda.kz\n"
)


def dateline_glossary(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.csv"
    path.write_text(DATELINE, encoding="utf-8")
    return path


def test_remove_takes_the_exact_row_only(tmp_path):
    path = dateline_glossary(tmp_path)
    result = runner.invoke(app, ["glossary", "remove", "ASTANA", "--file", str(path)])
    assert result.exit_code == 0, result.output
    assert "removed 'ASTANA' (line 2)" in result.output
    assert path.read_text(encoding="utf-8") == DATELINE.replace(
        "ASTANA,АСТАНА,АСТАНА,ASTANA,place,yes,,dateline\n", ""
    )


def test_remove_refuses_a_term_that_matches_several_rows_ignoring_case(tmp_path):
    path = dateline_glossary(tmp_path)
    result = runner.invoke(app, ["glossary", "remove", "astana", "--file", str(path)])
    assert result.exit_code == 3
    assert "2 rows match 'astana': 'ASTANA' (line 2), 'Astana' (line 3)" in result.output
    assert path.read_text(encoding="utf-8") == DATELINE
    result = runner.invoke(app, ["glossary", "remove", "beibut atamkulov", "--file", str(path)])
    assert result.exit_code == 0 and "'Beibut Atamkulov' (line 4)" in result.output


def test_replace_keeps_the_fields_not_given(tmp_path):
    path = dateline_glossary(tmp_path)
    result = runner.invoke(
        app,
        [
            "glossary",
            "add",
            "Beibut Atamkulov",
            "--replace",
            "--form",
            "kk=Бейбіт Атамқұлов!",
            "--file",
            str(path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == DATELINE.replace(
        "Бейбіт Атамқұлов,", "Бейбіт Атамқұлов!,"
    )
    result = runner.invoke(
        app,
        [
            "glossary",
            "add",
            "Beibut Atamkulov",
            "--replace",
            "--form",
            "fr=",
            "--note",
            "",
            "--case-sensitive",
            "--file",
            str(path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").splitlines()[3] == (
        "Beibut Atamkulov,Бейбіт Атамқұлов!,Бейбут Атамкулов,,person,yes,,"
    )


def test_replace_of_an_ambiguous_term_is_refused(tmp_path):
    path = dateline_glossary(tmp_path)
    result = runner.invoke(
        app, ["glossary", "add", "astana", "--replace", "--form", "kk=X", "--file", str(path)]
    )
    assert result.exit_code == 3 and "2 rows match" in result.output
    assert path.read_text(encoding="utf-8") == DATELINE


def test_a_new_entry_without_a_form_is_refused(tmp_path):
    path = dateline_glossary(tmp_path)
    result = runner.invoke(app, ["glossary", "add", "Olzhas Bektenov", "--file", str(path)])
    assert result.exit_code == 2
    assert "no form given for 'Olzhas Bektenov'" in result.output
    assert "--form kk=… --form ru=… --form fr=…" in result.output
    assert path.read_text(encoding="utf-8") == DATELINE
    result = runner.invoke(
        app, ["glossary", "add", "KADEX", "--do-not-translate", "--file", str(path)]
    )
    assert result.exit_code == 0, result.output


def test_every_glossary_command_takes_the_file_with_file(tmp_path):
    path = dateline_glossary(tmp_path)
    tbx = tmp_path / "g.tbx"
    for args in (
        ["lint"],
        ["list"],
        ["add", "Olzhas Bektenov", "--form", "ru=Олжас Бектенов"],
        ["remove", "Olzhas Bektenov"],
        ["export", str(tbx)],
        ["import", str(tbx)],
    ):
        result = runner.invoke(app, ["glossary", *args, "--file", str(path)])
        assert result.exit_code == 0, (args, result.output)
    assert path.read_text(encoding="utf-8") == DATELINE
    result = runner.invoke(app, ["glossary", "list", str(path)])  # the argument still works
    assert result.exit_code == 0 and "Beibut Atamkulov" in result.output
    other = tmp_path / "other.csv"
    result = runner.invoke(app, ["glossary", "lint", str(other), "--file", str(path)])
    assert result.exit_code == 2 and "two glossaries given" in result.output


# --- lint: a readable spreadsheet save is a note; a wrong encoding is said once (issue 18.5) ----


@pytest.mark.parametrize(
    ("data", "notes"),
    [
        (DATELINE.replace(",", ";").encode(), 1),
        (DATELINE.replace(",", "\t").encode(), 1),
        (codecs.BOM_UTF8 + DATELINE.replace("\n", "\r\n").encode(), 0),
        (codecs.BOM_UTF16_LE + DATELINE.replace(",", "\t").encode("utf-16-le"), 2),
    ],
    ids=["semicolons", "tabs", "bom", "utf-16"],
)
def test_lint_passes_a_readable_spreadsheet_save_with_notes(tmp_path, data, notes):
    path = tmp_path / "glossary.csv"
    path.write_bytes(data)
    result = runner.invoke(app, ["glossary", "lint", "--file", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.count(": note: ") == notes
    if notes:
        assert "LibreOffice Calc" in result.output and "Excel" in result.output
    assert "no problems" in result.output


def test_lint_says_a_legacy_code_page_once(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_bytes(DATELINE.encode("cp1251", errors="replace"))
    result = runner.invoke(app, ["glossary", "lint", "--file", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith(str(path))]
    assert len(lines) == 1
    assert "not UTF-8 text" in lines[0] and "cp1251" in lines[0]
    assert "1 problem(s)" in result.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<html><body>a page</body></html>", "not a TBX file: its root element is <html>"),
        (
            '<martif type="TBX"><text><body><termEntry><langSet xml:lang="de"><tig>'
            "<term>Astana</term></tig></langSet></termEntry></body></text></martif>",
            "none of its 1 concept(s) has an English term",
        ),
    ],
    ids=["html", "no-english"],
)
def test_import_refuses_what_is_not_a_usable_tbx(tmp_path, content, message):
    path = dateline_glossary(tmp_path)
    junk = tmp_path / "junk.tbx"
    junk.write_text(content)
    result = runner.invoke(app, ["glossary", "import", str(junk), "--file", str(path)])
    assert result.exit_code == 3
    assert message in result.output
    assert "0 added" not in result.output
    assert path.read_text(encoding="utf-8") == DATELINE
