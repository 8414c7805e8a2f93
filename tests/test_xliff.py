"""XLIFF 1.2: what polyglot writes, what it reads back, and what Translate Toolkit reads."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from lxml import etree
from translate.storage.xliff import xlifffile

from polyglot.engines import EngineOptions, load_engine
from polyglot.errors import InputError
from polyglot.formats.base import render_bytes
from polyglot.formats.tmx import render_mt_fingerprint
from polyglot.formats.xliff import POLYGLOT_NS, XLIFF_NS, read_xliff, write_xliff
from polyglot.model import (
    Document,
    Issue,
    Origin,
    Paragraph,
    Segment,
    SegmentKind,
    Severity,
    TermCheck,
    TermStatus,
    Translation,
)
from polyglot.pipeline import read_document, translate_document

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_ab846ab5c136d731.txt"
NOW = dt.datetime(2017, 9, 11, 8, 30, tzinfo=dt.UTC)
NS = {"x": XLIFF_NS, "pg": POLYGLOT_NS}
TARGETS = ["kk", "ru", "fr"]


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    doc = read_document(SEED)
    translate_document(doc, TARGETS, load_engine("pseudo", EngineOptions()))
    return doc


def _xliff(doc: Document, langs: list[str], **kwargs: object) -> bytes:
    data, report = render_bytes(
        write_xliff, doc, langs, source_lang="en", now=NOW, tool_version="9.9.9", **kwargs
    )  # type: ignore[arg-type]
    assert report.removed == []
    return data


def _mixed_doc() -> Document:
    """One segment per origin, with glossary results and QA issues, and one untranslated."""
    text = "ASTANA. KAZINFORM One. Two.\n\nThree. Four. Five."
    tr = {
        "p1s1": Translation("АСТАНА. КАЗИНФОРМ", Origin.GLOSSARY, "glossary"),
        "p1s2": Translation(
            "Один.",
            Origin.MT,
            "argos",
            "translate-en_ru 1.9",
            terms=[
                TermCheck("One", "Один", TermStatus.FIXED),
                TermCheck("Astana", "Астана", TermStatus.MISSING),
            ],
            issues=[
                Issue("numbers", Severity.ERROR, "the number 5 is missing"),
                Issue("length", Severity.WARNING, "much shorter than the source"),
            ],
        ),
        "p1s3": Translation("Два.", Origin.TM, "argos", "translate-en_ru 1.9"),
        "p2s1": Translation("Три.", Origin.HUMAN),
        "p2s2": Translation("⟦ru: Føûř⟧", Origin.PSEUDO, "pseudo"),
    }
    doc = Document(text=text, source_lang="en", name="story")
    spans = [
        ("p1s1", 0, 17, SegmentKind.DATELINE),
        ("p1s2", 18, 22, SegmentKind.SENTENCE),
        ("p1s3", 23, 27, SegmentKind.SENTENCE),
        ("p2s1", 29, 35, SegmentKind.SENTENCE),
        ("p2s2", 36, 41, SegmentKind.SENTENCE),
        ("p2s3", 42, 47, SegmentKind.SENTENCE),
    ]
    segments = []
    for sid, start, end, kind in spans:
        seg = Segment(sid, text[start:end], start, end, kind)
        if sid in tr:
            seg.translations["ru"] = tr[sid]
        segments.append(seg)
    doc.paragraphs = [Paragraph(1, 0, 27, segments[:3]), Paragraph(2, 29, 47, segments[3:])]
    return doc


# --------------------------------------------------------------------------- writing


def test_one_trans_unit_per_segment_with_polyglots_id_in_paragraph_groups(seed_doc):
    root = etree.fromstring(_xliff(seed_doc, ["ru"]))
    assert root.get("version") == "1.2"
    (file_el,) = root.findall("x:file", NS)
    assert file_el.get("source-language") == "en" and file_el.get("target-language") == "ru"
    assert file_el.get("original") == seed_doc.name
    groups = file_el.findall("x:body/x:group", NS)
    assert [g.get("id") for g in groups] == [f"p{p.index}" for p in seed_doc.paragraphs]
    assert {g.get("restype") for g in groups} == {"x-paragraph"}
    for group, paragraph in zip(groups, seed_doc.paragraphs, strict=True):
        units = group.findall(".//x:trans-unit", NS)
        assert [u.get("id") for u in units] == [s.id for s in paragraph.segments]
        for unit, seg in zip(units, paragraph.segments, strict=True):
            assert unit.findtext("x:source", namespaces=NS) == seg.source
            assert unit.findtext("x:target", namespaces=NS) == seg.translations["ru"].text
    (dateline,) = root.findall(".//x:group[@restype='x-dateline']", NS)
    assert [u.get("id") for u in dateline.findall("x:trans-unit", NS)] == ["p1s1"]


def test_state_and_provenance_follow_the_origin():
    root = etree.fromstring(_xliff(_mixed_doc(), ["ru"]))
    targets = {u.get("id"): u.find("x:target", NS) for u in root.iter(f"{{{XLIFF_NS}}}trans-unit")}
    got = {
        sid: None
        if t is None
        else (t.get("state"), t.get("state-qualifier"), t.get(f"{{{POLYGLOT_NS}}}origin"))
        for sid, t in targets.items()
    }
    assert got == {
        "p1s1": ("needs-review-translation", "leveraged-glossary", "glossary"),
        "p1s2": ("needs-review-translation", "leveraged-mt", "mt"),
        "p1s3": ("needs-review-translation", "leveraged-tm", "tm"),
        "p2s1": ("translated", "exact-match", "human"),
        "p2s2": ("needs-translation", None, "pseudo"),
        "p2s3": None,  # no translation: a unit without <target>
    }
    mt = targets["p1s2"]
    assert mt is not None
    assert mt.get(f"{{{POLYGLOT_NS}}}mt-sha256") == render_mt_fingerprint("Один.")
    assert mt.get(f"{{{POLYGLOT_NS}}}model") == "translate-en_ru 1.9"
    human = targets["p2s1"]
    assert human is not None and human.get(f"{{{POLYGLOT_NS}}}mt-sha256") is None


def test_glossary_results_and_qa_issues_are_notes_on_the_target():
    root = etree.fromstring(_xliff(_mixed_doc(), ["ru"]))
    (unit,) = root.findall(".//x:trans-unit[@id='p1s2']", NS)
    notes = [(n.get("annotates"), n.get("priority"), n.text) for n in unit.findall("x:note", NS)]
    assert notes == [
        ("target", "8", "glossary fixed: One = Один"),
        ("target", "1", "glossary missing: Astana = Астана"),
        ("target", "1", "numbers error: the number 5 is missing"),
        ("target", "3", "length warning: much shorter than the source"),
    ]
    (pseudo,) = root.findall(".//x:trans-unit[@id='p2s2']", NS)
    assert "NOT a translation" in pseudo.findtext("x:note", namespaces=NS)
    assert "NOT a translation" in root.findtext("x:file/x:header/x:note", namespaces=NS)


def test_forbidden_characters_are_removed_and_reported():
    doc = _mixed_doc()
    doc.segment("p1s2").translations["ru"].text = "Од\x07ин."
    data, report = render_bytes(
        write_xliff, doc, ["ru"], source_lang="en", now=NOW, tool_version="t"
    )
    assert b"\x07" not in data
    assert [str(r) for r in report.removed] == [
        "segment p1s2 (ru): removed 1 character(s) XML 1.0 does not allow (U+0007)"
    ]
    etree.fromstring(data)


def test_output_is_deterministic_and_multilingual_files_hold_one_file_element_per_language(
    seed_doc,
):
    assert _xliff(seed_doc, TARGETS) == _xliff(seed_doc, TARGETS)
    root = etree.fromstring(_xliff(seed_doc, TARGETS, region_tags=True))
    files = root.findall("x:file", NS)
    assert [f.get("target-language") for f in files] == ["kk-KZ", "ru-RU", "fr-FR"]
    assert {f.get("source-language") for f in files} == {"en-US"}


# --------------------------------------------------------------------------- reading


def test_round_trip_gives_the_tmx_readers_records(seed_doc):
    units = read_xliff(io.BytesIO(_xliff(seed_doc, ["ru"]))).units
    segments = list(seed_doc.segments())
    assert [u.tuid for u in units] == [s.id for s in segments]
    for unit, seg in zip(units, segments, strict=True):
        text = seg.translations["ru"].text
        assert unit.variants == {"en": seg.source, "ru": text}
        variant = unit.details["ru"]
        assert variant.props["x-origin"] == ["pseudo"]
        assert variant.props["x-mt-sha256"] == [render_mt_fingerprint(text)]
        assert variant.reviewed is False  # needs-translation


def test_reviewed_comes_from_the_state_or_approved():
    def unit(attrs: str, target_attrs: str) -> str:
        return (
            f'<trans-unit id="u" {attrs}><source>One.</source>'
            f"<target {target_attrs}>Один.</target></trans-unit>"
        )

    cases = {
        ("", 'state="translated"'): True,
        ("", 'state="final"'): True,
        ("", 'state="signed-off"'): True,
        ('approved="yes"', 'state="needs-review-translation"'): True,
        ("", 'state="needs-review-translation"'): False,
        ("", 'state="new"'): False,
        ("", ""): None,
        ('approved="no"', ""): None,
    }
    for (attrs, target_attrs), expected in cases.items():
        data = (
            f'<xliff xmlns="{XLIFF_NS}" version="1.2"><file original="a" source-language="en-US" '
            f'target-language="ru-RU" datatype="plaintext"><body>{unit(attrs, target_attrs)}'
            "</body></file></xliff>"
        ).encode()
        (read,) = read_xliff(io.BytesIO(data)).units
        assert read.details["ru"].reviewed is expected, (attrs, target_attrs)
        assert read.tags == {"en": "en-US", "ru": "ru-RU"}


def test_inline_codes_are_dropped_and_marked_text_kept():
    data = f"""<xliff xmlns="{XLIFF_NS}" version="1.2">
      <file original="a.docx" source-language="en" target-language="kk" datatype="x-docx">
        <body><group id="g"><group id="h">
          <trans-unit id="1">
            <source>Press <g id="1">Save</g><x id="2"/> now.</source>
            <seg-source><mrk mtype="seg" mid="1">Press <g id="1">Save</g><x id="2"/> now.</mrk>
            </seg-source>
            <target><mrk mtype="seg" mid="1"><bpt id="3">&lt;b&gt;</bpt>Сақта<ept id="3"
              >&lt;/b&gt;</ept><ph id="4">{{0}}</ph> басыңыз.</mrk></target>
          </trans-unit>
          <trans-unit id="2"><source>Untranslated.</source><target/></trans-unit>
        </group></group></body>
      </file>
    </xliff>""".encode()
    doc = read_xliff(io.BytesIO(data))
    assert doc.srclang == "en"
    first, second = doc.units
    assert first.variants == {"en": "Press Save now.", "kk": "Сақта басыңыз."}
    assert first.details["kk"].had_markup and first.props["x-document"] == ["a.docx"]
    assert second.variants == {"en": "Untranslated."}  # an empty target is no translation


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<tmx version='1.4'/>", "not an XLIFF file (the root element is <tmx>)"),
        (
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.1" version="1.1"/>',
            "XLIFF 1.1 is not supported; polyglot reads XLIFF 1.2 and 2.0",
        ),
        (
            b'<!DOCTYPE x [<!ENTITY a "aaaa">]><xliff version="1.2"/>',
            "declares entities or an internal DTD subset",
        ),
        (b"<xliff version='1.2'><file>", "not well-formed XML"),
        (b"", "the file is empty"),
    ],
)
def test_bad_files_are_refused_with_a_clear_error(data, message):
    with pytest.raises(InputError) as info:
        read_xliff(io.BytesIO(data), path="in.xlf")
    assert message in info.value.message
    assert "in.xlf" in str(info.value.path)


def test_a_file_over_the_size_limit_is_refused(seed_doc):
    with pytest.raises(InputError, match="larger than 100 bytes"):
        read_xliff(io.BytesIO(_xliff(seed_doc, ["ru"])), max_bytes=100)


# --------------------------------------------------------------------------- Translate Toolkit


@pytest.mark.parametrize("lang", TARGETS)
def test_translate_toolkit_reads_every_unit_back(seed_doc, lang):
    store = xlifffile(io.BytesIO(_xliff(seed_doc, [lang])))
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("en", lang)
    segments = list(seed_doc.segments())
    assert len(store.units) == len(segments)
    for unit, seg in zip(store.units, segments, strict=True):
        assert unit.xmlelement.get("id") == seg.id
        assert (unit.source, unit.target) == (seg.source, seg.translations[lang].text)
        assert not unit.isapproved()
    notes = store.units[0].getnotes()
    assert "NOT a translation" in notes


def test_translate_toolkit_sees_the_states_and_notes():
    store = xlifffile(io.BytesIO(_xliff(_mixed_doc(), ["ru"])))
    by_id = {u.xmlelement.get("id"): u for u in store.units}
    assert by_id["p1s2"].target == "Один." and by_id["p2s3"].target in (None, "")
    assert "glossary missing: Astana = Астана" in by_id["p1s2"].getnotes()
    assert by_id["p2s1"].get_state_n() > by_id["p1s2"].get_state_n()  # translated > needs-review


# --------------------------------------------------------------------------- translate


def test_translate_writes_an_xliff_per_target_by_default_and_an_omegat_project_on_request(
    tmp_path,
):
    from typer.testing import CliRunner

    from polyglot.cli import app

    runner = CliRunner()
    args = ["translate", str(SEED), "--to", "kk,ru", "--engine", "pseudo", "--no-tm"]
    plain = runner.invoke(app, [*args, "--out", str(tmp_path / "plain")])
    assert plain.exit_code == 0, plain.output
    stem = SEED.stem
    for lang in ("kk", "ru"):
        data = (tmp_path / "plain" / f"{stem}.en-{lang}.xlf").read_bytes()
        assert len(read_xliff(io.BytesIO(data)).units) == 10
    assert not list((tmp_path / "plain").glob("omegat-*"))
    with_project = runner.invoke(app, [*args, "--omegat", "--out", str(tmp_path / "cat")])
    assert with_project.exit_code == 0, with_project.output
    for lang in ("kk", "ru"):
        project = tmp_path / "cat" / f"omegat-{lang}"
        assert f"<target_lang>{lang}</target_lang>" in (project / "omegat.project").read_text()
        assert (project / "tm" / "auto" / f"{stem}.en-{lang}.tmx").is_file()
        assert (project / "target").is_dir()


# --------------------------------------------------------------------------- XLIFF 2.0


def _xliff2(doc: Document, lang: str) -> bytes:
    from polyglot.formats.xliff2 import write_xliff2

    data, report = render_bytes(
        write_xliff2, doc, lang, source_lang="en", now=NOW, tool_version="9.9.9"
    )
    assert report.removed == []
    return data


def test_xliff2_units_states_and_provenance():
    from polyglot.formats.xliff2 import MDA_NS, XLIFF2_NS

    ns = {"x": XLIFF2_NS, "m": MDA_NS}
    root = etree.fromstring(_xliff2(_mixed_doc(), "ru"))
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.0", "en", "ru")
    groups = root.findall("x:file/x:group", ns)
    assert [g.get("id") for g in groups] == ["p1", "p2"]
    units = {u.get("id"): u for u in root.iter(f"{{{XLIFF2_NS}}}unit")}
    assert list(units) == ["p1s1", "p1s2", "p1s3", "p2s1", "p2s2", "p2s3"]
    assert units["p1s1"].get("type") == "polyglot:dateline"
    states = {
        sid: (seg.get("state"), seg.get("subState"))
        for sid, u in units.items()
        if (seg := u.find("x:segment", ns)) is not None
    }
    assert states == {
        "p1s1": ("initial", "polyglot:leveraged-glossary"),
        "p1s2": ("initial", "polyglot:leveraged-mt"),
        "p1s3": ("initial", "polyglot:leveraged-tm"),
        "p2s1": ("translated", "polyglot:human"),
        "p2s2": ("initial", "polyglot:pseudo"),
        "p2s3": (None, None),
    }
    assert units["p2s3"].find("x:segment/x:target", ns) is None
    meta = {m.get("type"): m.text for m in units["p1s2"].iterfind(".//m:meta", ns)}
    assert meta == {
        "origin": "mt",
        "engine": "argos",
        "model": "translate-en_ru 1.9",
        "mt-sha256": render_mt_fingerprint("Один."),
    }
    notes = [(n.get("appliesTo"), n.get("priority"), n.text) for n in units["p1s2"].iter(
        f"{{{XLIFF2_NS}}}note"
    )]  # fmt: skip
    assert ("target", "1", "numbers error: the number 5 is missing") in notes
    assert ("target", "1", "glossary missing: Astana = Астана") in notes


def test_xliff2_round_trip_and_states_read_back(seed_doc):
    units = read_xliff(io.BytesIO(_xliff2(seed_doc, "kk"))).units
    segments = list(seed_doc.segments())
    assert [u.tuid for u in units] == [s.id for s in segments]
    for unit, seg in zip(units, segments, strict=True):
        text = seg.translations["kk"].text
        assert unit.variants == {"en": seg.source, "kk": text}
        assert unit.details["kk"].props["x-mt-sha256"] == [render_mt_fingerprint(text)]
        assert unit.details["kk"].reviewed is False  # initial
    human = read_xliff(io.BytesIO(_xliff2(_mixed_doc(), "ru"))).units[3]
    assert human.details["ru"].reviewed is True and "x-mt-sha256" not in human.details["ru"].props


def test_xliff2_inline_codes_and_several_segments_in_a_unit():
    data = b"""<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"
        srcLang="en-US" trgLang="fr-FR"><file id="f"><unit id="u1">
        <segment id="a" state="reviewed"><source>Press <pc id="1">Save</pc><ph id="2"/>.</source>
          <target>Appuyez<cp hex="00A0"/>sur <pc id="1">Enregistrer</pc><ph id="2"/>.</target>
        </segment>
        <ignorable><source> </source></ignorable>
        <segment id="b"><source>Done.</source><target>Fini.</target></segment>
    </unit></file></xliff>"""
    first, second = read_xliff(io.BytesIO(data)).units
    assert (first.tuid, second.tuid) == ("u1/a", "u1/b")
    assert first.variants == {"en": "Press Save.", "fr": "Appuyez\u00a0sur Enregistrer."}
    assert first.details["fr"].reviewed is True and second.details["fr"].reviewed is False


@pytest.mark.parametrize("lang", TARGETS)
def test_translate_toolkit_reads_every_xliff2_unit_back(seed_doc, lang):
    from translate.storage.xliff2 import Xliff2File

    store = Xliff2File(_xliff2(seed_doc, lang))
    segments = list(seed_doc.segments())
    assert (store.sourcelanguage, store.targetlanguage) == ("en", lang)
    assert [u.getid() for u in store.units] == [s.id for s in segments]
    for unit, seg in zip(store.units, segments, strict=True):
        assert (unit.source, unit.target) == (seg.source, seg.translations[lang].text)


def test_translate_writes_xliff2_on_request_and_refuses_an_unknown_version(tmp_path):
    from typer.testing import CliRunner

    from polyglot.cli import app

    args = ["translate", str(SEED), "--to", "fr", "--engine", "pseudo", "--no-tm"]
    runner = CliRunner()
    result = runner.invoke(
        app, [*args, "--xliff-version", "2.0", "--format", "xliff", "--out", str(tmp_path / "a")]
    )
    assert result.exit_code == 0, result.output
    data = (tmp_path / "a" / f"{SEED.stem}.en-fr.xlf").read_bytes()
    assert etree.fromstring(data).get("version") == "2.0"
    assert len(read_xliff(io.BytesIO(data)).units) == 10
    bad = runner.invoke(app, [*args, "--xliff-version", "3", "--out", str(tmp_path / "b")])
    assert bad.exit_code == 2 and "polyglot writes no XLIFF 3" in bad.output
    assert not (tmp_path / "b").exists()
