"""Wire-service datelines: ``ASTANA. KAZINFORM``, ``WASHINGTON (Reuters) -``,
``LONDON, Sept 11 (AP) —``, ``MOSCOW, September 11. /TASS/.``.

A dateline opens the first paragraph of a story; it is kept whole, as a segment
of its own, with its dash separator.  The grammar is written once, in regex
syntax that Python and Java read alike, for the engine and for the SRX export.
"""

from __future__ import annotations

import re

from polyglot.segment.chars import DATELINE_LOWER, DATELINE_UPPER, OPENER, WS

Span = tuple[int, int]

_U = f"[{DATELINE_UPPER}]"
_L = f"[{DATELINE_LOWER}]"
_UL = f"[{DATELINE_UPPER}{DATELINE_LOWER}]"
_MONTH_NAMES = """
    January February March April May June July August September October November December
    Sept Jan Feb Mar Apr Jun Jul Aug Sep Oct Nov Dec
    января февраля марта апреля мая июня июля августа сентября октября ноября декабря
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан
    """
_MONTHS = "|".join(_MONTH_NAMES.split())


def up_to(item: str, times: int) -> str:
    """``item`` repeated 0..times, as nested optional groups.

    Java accepts ``(?:a(?:a)?)?`` inside a lookbehind but not ``(?:a+){0,2}``, and
    SRX libraries put the before-break pattern in a lookbehind.
    """
    out = ""
    for _ in range(times):
        out = f"(?:{item}{out})?"
    return out


_CAPS_WORD = f"{_U}[{DATELINE_UPPER}'’\\-]+"
CITY_CAPS = _CAPS_WORD + up_to("[ ]" + _CAPS_WORD, 3)
CITY_TITLE = f"{_U}{_L}+" + up_to(f"[ \\-]{_U}{_L}+", 2)
REGION = f",[ ]{_U}[{DATELINE_UPPER}{DATELINE_LOWER}.'’\\-]*" + up_to(f"[ ]{_U}{_UL}*\\.?", 2)
DATE = f"(?:(?:{_MONTHS})\\.?[ ][0-9]{{1,2}}|[0-9]{{1,2}}[ ](?:{_MONTHS})\\.?)(?:,?[ ][0-9]{{4}})?"
_AGENCY_CHAR = f"[{DATELINE_UPPER}{DATELINE_LOWER}&.'’\\-]"
AGENCY_PAREN = f"\\({_UL}{_AGENCY_CHAR}*" + up_to(f"[ /]{_UL}{_AGENCY_CHAR}*", 3) + "\\)"
AGENCY_SLASH = f"/{_UL}[{DATELINE_UPPER}{DATELINE_LOWER}\\-]+/"
AGENCY_CAPS = f"{_U}{{3,}}(?:-{_U}{{2,}})?"
DASH = "(?:--?|–|—)"

_HEAD_CAPS = f"{CITY_CAPS}(?:{REGION})?(?:[,.][ ]{DATE})?"
_HEAD_TITLE = f"{CITY_TITLE}(?:{REGION})?(?:[,.][ ]{DATE})?"
_BY_PAREN = f"[ ]{AGENCY_PAREN}(?:[ ]?{DASH})?"
_BY_SLASH = f"\\.?[ ]{AGENCY_SLASH}\\.?(?:[ ]?{DASH})?"
_BY_CAPS = f"\\.[ ]{AGENCY_CAPS}(?:[ ]?{DASH})?"
_BY_DASH = f"[ ]?{DASH}"
#: What may follow a dateline: the story's first word (capitalised), or nothing.
_FOLLOWS = f"(?=[ \\t]+{OPENER}*[{DATELINE_UPPER}0-9]|[ \\t]*$)"

#: A dateline at the start of a text (``^``: start of the text in Python and Java).
DATELINE = (
    f"^{WS}*(?:{_HEAD_CAPS}(?:{_BY_PAREN}|{_BY_SLASH}|{_BY_CAPS}|{_BY_DASH})"
    f"|{_HEAD_TITLE}(?:{_BY_PAREN}|{_BY_SLASH})){_FOLLOWS}"
)
#: The part of a dateline before an inner full stop (``ASTANA`` in ``ASTANA. KAZINFORM``).
DATELINE_HEAD = f"(?:{_HEAD_CAPS}|{_HEAD_TITLE})"

_DATELINE_RE = re.compile(DATELINE)
_HEAD_DOT_RE = re.compile(WS + "*" + DATELINE_HEAD + "\\.")
#: Every character a dateline head may hold (cities, regions, dates in each language):
#: an inner stop lies within the run of them that opens the text.
_HEAD_RUN_RE = re.compile(f"{WS}*[{DATELINE_UPPER}{DATELINE_LOWER}0-9 ,.'’\\-]*")


def find_dateline(text: str) -> Span | None:
    """The span of a wire-service dateline at the start of ``text``, if any.

    The span runs from the first character that is not whitespace to the end of
    the agency name or of the dash that follows it, so the story's first
    sentence starts after it.
    """
    match = _DATELINE_RE.match(text)
    if match is None:
        return None
    start = match.start()
    while text[start].isspace():
        start += 1
    return start, match.end()


def inner_stop_limit(text: str) -> int:
    """A position no inner stop of a dateline lies after (``is_inner_stop`` is false
    beyond it), found once per text so that the stops after it are not tried."""
    match = _HEAD_RUN_RE.match(text)
    assert match is not None  # the pattern matches the empty string
    return match.end()


def is_inner_stop(text: str, pos: int) -> bool:
    """True when ``text[:pos]`` is a dateline's head with its full stop (``ASTANA.``)."""
    return _HEAD_DOT_RE.fullmatch(text, 0, pos) is not None
