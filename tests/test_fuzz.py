"""Fuzzing the parsers of other people's files: no crash, only clear errors.

The article reader and the segmenter have their own property tests
(test_sources.py, test_segment.py); TMX write→read round trips are in test_tmx.py.
"""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polyglot.errors import PolyglotError
from polyglot.formats.tmx import read_tmx
from polyglot.glossary.csvfile import lint_glossary, read_glossary

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_CSV_CELLS = st.text(alphabet=st.sampled_from(list('en,kk;ru\tfr"\n\r #Астанаé\ufeff\x00 ')))


@FUZZ
@given(st.one_of(st.binary(max_size=300), _CSV_CELLS.map(lambda t: t.encode("utf-8"))))
def test_glossary_bytes_load_or_fail_clearly(data):
    try:
        read_glossary(io.BytesIO(data), "g.csv")
    except PolyglotError as exc:
        assert "g.csv" in str(exc)
    try:
        problems = lint_glossary(io.BytesIO(data), "g.csv")
    except PolyglotError as exc:  # not a text file at all
        assert str(exc).startswith("g.csv")
        return
    assert all(p.path == "g.csv" for p in problems)


_TMX_PIECES = st.sampled_from(
    [
        '<?xml version="1.0"?>',
        '<!DOCTYPE tmx [<!ENTITY a "aaaa">]>',
        '<tmx version="1.4">',
        '<header srclang="en" creationtool="x" creationtoolversion="1" segtype="sentence" '
        'o-tmf="x" adminlang="en" datatype="plaintext"/>',
        "<body>",
        '<tu tuid="1">',
        '<tuv xml:lang="en"><seg>Astana &amp; <bpt i="1">&lt;b&gt;</bpt>x</seg></tuv>',
        '<tuv lang="KK-kz"><seg>Астана</seg></tuv>',
        "<tuv><seg/></tuv>",
        "&a;",
        "</tu>",
        "</body>",
        "</tmx>",
        "<x:tmx xmlns:x='urn:x'>",
        "\x00",
        "]]>",
    ]
)


@FUZZ
@given(st.one_of(st.binary(max_size=300), st.lists(_TMX_PIECES, max_size=12).map("".join)))
def test_tmx_bytes_read_or_fail_clearly(data):
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    try:
        tmx = read_tmx(io.BytesIO(raw), path="f.tmx")
    except PolyglotError as exc:
        assert "f.tmx" in str(exc)
        return
    for unit in tmx.units:
        assert all(isinstance(text, str) for text in unit.variants.values())
