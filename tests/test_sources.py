"""The seed-format reader: metadata, dateline, paragraphs, offsets, bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polyglot.errors import InputError
from polyglot.model import SegmentKind
from polyglot.sources import decode_article, read_article


def test_seed_metadata_and_segments(seed_path):
    doc = read_article(seed_path.read_text(encoding="utf-8"), name="seed")
    assert doc.date == dt.date(2017, 9, 11)
    assert doc.dateline == "ASTANA. KAZINFORM"
    assert len(doc.paragraphs) == 9
    segs = list(doc.segments())
    assert [s.id for s in segs[:3]] == ["p1s1", "p1s2", "p2s1"]
    assert segs[0].kind is SegmentKind.DATELINE and segs[0].source == "ASTANA. KAZINFORM"
    assert segs[1].source.startswith("Kazakh Defense and Aerospace Industry Minister")
    assert segs[1].kind is SegmentKind.SENTENCE
    assert "date" not in segs[0].source and "2017-09-11" not in segs[1].source
    assert doc.lead == segs[1].source


def test_offsets_point_into_the_text(seed_path):
    doc = read_article(seed_path.read_text(encoding="utf-8"))
    for seg in doc.segments():
        assert doc.text[seg.start : seg.end] == seg.source
    for para in doc.paragraphs:
        assert doc.paragraph_text(para) == doc.text[para.start : para.end]


def test_segment_ids_are_stable_when_a_later_paragraph_changes(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    before = {s.id: s.source for s in read_article(text).segments()}
    changed = text.replace("The sides discussed", "Both sides discussed")
    after = {s.id: s.source for s in read_article(changed).segments()}
    assert before.keys() == after.keys()
    assert [k for k in before if before[k] != after[k]] == ["p3s1"]


def test_no_header_no_dateline_no_trailing_newline():
    doc = read_article("First sentence. Second one.\n\n\n\nThird paragraph")
    assert doc.date is None and doc.dateline is None
    assert [s.source for s in doc.segments()] == [
        "First sentence.",
        "Second one.",
        "Third paragraph",
    ]
    assert [p.index for p in doc.paragraphs] == [1, 2]


def test_crlf_and_lone_cr_line_endings_are_paragraph_breaks():
    doc = read_article(" date 2020-01-02 One.\r\n\r\nTwo.\r\rThree.")
    assert [s.source for s in doc.segments()] == ["One.", "Two.", "Three."]


@pytest.mark.parametrize("encoding", [None, "utf-8", "UTF8", "utf_8"])
def test_bom_is_not_text(encoding):
    text = decode_article("\ufeff date 2020-01-02 Hello.".encode(), "a.txt", encoding)
    assert read_article(text).date == dt.date(2020, 1, 2)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\t\n ", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
)
def test_unreadable_input_is_a_clear_error(data, message):
    with pytest.raises(InputError, match=message) as info:
        decode_article(data, "in.txt")
    assert str(info.value).startswith("in.txt")
    assert info.value.hint


def test_windows_1251_is_detected_reported_with_its_line_and_can_be_named():
    data = "Line one.\n\nАстана — столица Казахстана.".encode("cp1251")
    with pytest.raises(InputError, match=r"in\.txt:3: not valid UTF-8 text") as info:
        decode_article(data, "in.txt")
    assert "looks like Windows-1251 (Cyrillic)" in str(info.value)
    assert "--encoding cp1251" in (info.value.hint or "")
    assert "Астана" in decode_article(data, "in.txt", encoding="cp1251")


def test_latin_1_text_is_detected():
    data = "Le ministre français a visité l'Élysée.".encode("cp1252")
    with pytest.raises(InputError, match="looks like Windows-1252") as info:
        decode_article(data, "fr.txt")
    assert "--encoding cp1252" in (info.value.hint or "")


def test_utf16_with_bom_is_read_not_called_binary():
    data = " date 2020-01-02 Астана.".encode("utf-16")
    assert read_article(decode_article(data, "u16.txt")).dateline is None
    assert "Астана." in decode_article(data, "u16.txt")


def test_encoded_surrogates_are_invalid_utf8():
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode_article(b"Text \xed\xa0\x80 here.", "s.txt")


def test_control_characters_are_removed_with_a_warning():
    doc = read_article("Bell\x07 here.\n\nEscape \x1b[31m and C1 \x85 too.", path="c.txt")
    assert [s.source for s in doc.segments()] == ["Bell here.", "Escape [31m and C1  too."]
    assert doc.warnings == ["c.txt: removed 3 control character(s), the first on line 1"]
    assert read_article("Tabs\tstay.").warnings == []


def test_impossible_date_header():
    with pytest.raises(InputError, match="not a real date"):
        read_article(" date 2017-02-30 Text.", path="a.txt")


def test_header_only():
    with pytest.raises(InputError, match="no text after its date header"):
        read_article(" date 2017-02-03  \n\n", path="a.txt")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_document_or_a_clear_error(data):
    try:
        doc = read_article(decode_article(data, "f.txt"), path="f.txt")
    except InputError as exc:
        assert str(exc).startswith("f.txt")
        return
    for seg in doc.segments():
        assert doc.text[seg.start : seg.end] == seg.source
        assert seg.source.strip() == seg.source and seg.source


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_segments_losslessly_or_fails_clearly(text):
    try:
        doc = read_article(text, path="t.txt")
    except InputError:
        return
    for para in doc.paragraphs:
        assert doc.paragraph_text(para) == doc.text[para.start : para.end]
