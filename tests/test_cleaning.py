"""The one definition of control characters, used by every reader and writer."""

from __future__ import annotations

import re

from polyglot.cleaning import (
    CONTROL_CHARS,
    DISCOURAGED_CHARS,
    find_controls,
    render_codes,
    strip_controls,
)

# XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
XML_CHAR = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def test_control_chars_are_exactly_what_xml_forbids_plus_del_and_c1():
    for code in range(0x110000):
        char = chr(code)
        forbidden = XML_CHAR.fullmatch(char) is None
        discouraged = 0x7F <= code <= 0x9F
        assert bool(CONTROL_CHARS.fullmatch(char)) == (forbidden or discouraged), hex(code)
        assert bool(DISCOURAGED_CHARS.fullmatch(char)) == discouraged, hex(code)


def test_find_strip_and_render():
    text = "a\tb\x07c\n\x85d\r\ufffe"
    assert find_controls(text) == ["\x07", "\x85", "\ufffe"]
    assert strip_controls(text) == "a\tbc\nd\r"
    assert render_codes(["\x85", "\x07", "\x85"]) == "U+0007, U+0085"
