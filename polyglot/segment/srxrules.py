"""The segmenter's rules as SRX 2.0 rules (Java regex syntax, as OmegaT and Okapi read it).

Each rule here is one decision of :class:`polyglot.segment.engine.Segmenter`, in
the same order; the first rule that matches at a position decides, as SRX says.
``tests/test_segment_srx.py`` runs these rules with a reference SRX interpreter,
with OmegaT's segmenter and with net.sourceforge.segment, and checks that they
break exactly where the engine does.

Patterns are written so that every SRX engine reads them alike: left context in
lookbehinds of bounded length, no repeated group of variable length (Java cannot
look behind it), and a before-break that ends only where whitespace follows, so
that engines which find() the before-break (OmegaT) pick the same alternative as
engines which look behind (net.sourceforge.segment).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from polyglot.segment import chars, engine
from polyglot.segment.datelines import DATELINE, DATELINE_HEAD
from polyglot.segment.rules import INFLECTED_MIN, LanguageRules

_T = chars.TERMINAL
_WS = chars.WS
_TS = chars.TOKEN_START
_ALNUM = "[\\p{L}\\p{N}]"
#: A full stop that directly follows a word (the token is not empty).
_WORD_END = chars.char_class(chars.TOKEN_STOPS + chars.TERMINALS, negate=True)
_ATTACHED_STOP = "(?<=" + _WORD_END + ")\\."
#: A full stop followed by whitespace (the lookahead lets find()-style matchers backtrack).
_STOP_WS = "\\.(?=" + _WS + ")"
# The closing part, then whitespace or the end: a find()-style matcher (OmegaT,
# net.sourceforge.segment) then takes the same closing quotes as the engine.
_CLOSE_WS = chars.CLOSE + "(?!" + chars.NOT_WS + ")"
_CANDIDATE = "(?<!" + _T + ")" + _T + "+" + _CLOSE_WS
#: A candidate that can end a quotation: closing quotes or brackets, or not a bare full stop.
_QUOTATION_END = (
    "(?<!"
    + _T
    + ")(?:(?:"
    + _T
    + "{2,}|(?!\\.)"
    + _T
    + ")"
    + chars.CLOSE
    + "|"
    + _T
    + "+(?:"
    + chars.SPACED_CLOSE
    + chars.CLOSER
    + "{0,4}|"
    + chars.CLOSER
    + "{1,4}))(?!"
    + chars.NOT_WS
    + ")"
)


@dataclass(frozen=True)
class SrxRule:
    """One SRX ``<rule>``: break or not between text matching ``before`` and ``after``."""

    name: str
    is_break: bool
    before: str
    after: str


def _not_a_word_of(words: frozenset[str]) -> str:
    """A lookahead: what follows is not one of ``words`` as a whole word ("" for none)."""
    return "(?!" + engine.alternation(words) + "(?!" + _ALNUM + "))" if words else ""


def _lookbehind_window(pattern: str) -> str:
    return "(?<=" + pattern + f"[^\\n]{{0,{engine.SEQUENCE_WINDOW}}})"


def _sequences(item: Callable[[str], str]) -> str:
    """Regex: at an inline list item (``2.`` after ``1.``), one alternative per marker.

    Markers are grouped by the list's first item, whose lookbehind is written once;
    ``item(marker)`` is what must follow for that marker.
    """
    by_first: dict[str, list[str]] = {}
    for marker, (_, first) in engine.sequence_items().items():
        by_first.setdefault(first, []).append(marker)
    groups = []
    for first, markers in by_first.items():
        alternatives = [
            _lookbehind_window(_TS + re.escape(engine.sequence_items()[m][0]) + engine.MARKER_END)
            + item(m)
            for m in markers
        ]
        groups.append(
            _lookbehind_window(engine.item_start(re.escape(first)))
            + "(?:"
            + "|".join(alternatives)
            + ")"
        )
    return "(?<=[ \\t])(?:" + "|".join(groups) + ")"


def _lowercase_after_word(rules: LanguageRules) -> list[SrxRule]:
    """Rules word-before-lowercase and question-before-lowercase (engine._scan_terminals)."""
    out = []
    lower_next = _WS + "++\\p{Ll}"
    if rules.lower_after_word:
        plain = rules.plain_word_forms()
        known = [engine.alternation(plain)] if plain else []
        if rules.inflections and rules.vowels:
            # INFLECTED_MIN to WORD_MAX - 1 small letters, a vowel before the ending.
            known.append(
                f"(?=\\p{{Ll}}{{{INFLECTED_MIN},{engine.WORD_MAX - 1}}}\\.)"
                + f"\\p{{Ll}}*[{rules.vowels}]\\p{{Ll}}*"
                + engine.alternation(rules.inflections)
            )
        if rules.name_min:
            known.append(f"\\p{{Lu}}\\p{{Ll}}{{{rules.name_min - 1},{engine.WORD_MAX - 2}}}")
        if known:
            word = "(?:" + "|".join(known) + ")"
            if rules.joiners:
                # Words after a joiner: the part before it letters and joiners only.
                join = chars.char_class(rules.joiners)
                letters_join = "[\\p{L}" + join[1:-1] + "]"
                word = f"(?:{letters_join}{{0,{engine.JOINED_PREFIX_MAX - 1}}}{join})?" + word
            before = _TS + word
            if rules.closed_stop:
                before = (
                    "(?:"
                    + before
                    + "|(?<=[\\p{L}\\p{N}])"
                    + chars.char_class(engine.CLOSED_STOP_CLOSERS)
                    + ")"
                )
            out.append(SrxRule("word-before-lowercase", True, before + "\\.", lower_next))
    if rules.question_lower:
        continuers = _not_a_word_of(rules.continuers)
        out.append(
            SrxRule(
                "question-before-lowercase",
                True,
                _TS + f"\\p{{Ll}}{{0,{engine.WORD_MAX - 1}}}" + engine.QUESTION_RUN,
                _WS + "++" + continuers + "\\p{Ll}",
            )
        )
    return out


def build_rules(rules: LanguageRules) -> list[SrxRule]:
    """The ordered SRX rules that reproduce the engine for ``rules``' language."""
    ws_after = _WS
    head = DATELINE_HEAD
    never = rules.never_forms()
    numeric = rules.numeric_forms()
    conditional = rules.conditional_forms()
    initials = "(?:\\p{Lu}\\.)*\\p{Lu}|\\p{Lu}\\.-\\p{Lu}|(?:\\p{Ll}\\.)+\\p{Ll}"
    abbreviations = never | conditional
    not_after_abbreviation = (
        "(?<!" + _TS + engine.alternation(abbreviations) + "\\.[ \\t]{1,8})"
        if abbreviations
        else ""
    )
    cond_alt = engine.alternation(conditional)[3:-1] + "|" + initials if conditional else initials
    starters = engine.alternation(rules.starters) if rules.starters else None
    not_starter = (
        "(?!" + _WS + "++" + chars.OPENER + "*+" + starters + "(?!" + _ALNUM + "))"
        if starters
        else ""
    )
    out = [
        SrxRule("dateline-end", True, DATELINE, ws_after),
        SrxRule(
            "spaced-guillemet",
            False,
            "(?<!" + _T + ")" + _T + "+",
            chars.SPACED_CLOSE + chars.CLOSER + "{0,4}(?!" + chars.NOT_WS + ")",
        ),
        SrxRule(
            "dateline-inner",
            False,
            "^(?=" + DATELINE[1:] + ")" + _WS + "*" + head + "\\.(?=" + _WS + ")",
            ws_after,
        ),
        SrxRule(
            "ellipsis-elision",
            False,
            "[\\[(](?:\\.\\.\\.|\\u2026)(?=[\\])])" + _CLOSE_WS,
            ws_after,
        ),
        SrxRule("spaced-ellipsis-inside", False, _TS + "\\.", " \\."),
        SrxRule(
            "spaced-ellipsis-short",
            False,
            "(?<!" + _TS + "\\. )" + _TS + "\\.(?: \\.){1,2}" + _CLOSE_WS,
            ws_after,
        ),
        SrxRule(
            "spaced-ellipsis-after-sentence",
            True,
            _ATTACHED_STOP,
            "(?: \\.(?!" + _T + "))++" + _WS + "++[^\\p{Ll}" + _WS[1:-1] + "]",
        ),
        SrxRule("spaced-ellipsis-attached", False, _ATTACHED_STOP, " \\."),
    ]
    marker = "(?:[0-9]{1,3}|\\p{L}|" + engine.SECTION + ")\\.\\)?"
    markers = [
        "(?<=(?<![^\\n])"
        + engine.LINE_START_PREFIX
        + ")"
        + _TS
        + "(?:[0-9]{1,3}|\\p{L}|[ivxIVX]{1,4}|"
        + engine.SECTION
        + ")\\.\\)?",
        "(?<=" + engine.AFTER_BULLET + ")" + _TS + marker,
        "(?<=" + engine.AFTER_TERMINAL + ")" + not_after_abbreviation + _TS + marker,
        _TS + "[0-9]{1,3}\\.\\)",
    ]
    markers.append(_sequences(lambda m: re.escape(m) + "\\.\\)?"))
    # "(?=WS)": a find()-style matcher (OmegaT) then backtracks from "1." to "1.)".
    before_ws = "(?=" + _WS + ")"
    out.append(SrxRule("list-marker", False, "(?:" + "|".join(markers) + ")" + before_ws, ws_after))
    out.append(SrxRule("bracket-letter", False, "(?<=\\()\\p{Ll}" + _STOP_WS, ws_after))
    if rules.times and rules.time_openers:
        time = _TS + engine.alternation(rules.times) + "\\."
        out.append(
            SrxRule("time-opening", False, "(?<=" + engine.time_opening(rules) + ")" + time, _WS)
        )
        followers = _not_a_word_of(rules.time_followers)
        out.append(
            SrxRule(
                "time-before-capital",
                True,
                time,
                _WS + "++" + chars.OPENER + "*+" + followers + "\\p{Lu}",
            )
        )
    final = rules.final_forms()
    if final:
        out.append(
            SrxRule(
                "abbreviation-final",
                True,
                _TS + engine.alternation(final) + _STOP_WS,
                _WS + "++" + chars.OPENER + "*+\\p{Lu}",
            )
        )
    if never:
        out.append(
            SrxRule(
                "abbreviation-never", False, _TS + engine.alternation(never) + _STOP_WS, ws_after
            )
        )
    if numeric:
        out.append(
            SrxRule(
                "abbreviation-numeric",
                False,
                _TS + engine.alternation(numeric) + _STOP_WS,
                _WS + "++" + chars.OPENER + "*+\\p{Nd}",
            )
        )
    out += [
        SrxRule(
            "abbreviation-conditional",
            False,
            _TS + "(?:" + cond_alt + ")" + _STOP_WS,
            not_starter + _WS,
        ),
        *(
            [
                SrxRule(
                    "speech-attribution",
                    False,
                    _CANDIDATE + "(?<=" + chars.char_class(ends) + ")",
                    engine.attribution(rules, quoted),
                )
                for ends, quoted in ((engine.QUOTED_ENDS, True), (engine.ASKED_ENDS, False))
            ]
            if rules.speech_verbs
            else []
        ),
        SrxRule("citation-next", False, _CANDIDATE, engine.SPACED_CITATION),
        SrxRule("url-next", True, _CANDIDATE, engine.URL_NEXT),
        SrxRule("enumerator-next", True, _CANDIDATE, _WS + "++" + engine.ENUMERATOR),
        SrxRule(
            "dash-attribution",
            False,
            _QUOTATION_END,
            _WS + "++" + engine.DASH + _WS + "++\\p{Ll}",
        ),
        SrxRule(
            "punctuation-next",
            False,
            _CANDIDATE,
            _WS + "++" + chars.OPENER + "*+" + chars.NO_START_CLASS,
        ),
        *_lowercase_after_word(rules),
        *(
            [
                SrxRule(
                    "lowercase-starter",
                    True,
                    "(?<!" + _T + ")(?:\\.|" + engine.QUESTION_RUN + ")",
                    _WS + "++" + engine.alternation(rules.lower_starters) + "(?!" + _ALNUM + ")",
                )
            ]
            if rules.lower_starters
            else []
        ),
        SrxRule("lowercase-next", False, _CANDIDATE, _WS + "++" + chars.OPENER + "*+\\p{Ll}"),
        SrxRule("terminal", True, _CANDIDATE, _WS),
        SrxRule("paragraph-break", True, "\\n", "[ \\t]*\\n"),
        SrxRule(
            "list-line",
            True,
            "\\n",
            "(?:" + engine.LIST_LINE + "|" + engine.LETTER_LINE.format(letter="\\p{L}") + ")",
        ),
        SrxRule(
            "heading",
            True,
            f"(?<![^\\n])[^\\n]{{0,{engine.HEADING_MAX - 1}}}(?:{_ALNUM}|[\"”’')\\]])[ \\t]*\\n",
            "[ \\t]*" + chars.OPENER + "*+[\\p{Lu}\\p{Nd}]",
        ),
        SrxRule("inline-bullet", True, "[ \\t]", chars.BULLET),
    ]
    # Stops with no space after them (the engine's _scan_glued).
    word = _TS + "[\\p{L}'’\\-]{1," + str(engine.WORD_MAX - 1) + "}\\p{Ll}"
    abbreviation = _TS + engine.alternation(abbreviations) if abbreviations else None
    if abbreviation:
        out.append(
            SrxRule("glued-abbreviation", False, abbreviation + engine.GLUED_STOP, "\\p{Lu}")
        )
    capital_next = (
        _WS + "++" + chars.OPENER + "*+[^\\p{Ll}" + _WS[1:-1] + chars.NO_START_CLASS[1:-1] + "]"
    )
    out += [
        SrxRule(
            "glued-stop",
            True,
            word + engine.GLUED_STOP,
            "(?!"
            + engine.alternation(engine.DOMAIN_ENDS)
            + "(?!\\p{Ll}))\\p{Lu}\\p{Ll}*+(?![\\p{Lu}\\p{N}_@/]|[.\\-][\\p{L}\\p{N}]|"
            + engine.GLUED_AGAIN
            + "\\p{L})",
        ),
        *(
            [
                SrxRule(
                    "glued-question",
                    True,
                    _TS + f"\\p{{Ll}}{{2,{engine.WORD_MAX - 1}}}" + engine.QUESTION_RUN,
                    "\\p{Ll}++(?!" + chars.char_class(engine.GLUED_WORD_END, negate=True) + ")",
                )
            ]
            if rules.question_lower
            else []
        ),
        SrxRule(
            "citation",
            True,
            engine.CITATION,
            "(?!" + engine.MORE_CITATION + ")" + capital_next,
        ),
        SrxRule(
            "citation-spaced",
            True,
            _T + chars.CLOSE + engine.SPACED_CITATION,
            "(?!" + engine.MORE_CITATION + ")" + capital_next,
        ),
    ]
    if abbreviation:
        out.append(SrxRule("footnote-abbreviation", False, abbreviation + "\\.[0-9]{1,3}", _WS))
    out += [
        SrxRule(
            "footnote",
            True,
            word + "\\.[0-9]{1,3}",
            _WS + "++" + chars.OPENER + "*+\\p{Lu}",
        ),
        SrxRule(
            "wide-terminal",
            True,
            chars.WIDE_TERMINAL + chars.CLOSER + "{0,4}",
            "[^" + chars.char_class(engine.WIDE_NOT_BEFORE)[1:-1] + "\\p{Nd}]",
        ),
    ]
    marker_then_text = "(?:\\.\\)?|\\))[ \\t]++[^\\p{Ll}" + _WS[1:-1] + "]"
    out.append(
        SrxRule(
            "inline-item",
            True,
            _sequences(lambda m: "(?=" + re.escape(m) + marker_then_text + ")"),
            "",
        )
    )
    return out
