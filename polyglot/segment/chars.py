"""Character classes shared by the segmenter and its SRX export.

Each class is defined once, as a string of characters, and rendered into both
regex flavours from here: Python's :mod:`re` (the fast engine) and Java's
(SRX 2.0 files, as OmegaT and Okapi read them).  Keeping one definition is what
lets a CAT tool segment exactly like polyglot.
"""

from __future__ import annotations

#: Full-width and ideographic final punctuation: ends a sentence even with no space after it.
WIDE_TERMINALS = "。．！？｡"
#: Sentence-final punctuation.
TERMINALS = ".?!…‽" + WIDE_TERMINALS
#: Characters that may follow the final punctuation: closing quotes and brackets.
CLOSERS = "\"'”’»)]}›」』）］〕】"
#: Characters that may open a sentence or a quotation.
OPENERS = "\"'“‘«„‚([{¿¡‹「『（［〔【"
#: Characters that never start a sentence: a stop before them is inside one (``:)``, ``, 2000``).
NO_START = ",;:)]}"
#: Bullets that start a list item, even in the middle of a line.
BULLETS = "•⁃‣◦▪"
#: Whitespace, exactly as Python's ``str.isspace`` (and ``re``'s ``\s``) sees it.
#: Spelt out: scanning every code point for it took ~50 ms at each start
#: (tests/test_segment.py checks it against ``str.isspace``).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: Characters that end a token: what precedes an abbreviation or list marker.
TOKEN_STOPS = WHITESPACE + OPENERS + BULLETS

# Uppercase and lowercase letters allowed in datelines (Latin, Cyrillic, Kazakh).
DATELINE_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁІҚҒҢӨҰҮҺӘ"
DATELINE_LOWER = "a-zß-öø-ÿа-яёіқғңөұүһә"


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch.isalnum() and code < 128:
        return ch
    if 32 < code < 127:
        return "\\" + ch
    if code <= 0xFFFF:
        return f"\\u{code:04X}"
    return f"\\x{{{code:X}}}"


def char_class(chars: str, negate: bool = False) -> str:
    """A regex character class for ``chars``, valid in Python and Java alike.

    Runs of consecutive code points become ranges; everything that is not an
    ASCII letter or digit is escaped, so the class reads the same in both.
    """
    codes = sorted({ord(c) for c in chars})
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        first, last = chr(codes[i]), chr(codes[j])
        if j - i >= 2:
            parts.append(f"{_escape(first)}-{_escape(last)}")
        else:
            parts.extend(_escape(chr(c)) for c in codes[i : j + 1])
        i = j + 1
    return "[" + ("^" if negate else "") + "".join(parts) + "]"


WS = char_class(WHITESPACE)
NOT_WS = char_class(WHITESPACE, negate=True)
TERMINAL = char_class(TERMINALS)
CLOSER = char_class(CLOSERS)
WIDE_TERMINAL = char_class(WIDE_TERMINALS)
NO_START_CLASS = char_class(NO_START)
OPENER = char_class(OPENERS)
BULLET = char_class(BULLETS)
#: "Not preceded by a token character": at a token's start.
TOKEN_START = "(?<!" + char_class(TOKEN_STOPS, negate=True) + ")"
#: A closing quotation mark set off by a space (French typography): a guillemet, or a
#: straight double quote with whitespace or the end after it (``bête ! " Les``; glued
#: to the next word, ``! "Les``, it opens a quotation).
SPACED_CLOSE = '(?:[ \\u00A0\\u202F]{0,3}[»›]|[ \\u00A0\\u202F]"(?!' + NOT_WS + "))"
#: The closing part after final punctuation: a spaced closing quote, then quotes and brackets.
CLOSE = SPACED_CLOSE + "?" + CLOSER + "{0,4}"
