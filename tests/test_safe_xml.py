"""Hostile and odd XML from users (TMX, TBX): named entities are resolved or refused,
never dropped; the streaming parser holds the same rules as the whole-file one."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from polyglot.cli import app
from polyglot.errors import InputError
from polyglot.formats.tmx import read_tmx
from polyglot.glossary.tbx import read_tbx
from polyglot.safe_xml import find_named_entities, iterparse_safely, parse_xml_safely
from polyglot.tm import open_memory

runner = CliRunner()

#: The DOCTYPE line polyglot itself writes, naming a DTD that declares no HTML entity.
TMX_WITH_ENTITIES = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
<header srclang="en" segtype="sentence" datatype="plaintext" o-tmf="x" creationtool="t"
  creationtoolversion="1" adminlang="en" creationdate="20240501T120000Z"/>
<body>
<tu tuid="caf&eacute;"><tuv xml:lang="en"><seg>The caf&eacute; opened.</seg></tuv>
<tuv xml:lang="fr"><seg>Le caf&eacute;&nbsp;a ouvert &mdash; enfin.</seg></tuv></tu>
</body>
</tmx>
"""


def test_html_named_entities_in_a_tmx_are_resolved_in_text_and_attributes():
    tmx = read_tmx(io.BytesIO(TMX_WITH_ENTITIES), path="t.tmx")
    (unit,) = tmx.units
    assert unit.tuid == "café"
    assert unit.variants == {"en": "The café opened.", "fr": "Le café\u00a0a ouvert — enfin."}


def test_tm_import_keeps_every_character_of_named_entities(tmp_path: Path):
    """The fault: ``caf&eacute;`` under an external DOCTYPE was imported as ``caf``."""
    path, tm = tmp_path / "post.tmx", tmp_path / "tm.sqlite"
    path.write_bytes(TMX_WITH_ENTITIES)
    result = runner.invoke(app, ["tm", "import", str(path), "--tm", str(tm)])
    assert result.exit_code == 0, result.output
    with open_memory(tm, create=False) as memory:
        found = memory.lookup("en", "fr", ["The café opened."], engine=None, model=None)
    assert found["The café opened."].target == "Le café\u00a0a ouvert — enfin."


def test_an_unknown_entity_refuses_the_file_naming_it_and_its_line_and_imports_nothing(
    tmp_path: Path,
):
    path, tm = tmp_path / "post.tmx", tmp_path / "tm.sqlite"
    path.write_bytes(TMX_WITH_ENTITIES.replace(b"&mdash;", b"&xxe;"))
    result = runner.invoke(app, ["tm", "import", str(path), "--tm", str(tm)])
    assert result.exit_code == 3, result.output
    assert f"{path}:8:" in result.output and "&xxe;" in result.output
    assert "Traceback" not in result.output
    assert not tm.exists() or not list(open_memory_units(tm))


def open_memory_units(tm: Path) -> list[object]:
    with open_memory(tm, create=False) as memory:
        return list(memory.units())


def test_tmx_validate_reports_named_entities_and_unknown_ones(tmp_path: Path):
    path = tmp_path / "t.tmx"
    path.write_bytes(TMX_WITH_ENTITIES)
    result = runner.invoke(app, ["tmx", "validate", str(path)])
    assert result.exit_code != 0
    assert f"{path}:7: the named entity &eacute;" in result.output
    assert f"{path}:8: the named entity &nbsp;" in result.output
    assert f"{path}:8: the named entity &mdash;" in result.output
    path.write_bytes(TMX_WITH_ENTITIES.replace(b"&mdash;", b"&xxe;"))
    result = runner.invoke(app, ["tmx", "validate", str(path)])
    assert result.exit_code != 0
    assert f"{path}:8:" in result.output and "&xxe;" in result.output


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic"><text><body>
<termEntry><langSet xml:lang="en"><tig><term>Acme &ENTITY; Corp</term></tig></langSet>
<langSet xml:lang="ru"><tig><term>Акме</term></tig></langSet></termEntry>
</body></text></martif>
""".encode()


def test_tbx_terms_keep_html_entities_and_refuse_unknown_ones(tmp_path: Path):
    """The fault: ``Acme &xxe; Corp`` became the term ``Acme``."""
    glossary = read_tbx(io.BytesIO(TBX.replace(b"&ENTITY;", b"&amp;&eacute;")))
    assert glossary.entries[0].en == "Acme &é Corp"
    tbx, csv = tmp_path / "terms.tbx", tmp_path / "glossary.csv"
    tbx.write_bytes(TBX.replace(b"&ENTITY;", b"&xxe;"))
    csv.write_text("en,ru\nAstana,Астана\n", encoding="utf-8")
    before = csv.read_bytes()
    result = runner.invoke(app, ["glossary", "import", str(tbx), "--file", str(csv)])
    assert result.exit_code == 3, result.output
    assert f"{tbx}:4:" in result.output and "&xxe;" in result.output
    assert csv.read_bytes() == before


def test_entities_in_utf16_files_are_resolved():
    data = TMX_WITH_ENTITIES.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    tmx = read_tmx(io.BytesIO(data.encode("utf-16")), path="t.tmx")
    assert tmx.units[0].variants["en"] == "The café opened."


def test_line_numbers_are_the_files_own_after_the_doctype_is_replaced():
    data = b'<?xml version="1.0"?>\n<!DOCTYPE tmx\n  SYSTEM "tmx14.dtd">\n<tmx>\n<a/>\n<b/></tmx>'
    root = parse_xml_safely(data, "t.xml")
    assert [el.sourceline for el in root] == [5, 6]
    no_doctype = b"\xef\xbb\xbf<?xml version='1.0'?>\n<tmx>\n<a>&eacute;</a></tmx>"
    root = parse_xml_safely(no_doctype, "t.xml")
    assert root[0].sourceline == 3 and root[0].text == "é"


def test_the_streaming_parser_refuses_what_the_whole_file_parser_refuses():
    bomb = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    for parse in (
        lambda data: parse_xml_safely(data, "t.xml"),
        lambda data: list(iterparse_safely(io.BytesIO(data), "t.xml")),
    ):
        with pytest.raises(InputError, match="declares entities") as info:
            parse(bomb)
        assert info.value.line == 2
        with pytest.raises(InputError, match="&zz;") as info:
            parse(b"<x>\n<y>&zz;</y></x>")
        assert info.value.line == 2
        with pytest.raises(InputError, match="not well-formed"):
            parse(b"<x><y></x>")


def test_external_entities_and_dtds_are_never_fetched(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    data = f'<!DOCTYPE x SYSTEM "{secret.as_uri()}"><x>a&eacute;</x>'.encode()
    assert parse_xml_safely(data, "t.xml").text == "aé"
    events = list(iterparse_safely(io.BytesIO(data), "t.xml", events=("end",)))
    assert [el.text for _, el in events] == ["aé"]


def test_find_named_entities_lists_each_once_with_its_first_line():
    found = find_named_entities(b"<x>&amp;&eacute;\n&eacute;&zz;&#233;</x>")
    assert [(str(e), e.line, e.text) for e in found] == [("&eacute;", 1, "é"), ("&zz;", 2, None)]


def test_every_html_entity_resolves_to_its_characters():
    import html.entities

    names = [k[:-1] for k in html.entities.html5 if k.endswith(";")]
    body = "".join(f"<e>&{name};</e>" for name in names)
    root = parse_xml_safely(f"<x>{body}</x>".encode(), "t.xml")
    assert [el.text for el in root] == [html.entities.html5[f"{n};"] for n in names]
    assert etree.tostring(root)  # a tree lxml can write back
