"""TMX: what we write (DTD, header, units, golden files), what we read (safely), the
validator, ``polyglot tmx validate``, and the exporter in a translate run."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from polyglot.checks.glossary import term_issues
from polyglot.cli import app
from polyglot.engines import ENGINES
from polyglot.engines.base import Engine
from polyglot.errors import InputError
from polyglot.formats.base import render_bytes
from polyglot.formats.tmx import (
    MT_FINGERPRINT,
    TmxOptions,
    flatten_seg,
    normalise_lang_tag,
    read_tmx,
    render_lang_tag,
    render_mt_fingerprint,
    write_tmx,
)
from polyglot.formats.tmx_validate import check_tmx, validate_tmx
from polyglot.model import (
    Document,
    Origin,
    Paragraph,
    Segment,
    SegmentKind,
    TermCheck,
    TermStatus,
    Translation,
)
from polyglot.pipeline import TranslateJob, translate_file

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden" / "tmx"
NOW = dt.datetime(2017, 9, 11, 8, 30, tzinfo=dt.UTC)
VERSION = "9.9.9"
runner = CliRunner()


# --------------------------------------------------------------------------- helpers


def mt(text: str, lang: str, **kwargs) -> Translation:
    kwargs.setdefault("engine", "argos")
    kwargs.setdefault("model", f"translate-en_{lang} 1.9")
    return Translation(text=text, **kwargs)


MISSING_MINISTRY = [
    TermCheck(
        "Ministry of Defense and Aerospace Industry",
        "Қорғаныс және аэроғарыш өнеркәсібі министрлігі",
        TermStatus.MISSING,
    )
]


def article() -> Document:
    """A small article exercising every feature of the writer."""
    dateline = Segment(
        "p1s1",
        "ASTANA. KAZINFORM",
        0,
        17,
        kind=SegmentKind.DATELINE,
        translations={
            "kk": Translation("АСТАНА. ҚАЗАҚПАРАТ", Origin.GLOSSARY, "glossary"),
            "ru": Translation("АСТАНА. КАЗИНФОРМ", Origin.GLOSSARY, "glossary"),
            "fr": Translation("ASTANA. KAZINFORM", Origin.GLOSSARY, "glossary"),
        },
    )
    lead = Segment(
        "p1s2",
        'Minister Beibut Atamkulov met "Jean-Baptiste Lemoyne" in Astana & <b>talked</b>.',
        18,
        98,
        translations={
            "kk": mt(
                "Министр Бейбут Атамқұлов Астанада «Жан-Батист Лемуанмен» кездесті & <b>.",
                "kk",
                terms=[TermCheck("Astana", "Астана", TermStatus.INFLECTED, "Астанада")],
            ),
            "ru": mt(
                "Министр Бейбут Атамкулов встретился в Астане с «Жаном-Батистом Лемуаном».",
                "ru",
                terms=[
                    TermCheck("Astana", "Астана", TermStatus.INFLECTED, "Астане"),
                    TermCheck("Beibut Atamkulov", "Бейбут Атамкулов", TermStatus.FOUND),
                ],
            ),
            "fr": mt(
                "Le ministre Beibut Atamkulov a rencontré Jean-Baptiste Lemoyne à Astana.",
                "fr",
                terms=[TermCheck("Minister", "ministre", TermStatus.FIXED, "ministre")],
            ),
        },
    )
    controls = Segment(
        "p2s1",
        "Bell\x07 and\x85 next-line characters\x1b crept in.",
        100,
        140,
        flags=["control-characters"],
        translations={
            "kk": mt("Қоңырау\x07 таңбалары енді.", "kk"),
            "ru": mt("Символы\x85 звонка проникли.", "ru", notes=["low confidence"]),
            "fr": mt("Des caractères de contrôle se sont glissés.", "fr"),
        },
    )
    missing_term = Segment(
        "p2s2",
        "The Ministry of Defense and Aerospace Industry says so.",
        141,
        196,
        notes=["quoted from the press service"],
        translations={
            "kk": mt(
                "Министрлік солай дейді.",
                "kk",
                terms=MISSING_MINISTRY,
                issues=term_issues(
                    "The Ministry of Defense and Aerospace Industry says so.", MISSING_MINISTRY
                ),
            ),
            "ru": mt("Так сообщает Министерство оборонной и аэрокосмической промышленности.", "ru"),
            "fr": mt("C'est ce qu'indique le ministère de la Défense.", "fr"),
        },
    )
    empty_ru = Segment(
        "p3s1",
        "Kazakhstan and France are strategic partners.",
        198,
        243,
        translations={
            "kk": mt("Қазақстан мен Франция стратегиялық серіктестер.", "kk"),
            "ru": mt("  ", "ru"),
            "fr": mt("Le Kazakhstan et la France sont des partenaires stratégiques.", "fr"),
        },
    )
    no_fr = Segment(
        "p3s2",
        "Since 2009, two satellites operate.",
        244,
        279,
        translations={
            "kk": mt("2009 жылдан бері екі спутник жұмыс істейді.", "kk"),
            "ru": mt("С 2009 года работают два спутника.", "ru"),
        },
    )
    return Document(
        text="",
        name="article",
        date=dt.date(2017, 9, 11),
        paragraphs=[
            Paragraph(1, 0, 98, [dateline, lead]),
            Paragraph(2, 100, 196, [controls, missing_term]),
            Paragraph(3, 198, 279, [empty_ru, no_fr]),
        ],
    )


def render(doc: Document, langs: list[str], **kwargs) -> bytes:
    data, _report = render_bytes(
        write_tmx, doc, langs, source_lang="en", now=NOW, tool_version=VERSION, **kwargs
    )
    return data


def read(data: bytes):
    return read_tmx(io.BytesIO(data), path="t.tmx")


def dtd_errors(data: bytes) -> list[str]:
    """Validation against the DTD in tests/data (not the package's copy)."""
    dtd = etree.DTD(str(DATA / "tmx14.dtd"))
    valid = dtd.validate(etree.fromstring(data))
    return [] if valid else [str(e) for e in dtd.error_log]


def assert_golden(data: bytes, name: str) -> None:
    path = GOLDEN / name
    if os.environ.get("POLYGLOT_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"{path} is missing: run the tests with POLYGLOT_UPDATE_GOLDEN=1"
    assert data.decode("utf-8") == path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- writing


@pytest.mark.parametrize("region_tags", [False, True])
@pytest.mark.parametrize("langs", [["kk"], ["ru"], ["fr"], ["kk", "ru", "fr"]])
def test_written_tmx_is_valid_against_the_dtd_and_our_rules(langs, region_tags):
    data = render(article(), langs, region_tags=region_tags)
    assert dtd_errors(data) == []
    assert validate_tmx(data, "t.tmx") == []


def test_golden_pair_file():
    assert_golden(render(article(), ["kk"]), "article.en-kk.tmx")


def test_golden_multilingual_file_with_region_tags():
    assert_golden(render(article(), ["kk", "ru", "fr"], region_tags=True), "article.multi.tmx")


def test_output_is_deterministic():
    assert render(article(), ["ru"]) == render(article(), ["ru"])


def test_header():
    header = etree.fromstring(render(article(), ["kk"])).find("header")
    assert dict(header.attrib) == {
        "creationtool": "polyglot",
        "creationtoolversion": VERSION,
        "segtype": "sentence",
        "o-tmf": "polyglot",
        "adminlang": "en",
        "srclang": "en",
        "datatype": "plaintext",
        "creationdate": "20170911T083000Z",
    }


def test_creation_date_is_utc():
    almaty = dt.timezone(dt.timedelta(hours=6))
    data, _ = render_bytes(
        write_tmx,
        article(),
        ["kk"],
        source_lang="en",
        now=dt.datetime(2017, 9, 11, 14, 30, tzinfo=almaty),
        tool_version=VERSION,
    )
    assert b'creationdate="20170911T083000Z"' in data


@pytest.mark.parametrize(
    ("region_tags", "expected"),
    [(False, ["en", "kk", "ru", "fr"]), (True, ["en-US", "kk-KZ", "ru-RU", "fr-FR"])],
)
def test_language_tags_and_srclang_match_exactly(region_tags, expected):
    root = etree.fromstring(render(article(), ["kk", "ru", "fr"], region_tags=region_tags))
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert root.find("header").get("srclang") == expected[0]
    for tu in root.iter("tu"):
        assert [tuv.get(xml_lang) for tuv in tu.iter("tuv")] == expected


def test_kazakh_is_never_kz():
    for region_tags in (False, True):
        data = render(article(), ["kk"], region_tags=region_tags)
        assert b'"kz' not in data.lower()
    assert render_lang_tag("kk", True) == "kk-KZ"
    assert render_lang_tag("de", True) == "de-DE"  # other languages: CLDR's likely region


def test_units_carry_segment_id_document_paragraph_and_provenance():
    unit = read(render(article(), ["ru"])).units[1]
    assert unit.tuid == "p1s2"
    assert unit.props == {"x-document": ["article"], "x-paragraph": ["1"]}
    ru = unit.details["ru"]
    assert ru.props == {
        "x-origin": ["mt"],
        "x-engine": ["argos"],
        "x-model": ["translate-en_ru 1.9"],
        "x-mt-sha256": [hashlib.sha256(ru.text.encode("utf-8")).hexdigest()],
        "x-glossary": ["compliant"],
        "x-term": ["inflected: Astana = Астана", "found: Beibut Atamkulov = Бейбут Атамкулов"],
    }
    assert unit.details["en"].props == {}


def test_missing_glossary_term_is_a_note_and_a_prop():
    unit = next(u for u in read(render(article(), ["kk"])).units if u.tuid == "p2s2")
    kk = unit.details["kk"]
    assert kk.props["x-glossary"] == ["missing-terms"]
    assert kk.notes == [
        "glossary term missing: Ministry of Defense and Aerospace Industry = "
        "Қорғаныс және аэроғарыш өнеркәсібі министрлігі"
    ]
    assert unit.notes == ["quoted from the press service"]


def test_pseudo_translations_are_marked():
    doc = article()
    for seg in doc.segments():
        for tr in seg.translations.values():
            tr.origin, tr.engine, tr.model = Origin.PSEUDO, "pseudo", None
    tmx = read(render(doc, ["fr"]))
    assert "NOT a translation" in tmx.header.notes[0]
    fr = tmx.units[0].details["fr"]
    assert fr.props["x-origin"] == ["pseudo"]
    assert any("NOT a translation" in note for note in fr.notes)


def test_empty_or_missing_translations_drop_the_unit_and_are_reported():
    data, report = render_bytes(
        write_tmx, article(), ["kk", "ru", "fr"], source_lang="en", now=NOW, tool_version=VERSION
    )
    assert [u.tuid for u in read(data).units] == ["p1s1", "p1s2", "p2s1", "p2s2"]
    assert [(d.segment_id, d.reason) for d in report.dropped] == [
        ("p3s1", "the ru translation is empty"),
        ("p3s2", "no fr translation"),
    ]
    assert b"<seg></seg>" not in data and b"<seg/>" not in data
    # a pair file keeps what it can
    data, report = render_bytes(
        write_tmx, article(), ["kk"], source_lang="en", now=NOW, tool_version=VERSION
    )
    assert len(read(data).units) == 6 and report.dropped == []


def test_empty_source_drops_the_unit():
    doc = article()
    doc.paragraphs[0].segments[1].source = "\x00\x01"
    _data, report = render_bytes(
        write_tmx, doc, ["kk"], source_lang="en", now=NOW, tool_version=VERSION
    )
    assert ("p1s2", "the source text is empty") in [
        (d.segment_id, d.reason) for d in report.dropped
    ]


def test_control_characters_are_removed_with_a_warning():
    data, report = render_bytes(
        write_tmx, article(), ["kk", "ru"], source_lang="en", now=NOW, tool_version=VERSION
    )
    unit = next(u for u in read(data).units if u.tuid == "p2s1")
    assert unit.variants["en"] == "Bell and next-line characters crept in."
    assert unit.variants["kk"] == "Қоңырау таңбалары енді."
    assert [(r.segment_id, r.lang, r.chars) for r in report.removed] == [
        ("p2s1", "en", ("\x07", "\x85", "\x1b")),
        ("p2s1", "kk", ("\x07",)),
        ("p2s1", "ru", ("\x85",)),
    ]
    assert report.warnings[-1] == (
        "segment p2s1 (ru): removed 1 character(s) XML 1.0 does not allow (U+0085)"
    )


def test_control_characters_in_props_and_notes_are_removed_with_a_warning():
    """lxml refuses them with a ValueError: every prop and note is cleaned first."""
    doc = article()
    doc.name = "art\x01icle"  # the file's stem
    seg = doc.paragraphs[0].segments[1]
    seg.notes.append("from the wire\x02")
    seg.translations["ru"] = mt(
        "Назарбаев выступил.",
        "ru",
        model="model\x03 1.0",
        terms=[TermCheck("Nazarbayev", "Наз\x01арбаев", TermStatus.MISSING)],
        notes=["checked\x04"],
    )
    seg.translations["ru"].issues = term_issues(seg.source, seg.translations["ru"].terms)
    data, report = render_bytes(
        write_tmx, doc, ["ru"], source_lang="en", now=NOW, tool_version=VERSION
    )
    assert dtd_errors(data) == [] and validate_tmx(data, "t.tmx") == []
    tmx = read(data)
    assert tmx.header.props["x-document"] == ["article"]
    unit = next(u for u in tmx.units if u.tuid == "p1s2")
    assert unit.props["x-document"] == ["article"]
    assert unit.notes == ["from the wire"]
    ru = unit.details["ru"]
    assert ru.props["x-model"] == ["model 1.0"]
    assert ru.props["x-term"] == ["missing: Nazarbayev = Назарбаев"]
    assert ru.notes == ["glossary term missing: Nazarbayev = Назарбаев", "checked"]
    assert [(r.segment_id, r.lang, r.part) for r in report.removed] == [
        (None, None, "prop x-document"),  # once, not once per unit
        ("p1s2", None, "note"),
        ("p1s2", "ru", "prop x-model"),
        ("p1s2", "ru", "prop x-term"),
        ("p1s2", "ru", "note"),
        ("p1s2", "ru", "note"),
        ("p2s1", "en", "text"),
        ("p2s1", "ru", "text"),
    ]
    removed = [str(r) for r in report.removed]
    assert removed[0] == (
        "the header (prop x-document): removed 1 character(s) XML 1.0 does not allow (U+0001)"
    )
    assert removed[3].startswith("segment p1s2 (ru, prop x-term): removed 1 character(s)")
    assert set(removed) <= set(report.warnings)


def test_a_control_character_in_the_file_name_is_a_warning_not_a_crash(tmp_path):
    article_path = tmp_path / "a\x01b.txt"
    article_path.write_text("A bell rang.\n", encoding="utf-8")
    out = tmp_path / "o"
    result = runner.invoke(
        app,
        ["translate", str(article_path), "--to", "ru", "--engine", "pseudo", "--out", str(out),
         "--no-tm", "--no-glossary"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "(prop x-document): removed 1 character(s) XML 1.0 does not allow (U+0001)" in (
        result.output
    )
    [tmx] = out.glob("*.tmx")
    assert validate_tmx(tmx.read_bytes(), tmx.name) == []


def test_machine_text_carries_its_fingerprint_and_human_text_none():
    doc = article()
    doc.paragraphs[0].segments[1].translations["kk"] = Translation("Адам аударды.", Origin.HUMAN)
    tmx = read(render(doc, ["kk"]))
    for unit in tmx.units:
        kk = unit.details["kk"]
        if kk.props["x-origin"] == ["human"]:
            assert MT_FINGERPRINT not in kk.props
        else:  # mt, glossary: the SHA-256 of the text as written (cleaned)
            assert kk.props[MT_FINGERPRINT] == [render_mt_fingerprint(kk.text)]
            assert len(kk.props[MT_FINGERPRINT][0]) == 64
    assert sum(MT_FINGERPRINT not in u.details["kk"].props for u in tmx.units) == 1


def test_text_is_escaped_once_and_seg_has_no_layout_whitespace():
    data = render(article(), ["kk"])
    assert (
        b'<seg>Minister Beibut Atamkulov met "Jean-Baptiste Lemoyne" in Astana &amp; '
        b"&lt;b&gt;talked&lt;/b&gt;.</seg>" in data
    )
    assert b"&amp;amp;" not in data
    for seg in etree.fromstring(data).iter("seg"):
        assert seg.text == seg.text.strip() and len(seg) == 0


def test_write_tmx_writes_what_render_bytes_renders():
    buf = io.BytesIO()
    report = write_tmx(buf, article(), ["fr"], source_lang="en", now=NOW, tool_version=VERSION)
    assert buf.getvalue() == render(article(), ["fr"])
    assert report.units == 5


# --------------------------------------------------------------------------- round trip


def test_write_then_read_gives_back_every_unit():
    doc = article()
    tmx = read(render(doc, ["kk", "ru", "fr"], region_tags=True))
    assert tmx.srclang == "en" and tmx.header.srclang_tag == "en-US"
    assert tmx.languages() == ["en", "kk", "ru", "fr"]
    for unit in tmx.units:
        seg = doc.segment(unit.tuid)
        assert unit.variants["en"] == seg.source.replace("\x07", "").replace("\x85", "").replace(
            "\x1b", ""
        )
        for lang in ("kk", "ru", "fr"):
            assert unit.variants[lang] == seg.translations[lang].text.replace("\x07", "").replace(
                "\x85", ""
            )
        assert unit.tags == {"en": "en-US", "kk": "kk-KZ", "ru": "ru-RU", "fr": "fr-FR"}
    assert tmx.warnings == []


_XML_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff"), min_size=1
).filter(lambda s: s.strip())


@settings(max_examples=200, deadline=None)
@given(source=_XML_TEXT, target=_XML_TEXT)
def test_round_trip_keeps_any_text_exactly(source, target):
    doc = Document(
        text=source,
        paragraphs=[
            Paragraph(
                1,
                0,
                len(source),
                [Segment("p1s1", source, 0, 1, translations={"ru": Translation(target)})],
            )
        ],
    )
    data, report = render_bytes(
        write_tmx, doc, ["ru"], source_lang="en", now=NOW, tool_version=VERSION
    )
    strip = {c for r in report.removed for c in r.chars}
    expected = (
        "".join(c for c in source if c not in strip),
        "".join(c for c in target if c not in strip),
    )
    units = read(data).units
    if report.dropped:
        assert units == []
    else:
        assert (units[0].variants["en"], units[0].variants["ru"]) == expected
        # what the validator may still say of such text is about the text, not the writing
        text_rules = ("line break", "escaped twice")
        problems = validate_tmx(data, "t.tmx")
        assert [p for p in problems if not any(rule in p.message for rule in text_rules)] == []


# --------------------------------------------------------------------------- reading


@pytest.mark.parametrize(
    ("tag", "lang"),
    [
        ("EN-US", "en"),
        ("en_US", "en"),
        ("en-us", "en"),
        ("kk-KZ", "kk"),
        ("KZ", "kk"),
        ("kaz", "kk"),
        ("ru", "ru"),
        ("fr-CA", "fr"),
        ("fre", "fr"),
        ("zh-Hant-TW", "zh"),
    ],
)
def test_language_tags_are_normalised(tag, lang):
    assert normalise_lang_tag(tag) == lang


TRADOS_LIKE = """<?xml version="1.0" encoding="utf-16"?>
<tmx version="1.4">
  <header creationtool="SDL Language Platform" creationtoolversion="8.0" o-tmf="SDL TM8 Format"
    datatype="xml" segtype="sentence" adminlang="en-US" srclang="en-US" />
  <body>
    <tu creationdate="20240102T101010Z" changeid="REVIEWER" changedate="20240103T101010Z">
      <prop type="x-Context">0, 0</prop>
      <tuv xml:lang="en-US"><seg>Kazakh Minister met <bpt i="1" type="bold">&lt;b&gt;</bpt>Lemoyne<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
      <tuv xml:lang="kk-KZ"><seg>Қазақ министрі <hi type="bold">Лемуанмен</hi> кездесті<ph x="2">{2}</ph>.</seg></tuv>
    </tu>
  </body>
</tmx>
"""  # noqa: E501

OMEGAT_PROJECT_TM = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"
    creationtoolversion="3.6.0_0" segtype="paragraph" o-encoding="UTF-8" srclang="EN"/>
  <body>
    <tu>
      <tuv lang="EN"><seg>The sides discussed space cooperation.</seg></tuv>
      <tuv lang="RU" changeid="translator" changedate="20240105T090000Z">
        <seg>Стороны обсудили космическое сотрудничество.</seg>
      </tuv>
    </tu>
    <tu>
      <tuv lang="EN"><seg>Untranslated.</seg></tuv>
      <tuv lang="RU"><seg></seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_reads_a_trados_style_file_in_utf16_with_inline_markup():
    tmx = read(TRADOS_LIKE.encode("utf-16"))
    assert tmx.header.srclang == "en" and tmx.header.creationtool == "SDL Language Platform"
    (unit,) = tmx.units
    assert unit.tuid is None
    assert unit.variants == {
        "en": "Kazakh Minister met Lemoyne.",
        "kk": "Қазақ министрі Лемуанмен кездесті.",
    }
    assert unit.tags == {"en": "en-US", "kk": "kk-KZ"}
    assert unit.details["kk"].had_markup and unit.details["kk"].line == 9
    assert unit.attrs["changeid"] == "REVIEWER"
    assert unit.props == {"x-Context": ["0, 0"]}
    assert unit.line == 6


def test_reads_omegat_project_memory_tmx11_and_skips_empty_segs():
    tmx = read(OMEGAT_PROJECT_TM.encode())
    assert tmx.version == "1.1" and tmx.srclang == "en"
    assert tmx.units[0].variants["ru"] == "Стороны обсудили космическое сотрудничество."
    assert tmx.units[0].details["ru"].attrs == {
        "changeid": "translator",
        "changedate": "20240105T090000Z",
    }
    assert tmx.units[1].variants == {"en": "Untranslated."}
    assert tmx.warnings == ["t.tmx:15: empty <seg> for 'RU', skipped"]


def test_inline_code_is_dropped_and_highlighted_text_kept():
    seg = etree.fromstring(
        "<seg>a <bpt i='1'>&lt;a href='x'&gt;<sub>title text</sub></bpt>b<ept i='1'>&lt;/a&gt;"
        "</ept> <hi>c<it pos='begin'>&lt;i&gt;</it></hi> d<ut>{x}</ut>!<!-- note --></seg>"
    )
    assert flatten_seg(seg) == ("a b c d!", True)
    assert flatten_seg(etree.fromstring("<seg>plain</seg>")) == ("plain", False)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&lol3;</seg></tuv></tu></body></tmx>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv></tu></body></tmx>
"""
EXTERNAL_DTD_WITH_SUBSET = b"""<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "http://example.invalid/tmx14.dtd" [<!ELEMENT tmx ANY>]>
<tmx version="1.4"/>
"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD_WITH_SUBSET])
def test_entities_and_internal_subsets_are_refused(data):
    with pytest.raises(InputError, match="entities or an internal DTD subset") as info:
        read(data)
    assert info.value.line == 2
    assert info.value.message.startswith("t.tmx:2: ")


def test_an_entity_neither_xml_nor_html_defines_is_refused_naming_it_and_its_line():
    with pytest.raises(InputError, match="uses the entity &xxe;") as info:
        read(b'<?xml version="1.0"?>\n<tmx version="1.4">\n<body>&xxe;</body></tmx>')
    assert info.value.line == 3
    assert "&xxe;" in (info.value.hint or "")


def test_external_dtd_is_never_loaded():
    data = render(article(), ["kk"]).replace(b'"tmx14.dtd"', b'"http://127.0.0.1:9/tmx14.dtd"')
    assert len(read(data).units) == 6


def test_size_limit():
    data = render(article(), ["kk"])
    with pytest.raises(InputError, match="larger than 100 bytes"):
        read_tmx(io.BytesIO(data), max_bytes=100)
    assert read_tmx(io.BytesIO(data), max_bytes=len(data)).units


def test_not_tmx_and_not_xml():
    with pytest.raises(InputError, match=r"not a TMX file \(the root element is <xliff>"):
        read(b"<xliff/>")
    with pytest.raises(InputError, match="the file is empty"):
        read(b"")
    with pytest.raises(InputError) as info:
        read(b"<tmx>\n<body>\n<tu></body></tmx>")
    assert info.value.line == 3


def test_reader_names_the_file_from_the_file_object(tmp_path):
    path = tmp_path / "bad.tmx"
    path.write_bytes(b"<tmx><")
    with path.open("rb") as fp, pytest.raises(InputError) as info:
        read_tmx(fp)
    assert info.value.path == str(path)


# --------------------------------------------------------------------------- validator

BAD_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="x" creationtoolversion="1" segtype="paragraph" o-tmf=""
    adminlang="en" srclang="en-US" datatype="html" creationdate="2017-09-11"/>
  <body>
    <tu tuid="a">
      <tuv xml:lang="en-US"><seg>Fish &amp;amp; chips</seg></tuv>
      <tuv xml:lang="kz"><seg>
        Балық</seg></tuv>
    </tu>
    <tu tuid="a">
      <tuv xml:lang="en-us"><seg>x\u0085</seg></tuv>
      <tuv xml:lang="kk"><seg> </seg></tuv>
    </tu>
    <tu tuid="b">
      <tuv xml:lang="en-US"><seg>y</seg></tuv>
      <tuv xml:lang="kk"><seg>z</seg><foo/></tuv>
    </tu>
  </body>
</tmx>
"""


def test_validator_lists_every_problem_with_its_line():
    check = check_tmx(BAD_TMX.encode(), "bad.tmx")
    # what polyglot would write otherwise is a note: the file still imports
    assert [(p.line, p.message) for p in check.notes] == [
        (4, "header creationdate='2017-09-11' is not a UTC date YYYYMMDDThhmmssZ"),
        (4, "header datatype='html': polyglot writes datatype=\"plaintext\""),
        (4, "header o-tmf is missing or empty"),
        (4, "header segtype='paragraph': polyglot writes segtype=\"sentence\""),
    ]
    problems = [(p.line, p.message) for p in validate_tmx(BAD_TMX.encode(), "bad.tmx")]
    assert problems == [(p.line, p.message) for p in check.errors]
    # libxml2 gives an element the line where its start tag ends: <header> spans lines 3-4
    assert problems == [
        (7, "unit 'a' (en-US): '&amp;' in the text: escaped twice?"),
        (8, "language 'kk' written 'kz' here (1× in the file) but 'kk' elsewhere: one "
            "spelling per file"),
        (8, "unit 'a' (kz): <seg> starts or ends with a line break (pretty-printing?)"),
        (8, "unit 'a': xml:lang='kz': 'kz' is Kazakhstan's country code; the Kazakh "
            "language is 'kk'"),
        (11, "unit 'a': no <tuv xml:lang='en-US'> (the header's srclang, exactly)"),
        (11, "unit 'a': tuid already used on line 6"),
        (12, "language 'en' written 'en-us' here (1× in the file) but 'en-US' elsewhere: one "
             "spelling per file"),
        (12, "unit 'a' (en-us): control character U+0085 in the text"),
        (13, "unit 'a' (kk): empty <seg>"),
        (17, "not valid TMX 1.4b (DTD): Element tuv content does not follow the DTD, expecting "
             "((note | prop)* , seg), got (seg foo)"),
        (17, "not valid TMX 1.4b (DTD): No declaration for element foo"),
    ]  # fmt: skip


def test_validator_wants_every_language_in_every_unit():
    data = render(article(), ["kk", "ru"]).replace(
        b'<tuv xml:lang="ru">', b'<tuv xml:lang="fr">', 1
    )
    messages = [p.message for p in validate_tmx(data, "t.tmx")]
    assert (
        "unit 'p1s1': no 'ru' variant, though other units have one (OmegaT would fill that "
        "language with another one's text)" in messages
    )


def test_validator_refuses_srclang_all_and_missing_srclang():
    data = render(article(), ["kk"])
    messages = [
        p.message for p in validate_tmx(data.replace(b'srclang="en"', b'srclang="*all*"'), "t")
    ]
    assert 'header srclang="*all*": name the source language (OmegaT needs it)' in messages
    problems = validate_tmx(data.replace(b' srclang="en"', b""), "t")
    assert any("srclang" in p.message and "DTD" in p.message for p in problems)


def test_validator_reports_unsafe_and_broken_files_as_one_problem():
    (problem,) = validate_tmx(BILLION_LAUGHS, "bomb.tmx")
    assert problem.line == 2 and problem.message.startswith("the file declares entities")
    (problem,) = validate_tmx(b"<tmx>\n<body>\n<tu></body></tmx>", "broken.tmx")
    assert problem.line == 3 and problem.message.startswith("not well-formed XML")
    assert str(problem).startswith("broken.tmx:3: not well-formed")


# --------------------------------------------------------------------------- CLI


def test_cli_validate_accepts_our_output(tmp_path):
    path = tmp_path / "a.en-kk.tmx"
    path.write_bytes(render(article(), ["kk"]))
    result = runner.invoke(app, ["tmx", "validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output == f"{path}: valid TMX 1.4b, will import\n"


def test_cli_validate_lists_every_problem_and_fails(tmp_path):
    good = tmp_path / "good.tmx"
    good.write_bytes(render(article(), ["kk"]))
    bad = tmp_path / "bad.tmx"
    bad.write_text(BAD_TMX, encoding="utf-8")
    missing = tmp_path / "missing.tmx"
    result = runner.invoke(app, ["tmx", "validate", str(good), str(bad), str(missing)])
    assert result.exit_code == 1
    assert f"{good}: valid TMX 1.4b, will import" in result.output
    assert "error: 12 problem(s) in TMX:" in result.output
    assert f"{bad}:4: header o-tmf is missing or empty" not in result.output  # a note, not shown
    assert "polyglot translate" not in result.output
    assert f"  {bad}:17: not valid TMX 1.4b (DTD): No declaration for element foo" in result.output
    assert f"  {missing}: no such file" in result.output
    assert "Traceback" not in result.output


def test_package_ships_the_dtd():
    from importlib import resources

    shipped = resources.files("polyglot.data").joinpath("tmx14.dtd").read_bytes()
    assert shipped == (DATA / "tmx14.dtd").read_bytes()


# --------------------------------------------------------------------------- pipeline


def pseudo_job(seed_path: Path, out: Path, **tmx_options) -> TranslateJob:
    return TranslateJob(
        source=seed_path,
        targets=["kk", "ru", "fr"],
        out_dir=out,
        engine="pseudo",
        format_options={"tmx": TmxOptions(**tmx_options)},
        now=lambda: NOW,
    )


def test_translate_writes_one_valid_tmx_per_pair(seed_path, tmp_path):
    result = translate_file(pseudo_job(seed_path, tmp_path / "o"))
    stem = seed_path.stem
    names = [f"{stem}.en-kk.tmx", f"{stem}.en-ru.tmx", f"{stem}.en-fr.tmx"]
    assert [f for f in result.info.files if f.endswith(".tmx")] == names
    for name in names:
        data = (tmp_path / "o" / name).read_bytes()
        assert validate_tmx(data, name) == []
        tmx = read(data)
        assert len(tmx.units) == 10
        assert tmx.header.creationdate == "20170911T083000Z"
        lang = name.split("-")[-1].removesuffix(".tmx")
        assert tmx.languages() == ["en", lang]
        assert all(u.details[lang].props["x-origin"] == ["pseudo"] for u in tmx.units)


def test_translate_multilingual_with_region_tags(seed_path, tmp_path):
    translate_file(pseudo_job(seed_path, tmp_path / "o", multilingual=True, region_tags=True))
    data = (tmp_path / "o" / f"{seed_path.stem}.multilingual.tmx").read_bytes()
    assert validate_tmx(data, "m.tmx") == []
    tmx = read(data)
    assert tmx.header.srclang_tag == "en-US"
    assert all(
        u.tags == {"en": "en-US", "kk": "kk-KZ", "ru": "ru-RU", "fr": "fr-FR"} for u in tmx.units
    )


def test_translate_tmx_is_reproducible_with_an_injected_clock(seed_path, tmp_path):
    translate_file(pseudo_job(seed_path, tmp_path / "a"))
    translate_file(pseudo_job(seed_path, tmp_path / "b"))
    name = f"{seed_path.stem}.en-ru.tmx"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


class BellEngine(Engine):
    """Returns a control character in one translation and nothing for another."""

    name: ClassVar[str] = "bell"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return ["Звонок\x07 прозвенел." if t.startswith("A bell") else "" for t in texts]


def test_dropped_units_and_removed_characters_reach_report_and_cli(tmp_path, monkeypatch):
    monkeypatch.setitem(ENGINES, "bell", f"{__name__}:BellEngine")
    article_path = tmp_path / "bell.txt"
    article_path.write_text("A bell rang.\n\nAll quiet.\n", encoding="utf-8")
    out = tmp_path / "o"
    result = runner.invoke(
        app,
        ["translate", str(article_path), "--to", "ru", "--engine", "bell", "--out", str(out),
         "--no-tm", "--no-glossary"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    dropped = "bell.en-ru.tmx: segment p2s1 left out"
    assert any(w.startswith(dropped) for w in report["warnings"]), report["warnings"]
    assert f"warning: {dropped}" in result.output
    # the character is removed where the translation enters the run, said on its segment
    [issue] = report["segments"][0]["translations"]["ru"]["checks"]
    assert "removed 1 control character (U+0007) from the engine's output" in issue["message"]
    assert "control-characters 1" in result.output
    assert validate_tmx((out / "bell.en-ru.tmx").read_bytes(), "bell.en-ru.tmx") == []


def test_control_characters_in_the_article_are_reported_by_the_reader(tmp_path):
    article_path = tmp_path / "bell.txt"
    article_path.write_text("A bell\x07 rang.\n\nAll quiet.\n", encoding="utf-8")
    out = tmp_path / "o"
    result = runner.invoke(
        app,
        ["translate", str(article_path), "--to", "ru", "--engine", "pseudo", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    warning = f"{article_path}: removed 1 control character(s), the first on line 1"
    assert f"warning: {warning}" in result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert warning in report["warnings"]
    assert validate_tmx((out / "bell.en-ru.tmx").read_bytes(), "bell.en-ru.tmx") == []


def test_real_models(test_packages_dir, tmp_path):
    """With the repo's real CTranslate2 copy-model packages."""
    from polyglot.engines import EngineOptions

    packages = test_packages_dir

    job = TranslateJob(
        source=Path(__file__).resolve().parent.parent / "seeds" / "000_ab846ab5c136d731.txt",
        targets=["kk", "ru", "fr"],
        out_dir=tmp_path / "o",
        engine_options=EngineOptions(models_dir=Path(packages)),
        now=lambda: NOW,
    )
    result = translate_file(job)
    for lang in ("kk", "ru", "fr"):
        data = (tmp_path / "o" / f"{result.document.name}.en-{lang}.tmx").read_bytes()
        assert validate_tmx(data, lang) == []
        unit = read(data).units[1]
        assert unit.details[lang].props["x-origin"] == ["mt"]
        assert unit.details[lang].props["x-model"]
