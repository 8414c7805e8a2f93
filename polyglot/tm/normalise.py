"""The translation memory's match key: a source sentence with its typing noise removed.

Two sources are an exact match when their keys are equal.  The key removes only
differences that never change how a sentence is translated:

* Unicode normalisation to NFC (a precomposed "é" and "e" + combining accent);
* invisible characters: soft hyphen, zero-width space/joiners, byte-order mark;
* typographic quotes and apostrophes folded to ASCII (’ ‘ ‚ ‛ ′ → ', “ ” „ ‟ ″ → "),
  since newsroom systems convert between them freely and the target's
  quotation style belongs to the target language, not to the source;
* every run of whitespace (spaces, tabs, newlines, no-break spaces) collapsed to
  one space, and none at the ends.

Case, digits, dashes and other punctuation are kept: they can change the
translation ("US" / "us", "1,000" / "1.000").  NFKC is not used because it
rewrites characters that carry meaning ("½" → "1⁄2", "²" → "2").
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_QUOTES = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u2033": '"',  # ″
    }
)
_SPACES = re.compile(r"\s+")


def normalise_source(text: str) -> str:
    """The match key of a source segment (see the module docstring for the rules)."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip()
