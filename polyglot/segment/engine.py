"""The fast segmenter: one scan for sentence-final punctuation, one for line-level cues.

Every decision is one of the rules listed in :mod:`polyglot.segment.srxrules`,
taken in the same order, so that the SRX export segments exactly like this code.
The scans are compiled regexes that cannot backtrack more than a bounded amount;
the work per candidate is a few dictionary lookups, so time grows linearly with
the text.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from polyglot.segment import chars
from polyglot.segment.datelines import find_dateline, inner_stop_limit, is_inner_stop
from polyglot.segment.rules import INFLECTED_MIN, LanguageRules

Span = tuple[int, int]

#: A list marker counts as the next item only this close to the previous one.
SEQUENCE_WINDOW = 500
#: Inline numbered and lettered lists are recognised up to these items.
MAX_NUMBER_ITEM = 20
LETTER_ITEMS = "abcdefghijkl"
#: A line shorter than this, with no final punctuation, is a heading.
HEADING_MAX = 60

_STOPS = frozenset(chars.TOKEN_STOPS)
_TERMINALS = frozenset(chars.TERMINALS)

# A whole run of final punctuation (the lookbehind, placed after the first
# character, keeps the fast first-character search and rejects mid-run starts),
# its closing quotes, then whitespace.
_TERMINAL_RE = re.compile(
    "("
    + chars.TERMINAL
    + "(?<!"
    + chars.TERMINAL
    + ".)"
    + chars.TERMINAL
    + "*+)("
    + chars.CLOSE
    + ")(?=\\s|\\Z)",
    re.S,
)
_NEXT_RE = re.compile("\\s*+(" + chars.OPENER + "*+)([^\\W_]*)")
_TOKEN_REV_RE = re.compile(chars.char_class(chars.TOKEN_STOPS, negate=True) + "*+")
_BULLET_RE = re.compile(chars.BULLET)
_SPACES_RE = re.compile("[ \\t]++")

# Shared with srxrules: the same text is a Python and a Java regex.
LINE_START_PREFIX = "[ \\t]{0,8}(?:" + chars.BULLET + "[ \\t]{0,8}|[\\-\\*][ \\t]{1,8})?"
AFTER_BULLET = chars.BULLET + "[ \\t]{0,8}"
AFTER_TERMINAL = chars.TERMINAL + chars.CLOSE + "[ \\t]{1,8}"
#: A section number at a line's start (up to four characters): "2.1.", "12.3.".
SECTION = "(?:[0-9]\\.[0-9]{1,2}|[0-9]{2}\\.[0-9])"
LIST_LINE = (
    "[ \\t]*(?:[\\-\\*–—]|" + chars.BULLET + ")[ \\t]"
    "|[ \\t]*[0-9]{1,3}[.)]\\)?[ \\t]"
    "|[ \\t]*" + SECTION + "\\.[ \\t]"
    "|[ \\t]*\\([0-9A-Za-z]{1,3}\\)[ \\t]"
)
HEADING_LINE = f"[^\\n]{{0,{HEADING_MAX - 1}}}(?:[^\\W_]|[\"”’')\\]])[ \\t]*\\n"

_LINE_START_RE = re.compile(LINE_START_PREFIX)
_AFTER_BULLET_RE = re.compile(AFTER_BULLET + "\\Z")
_AFTER_TERMINAL_RE = re.compile(AFTER_TERMINAL + "\\Z")
#: A line opening with a lettered or roman-numbered item: "a) ", "b.) ", "ii) ", "IV. ".
LETTER_LINE = "[ \\t]*(?:[ivxIVX]{{1,4}}|{letter})(?:\\.\\)?|\\))[ \\t]"
_HEADING_RE = re.compile(HEADING_LINE)
_HEADING_NEXT_RE = re.compile("[ \\t]*" + chars.OPENER + "*+(.)", re.S)
#: Roman numerals as list markers (up to four of them: ``iv``, ``XII``).
_ROMAN_DIGITS = "ivxIVX"
_SECTION_RE = re.compile(SECTION)
#: How a list marker of two characters or more starts (a number or a roman numeral).
_MARKER_FIRST = frozenset("0123456789" + _ROMAN_DIGITS)
#: The end of a list marker: "1." "1.)" "1)" and a space.
MARKER_END = "(?:\\.\\)?|\\))[ \\t]"


def item_start(first: str) -> str:
    """Regex: the first item of a list (``1.``, ``a)``) where a list can start."""
    contexts = (
        "(?<![^\\n])" + LINE_START_PREFIX,
        AFTER_BULLET,
        AFTER_TERMINAL,
    )
    return "(?:" + "|".join(contexts) + ")" + first + MARKER_END


def sequence_items() -> dict[str, tuple[str, str]]:
    """For each inline list marker: (the previous marker, the list's first marker)."""
    items: dict[str, tuple[str, str]] = {}
    for n in range(2, MAX_NUMBER_ITEM + 1):
        items[str(n)] = (str(n - 1), "1")
    for prev, cur in itertools.pairwise(LETTER_ITEMS):
        items[cur] = (prev, "a")
    return items


_SEQUENCE = {
    marker: (
        re.compile(chars.TOKEN_START + re.escape(prev) + MARKER_END),
        re.compile(item_start(re.escape(first))),
    )
    for marker, (prev, first) in sequence_items().items()
}


def _end(match: re.Match[str] | None) -> int:
    """The end of a match of a pattern that matches the empty string."""
    assert match is not None
    return match.end()


def _line_start(text: str, lo: int, pos: int) -> int:
    """Start of the line holding ``pos`` if it is at or after ``lo``, else -1."""
    nl = text.rfind("\n", lo, pos)
    if nl >= 0:
        return nl + 1
    return 0 if lo == 0 else -1


def _category(ch: str) -> str:
    return unicodedata.category(ch) if ch else ""


def alternation(forms: frozenset[str]) -> str:
    """A regex group matching any of ``forms`` (longest first, so find() prefers whole words)."""
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    return "(?:" + "|".join(re.escape(f) for f in ordered) + ")"


def time_opening(rules: LanguageRules) -> str:
    """Regex: a sentence that opens with a time, up to the time's abbreviation (``At 5 ``)."""
    return (
        "(?:(?<![\\s\\S])|"
        + chars.TERMINAL
        + chars.CLOSE
        + "[ \\t]{1,8}|\\n[ \\t]{0,8})"
        + alternation(rules.time_openers)
        + "[ ][0-9]{1,2}(?:[:.][0-9]{2})?[ ]"
    )


#: What a quotation ends with, right before the whitespace, for rule speech-attribution:
#: a closing quote; and what a question or exclamation ends with, without a quote.
QUOTED_ENDS = "\"'”’»›"
ASKED_ENDS = "?!‽…"


def attribution(rules: LanguageRules, quoted: bool = True) -> str:
    """Regex (Python and Java alike): whitespace, a speaker and a speech verb, in either
    order, that close the clause (``' Anna asked.'``, ``' I said,'``, ``' Tom Hale told
    them.'``, ``' thought Anna.'``). Not ``quoted`` (after a question or exclamation
    without a quote), only a dialogue tag, which starts in lower case (``' he asked.'``,
    ``' wondered Petra.'``): a capital, ``I`` too, opens a new sentence (``What happened?
    He told them.``)."""
    name = f"[{chars.DATELINE_UPPER}][{chars.DATELINE_LOWER}]++"
    pronouns = rules.speech_subjects | {p[:1].upper() + p[1:] for p in rules.speech_subjects}
    speaker = (alternation(pronouns) + "|" if pronouns else "") + f"{name}(?: {name})?"
    lower = frozenset(p for p in rules.speech_subjects if p[:1].islower())
    subject = speaker if quoted else alternation(lower) if lower else "(?!)"
    verb = alternation(rules.speech_verbs)
    objects = f"(?: {alternation(rules.speech_objects)})?" if rules.speech_objects else ""
    # Not a colon, nor a comma before a quotation: those open the next one ('"We won." He
    # added: "We have the votes."').
    return (
        f"{chars.WS}++(?:(?:{subject}) {verb}{objects}|{verb} (?:{speaker}))"
        + "(?:[.;!?]|,(?![ \\t]*+[\"“‘'«]))"
    )


def _is_initials(token: str) -> bool:
    """``J``, ``U.S``, ``J.R.R``, ``J.-B`` (capitals) or ``a.m``, ``p.m`` (small letters)."""
    if len(token) == 4 and token[1:3] == ".-":
        return unicodedata.category(token[0]) == unicodedata.category(token[3]) == "Lu"
    parts = token.split(".")
    if not all(len(p) == 1 for p in parts):
        return False
    cats = {unicodedata.category(p) for p in parts}
    return cats == {"Lu"} or (cats == {"Ll"} and len(parts) > 1)


class Segmenter:
    """Sentence segmentation for one language.

    Build one with :func:`polyglot.segment.segmenter_for`; it is immutable and
    may be shared between threads.
    """

    def __init__(self, rules: LanguageRules) -> None:
        self.rules = rules
        self._never = rules.never_forms()
        self._numeric = rules.numeric_forms()
        self._conditional = rules.conditional_forms()
        self._final = rules.final_forms()
        #: Every form a rule of _decide_period looks up.
        self._period_forms = (
            self._never | self._numeric | self._conditional | self._final | rules.times
        )
        self._abbreviations = self._never | self._conditional
        self._times = rules.times if rules.time_openers else frozenset()
        self._time_followers = rules.time_followers
        self._time_opening = re.compile(time_opening(rules) + "\\Z") if self._times else None
        self._starters = rules.starters
        self._lower_starters = rules.lower_starters
        self._lower_after_word = rules.lower_after_word
        self._question_lower = rules.question_lower
        self._continuers = rules.continuers
        self._plain_words = rules.plain_word_forms()
        self._joiners = rules.joiners
        self._name_min = rules.name_min
        self._closed_stop = rules.closed_stop
        self._inflections = tuple(sorted(rules.inflections))
        self._vowels = rules.vowels
        self._attribution = re.compile(attribution(rules)) if rules.speech_verbs else None
        self._asked_attribution = (
            re.compile(attribution(rules, quoted=False)) if rules.speech_verbs else None
        )

    def split(self, text: str) -> list[Span]:
        """Sentence spans of ``text``, trimmed of whitespace, in order."""
        spans: list[Span] = []
        start = 0
        n = len(text)
        for pos in [*self.breaks(text), n]:
            piece = text[start:pos]
            stripped = piece.lstrip()
            if stripped:
                s = pos - len(stripped)
                spans.append((s, s + len(stripped.rstrip())))
            start = pos
        return spans

    def breaks(self, text: str) -> list[int]:
        """Positions where a segment ends, sorted (whitespace around them is not trimmed)."""
        found: set[int] = set()
        dateline = find_dateline(text)
        if dateline is not None and dateline[1] < len(text) and text[dateline[1]].isspace():
            found.add(dateline[1])
        # Rule dateline-inner: only stops within the dateline head's run are tried.
        self._scan_terminals(text, found, -1 if dateline is None else inner_stop_limit(text))
        self._scan_glued(text, found)
        self._scan_lines(text, found)
        found.discard(0)
        found.discard(len(text))
        return sorted(found)

    def _scan_terminals(self, text: str, found: set[int], inner_limit: int) -> None:
        """Rules at final punctuation followed by whitespace; ``inner_limit``: -1 without
        a dateline, else the position no inner stop of the dateline lies after."""
        n = len(text)
        rev = text[::-1]
        category = unicodedata.category
        next_match = _NEXT_RE.match
        token_match = _TOKEN_REV_RE.match
        for m in _TERMINAL_RE.finditer(text):
            s, e = m.span()
            if e == n:
                continue
            run, close = m.groups()
            if run == ".":
                tok_match = token_match(rev, n - s)
                assert tok_match is not None  # the pattern matches the empty string
                tok_start = n - tok_match.end()
                token = text[tok_start:s]
                if token in _SEQUENCE and self._in_sequence(text, tok_start, token):
                    self._maybe_break_before_item(text, tok_start, s + 1, found)
            if inner_limit >= 0 and (e in found or (e <= inner_limit and is_inner_stop(text, e))):
                continue  # rules dateline-end, dateline-inner
            nm = next_match(text, e)
            assert nm is not None  # the pattern matches the empty string
            at = nm.start(2)
            nxt = text[at] if at < n else ""
            word = nm.group(2)
            if run == "." and (
                # Fast path: a word of two letters or more that no list names, no list
                # marker, no spaced ellipsis: no rule of _decide_period applies.
                len(token) < 2
                or token[1] == "."
                or token in self._period_forms
                or (len(token) <= 4 and token[0] in _MARKER_FIRST)
                or text.startswith(" .", e)
            ):
                decision = self._decide_period(text, s, e, tok_start, token, close, nxt, word)
                if decision is not None:
                    if decision:
                        found.add(e)
                    continue
            elif (
                (run == "..." or run == "\u2026")
                and s > 0
                and text[s - 1] in "[("
                and close[:1] in ("]", ")")
            ):
                continue  # rule ellipsis-elision: "[...]" or "(…)"
            if (
                self._attribution is not None
                and text[e - 1] in QUOTED_ENDS
                and self._attribution.match(text, e)
            ):
                continue  # rule speech-attribution: '"Is it far?" Anna asked.'
            if (
                self._asked_attribution is not None
                and text[e - 1] in ASKED_ENDS
                and self._asked_attribution.match(text, e)
            ):
                continue  # rule speech-attribution: 'Is it far? he asked.'
            if nxt and text[at - 1] in _WHITESPACE and category(nxt) == "Lu":
                # A capital after whitespace alone: none of the rules below holds it back.
                found.add(e)  # rule terminal
                continue
            if text[at - 1] == "[" and _SPACED_CITATION_RE.match(text, e):
                continue  # rule citation-next: "in 2019. [4] The" (it breaks after "[4]")
            if word[:1] in ("h", "w") and _URL_NEXT_RE.match(text, e):
                found.add(e)  # rule url-next: "Well worth a visit. http://example.org"
                continue
            if at > e and text[at - 1] in "([" and _ENUMERATOR_RE.match(text, e):
                found.add(e)  # rule enumerator-next: "here. (vii) And the Romans"
                continue
            if nxt in _DASHES and (close or run != "."):
                # After a bare full stop a dash opens a list item or the next sentence.
                dm = _DASH_LOWER_RE.match(text, e)
                if dm is not None and category(dm.group(1)) == "Ll":
                    continue  # rule dash-attribution: «Мы готовы!» — заявил он.
            if nxt in _NO_START:
                continue  # rule punctuation-next: "Loved it. :)", "affiliates. , 2000"
            if (
                not close
                and text[at - 1].isspace()
                and _category(nxt) == "Ll"
                and (
                    (
                        run == "."
                        and self._lower_after_word
                        and self._is_word_before_stop(text, s, token)
                    )
                    or (
                        self._question_lower
                        and _QUESTION_RUN_RE.fullmatch(run) is not None
                        and word not in self._continuers
                        and _is_lower_or_empty(self._token_before(text, s))
                    )
                )
            ):
                found.add(e)  # rules word-before-lowercase, question-before-lowercase
                continue
            if (
                not close
                and word in self._lower_starters
                and (run == "." or _QUESTION_RUN_RE.fullmatch(run))
                and text[at - 1].isspace()
            ):
                found.add(e)  # rule lowercase-starter: "call them today. they are out."
                continue
            if not nxt or category(nxt) != "Ll":
                found.add(e)  # rules lowercase-next, terminal

    def _decide_period(
        self,
        text: str,
        s: int,
        e: int,
        tok_start: int,
        token: str,
        close: str,
        nxt: str,
        word: str,
    ) -> bool | None:
        """The decision of the rules specific to a single full stop, or None."""
        if not token:
            if not close and text.startswith(" .", e):
                return False  # rule spaced-ellipsis-inside
            i, dots = s, 1
            while (
                i >= 2
                and text[i - 1] == " "
                and text[i - 2] == "."
                and (i == 2 or text[i - 3] in _STOPS)
            ):
                i -= 2
                dots += 1
            if 2 <= dots < 4:
                return False  # rule spaced-ellipsis-short
            # One stop after a space or a closing quote ('the talks "constructive". The')
            # is an ordinary full stop.
        elif not close and text.startswith(" .", e):
            n = len(text)
            j = e
            while text.startswith(" .", j) and (j + 2 >= n or text[j + 2] not in _TERMINALS):
                j += 2
            if j > e:
                k = _end(_NEXT_WS.match(text, j))
                if k > j and k < n and _category(text[k]) != "Ll":
                    return True  # rule spaced-ellipsis-after-sentence
            return False  # rule spaced-ellipsis-attached
        if (
            len(token) <= 4
            and (len(token) == 1 or token[:1] in _MARKER_FIRST)
            and close in ("", ")")
            and self._is_list_marker(text, tok_start, token, close)
        ):
            return False  # rule list-marker
        if close:
            return None
        if (
            len(token) == 1
            and tok_start > 0
            and text[tok_start - 1] == "("
            and _category(token) == "Ll"
        ):
            return False  # rule bracket-letter: "(b. 1928)", "(m. 1949; div. 1964)", "(c. 1200)"
        if token in self._times and self._time_opening is not None:
            if self._time_opening.search(text, max(0, tok_start - 40), tok_start):
                return False  # rule time-opening: "At 5 a.m. Police arrived."
            if _category(nxt) == "Lu" and word not in self._time_followers:
                return True  # rule time-before-capital: "at 6 p.m. Police said"
        if token in self._final and _category(nxt) == "Lu":
            return True  # rule abbreviation-final: "pens, paper, etc. Anything else"
        if token in self._never:
            return False  # rule abbreviation-never
        if token in self._numeric and _category(nxt) == "Nd":
            return False  # rule abbreviation-numeric
        if (
            token in self._conditional or (token[1:2] in ("", ".") and _is_initials(token))
        ) and word not in self._starters:
            return False  # rule abbreviation-conditional
        return None

    def _is_plain_word(self, token: str) -> bool:
        """Whether ``token`` is known as an ordinary word: one of the plain words, or an
        inflected word (an ending of ``inflections`` after a vowel, INFLECTED_MIN to
        WORD_MAX - 1 lower-case letters).  Abbreviations were decided before."""
        if token in self._plain_words:
            return True
        if (
            not token.endswith(self._inflections)
            or not INFLECTED_MIN <= len(token) < WORD_MAX
            or not all(_category(ch) == "Ll" for ch in token)
        ):
            return False
        return any(
            token.endswith(ending) and any(ch in self._vowels for ch in token[: -len(ending)])
            for ending in self._inflections
        )

    def _is_word_before_stop(self, text: str, s: int, token: str) -> bool:
        """Rule word-before-lowercase's evidence: ``token``, before the stop at ``s``, is
        a plain word, or (where the language says so) a name, a word after a joiner
        (``l'astronomie``, ``grand-mère``), or the stop follows a bracket or quote that
        closes a word (``l'annexe).``, ``"football".``)."""
        if self._is_plain_word(token) or self._is_name(token):
            return True
        if (
            self._closed_stop
            and s >= 2
            and text[s - 1] in CLOSED_STOP_CLOSERS
            and _category(text[s - 2])[:1] in ("L", "N")
        ):
            return True
        if not self._joiners:
            return False
        for k in range(min(len(token) - 1, JOINED_PREFIX_MAX)):
            ch = token[k]
            if ch in self._joiners:
                part = token[k + 1 :]
                if self._is_plain_word(part) or self._is_name(part):
                    return True
            elif not _is_letter(ch):
                return False
        return False

    def _is_name(self, token: str) -> bool:
        """A capital, then small letters only: ``name_min`` to WORD_MAX - 1 letters."""
        return (
            0 < self._name_min <= len(token) < WORD_MAX
            and _category(token[0]) == "Lu"
            and all(_category(ch) == "Ll" for ch in token[1:])
        )

    @staticmethod
    def _token_before(text: str, s: int) -> str | None:
        """The token that ends at ``s`` (the characters after the last token stop),
        None if it is WORD_MAX characters or longer."""
        k = s
        while k > 0 and text[k - 1] not in _STOPS:
            k -= 1
            if s - k >= WORD_MAX:
                return None
        return text[k:s]

    def _is_list_marker(self, text: str, tok_start: int, token: str, close: str) -> bool:
        """Whether ``token`` and its full stop (and ``)``) number a list item."""
        if not token or len(token) > 4:
            return False
        is_number = token.isascii() and token.isdigit() and len(token) <= 3
        if close == ")" and is_number:
            return True
        is_letter = len(token) == 1 and token.isalpha()
        is_section = _SECTION_RE.fullmatch(token) is not None
        if not (is_number or is_letter or is_section or not token.strip(_ROMAN_DIGITS)):
            return False
        lo = max(0, tok_start - 40)
        line_start = _line_start(text, lo, tok_start)
        if line_start >= 0 and _LINE_START_RE.fullmatch(text, line_start, tok_start):
            return True
        if not (is_number or is_letter or is_section):
            return False
        lo = max(lo, line_start)
        return bool(
            _AFTER_BULLET_RE.search(text, lo, tok_start)
            or (
                _AFTER_TERMINAL_RE.search(text, lo, tok_start)
                and not self._after_abbreviation(text, tok_start)
            )
            or self._in_sequence(text, tok_start, token)
        )

    def _after_abbreviation(self, text: str, pos: int) -> bool:
        """True after an abbreviation's full stop and a few spaces: ``Sept. 12.`` is a date."""
        k = pos
        while k > 0 and text[k - 1] in " \t":
            k -= 1
        if not 1 <= pos - k <= 8 or k == 0 or text[k - 1] != ".":
            return False
        start = k - 1
        while start > 0 and text[start - 1] not in _STOPS:
            start -= 1
        return text[start : k - 1] in self._abbreviations

    def _in_sequence(self, text: str, tok_start: int, token: str) -> bool:
        """Rule inline-item's condition: the previous item and the list's first item
        are on the same line, shortly before."""
        patterns = _SEQUENCE.get(token)
        if patterns is None or tok_start == 0 or text[tok_start - 1] not in " \t":
            return False
        lo = max(0, tok_start - SEQUENCE_WINDOW - 64)
        lo = max(lo, _line_start(text, lo, tok_start))
        limit = tok_start - SEQUENCE_WINDOW
        return all(
            any(m.end() >= limit for m in pattern.finditer(text, lo, tok_start))
            for pattern in patterns
        )

    def _maybe_break_before_item(
        self, text: str, tok_start: int, marker_end: int, found: set[int]
    ) -> None:
        """Rule inline-item: break before ``2.`` when a capitalised item text follows."""
        k = _SPACES_RE.match(text, marker_end)
        if k is None or k.end() >= len(text):
            return
        ch = text[k.end()]
        if not ch.isspace() and _category(ch) != "Ll":
            found.add(tok_start)

    def _scan_glued(self, text: str, found: set[int]) -> None:
        """Stops with no space after them: rules glued-stop, citation, footnote, wide-terminal."""
        n = len(text)
        category = unicodedata.category
        # An ellipsis pattern is searched only where its literal occurs ("in" is many
        # times faster than a scan).
        ellipses = tuple(r for lit, r in _GLUED_ELLIPSIS_RES if lit in text)
        for glued_re in _GLUED_RES + ellipses:
            for m in glued_re.finditer(text):
                i, j = m.start(), m.end()
                if self._plain_word_before(text, i) and _capitalised_word_at(text, j):
                    found.add(j)  # rule glued-stop: "It was late.Nobody came.", "wait...Then"
        for glued_re in _GLUED_QUESTION_RES if self._question_lower else ():
            for m in glued_re.finditer(text):
                i, j = m.span()
                word = self._token_before(text, i)
                if word and len(word) >= 2 and _is_lower_or_empty(word) and _lower_word_at(text, j):
                    found.add(j)  # rule glued-question: "can you come?they said no"
        # A citation needs a "[", a wide terminal one of a few characters: "in" finds
        # them many times faster than a scan of a character class.
        for citation_re in (_CITATION_RE, _AFTER_SPACED_CITATION_RE) if "[" in text else ():
            for m in citation_re.finditer(text):
                nm = _NEXT_RE.match(text, m.end())
                assert nm is not None  # the pattern matches the empty string
                at = nm.start(2)
                if (
                    at < n
                    and category(text[at]) != "Ll"
                    and text[at] not in _NO_START
                    and not text[at].isspace()
                    and not _MORE_CITATION_RE.match(text, m.end())
                ):
                    found.add(m.end())  # rules citation, citation-spaced: "in 2019.[4] The"
        for m in _FOOTNOTE_RE.finditer(text):
            nm = _NEXT_RE.match(text, m.end())
            assert nm is not None
            at = nm.start(2)
            if at < n and category(text[at]) == "Lu" and self._plain_word_before(text, m.start()):
                found.add(m.end())  # rule footnote: "growth.12 The"
        has_wide = any(ch in text for ch in chars.WIDE_TERMINALS)
        for m in _WIDE_RE.finditer(text) if has_wide else ():
            if category(text[m.end()]) != "Nd":
                found.add(m.end())  # rule wide-terminal: "下雨。我们", "works．We"

    def _plain_word_before(self, text: str, i: int) -> bool:
        """Whether a word of letters (two or more, the last lower-case, not an
        abbreviation) ends at ``i``: the condition of rules glued-stop and footnote.

        The word may start at any token start within its run of letters, apostrophes
        and hyphens, as the SRX rule's ``TS[\\p{L}'’\\-]{1,40}\\p{Ll}`` may.
        """
        if i < 2 or _category(text[i - 1]) != "Ll":
            return False
        j = i - 1
        while j > 0 and i - j < WORD_MAX and (text[j - 1] in "'’-" or _is_letter(text[j - 1])):
            j -= 1
        starts = [k for k in range(j, i) if k == 0 or text[k - 1] in _STOPS]
        if any(text[k:i] in self._abbreviations for k in starts):
            return False
        return any(i - k >= 2 for k in starts)

    def _scan_lines(self, text: str, found: set[int]) -> None:
        # One pass per character searched for: a literal is found many times faster
        # than a character class.
        line_start = 0
        i = text.find("\n")
        while i >= 0:
            after = i + 1
            if _LINE_BREAK_RE.match(text, after):
                found.add(after)  # rules paragraph-break, list-line
            elif (after - line_start <= HEADING_MAX + 1 or text[after - 2] in " \t") and (
                _HEADING_RE.fullmatch(text, line_start, after)
            ):  # (a longer line without trailing blanks is no heading)
                nm = _HEADING_NEXT_RE.match(text, after)
                if nm is not None and _category(nm.group(1)) in ("Lu", "Nd"):
                    found.add(after)  # rule heading
            line_start = after
            i = text.find("\n", after)
        paren = text.find(")")
        while paren >= 0:
            if text[paren + 1 : paren + 2] in (" ", "\t"):
                self._scan_paren_item(text, paren, found)
            paren = text.find(")", paren + 1)
        if any(ch in text for ch in chars.BULLETS):
            for m in _BULLET_RE.finditer(text):
                i = m.start()
                if i > 0 and text[i - 1] in " \t":
                    found.add(i)  # rule inline-bullet

    def _scan_paren_item(self, text: str, i: int, found: set[int]) -> None:
        """Rule inline-item for ``2)`` and ``2.)``."""
        j = i - 1 if i > 0 and text[i - 1] == "." else i
        k = j
        while k > 0 and j - k < 3 and text[k - 1] not in _STOPS:
            k -= 1
        token = text[k:j]
        if not token or (k > 0 and text[k - 1] not in _STOPS):
            return
        if self._in_sequence(text, k, token):
            self._maybe_break_before_item(text, k, i + 1, found)


_NEXT_WS = re.compile("\\s*+")
#: Closing brackets and quotes after which a full stop is no abbreviation's (closed_stop).
CLOSED_STOP_CLOSERS = ')]»"”'
#: The part of a token before a joiner's word: at most this long, the joiner included
#: (a bound the SRX lookbehind needs).
JOINED_PREFIX_MAX = 40
#: A dash before a speaker or an aside: "-", "--", "–", "—".
DASH = "(?:--?|[–—])"
_NO_START = frozenset(chars.NO_START)
_WHITESPACE = frozenset(chars.WHITESPACE)
#: Question and exclamation marks that may precede a lower-case sentence start.
QUESTION_RUN = "[?!‽]{1,3}"
_QUESTION_RUN_RE = re.compile(QUESTION_RUN)
#: A word glued to a stop is at most this long (a bound the SRX lookbehind needs).
WORD_MAX = 41
#: One pattern per stop: a pattern that opens with one literal character is searched
#: for ten times faster than one that opens with a class ("[.?]").
#: An ellipsis glued between words ("country...Iguazu") is a stop too: two to
#: GLUED_DOTS_MAX full stops (a bound the SRX lookbehind needs) or "…".
GLUED_DOTS_MAX = 9
#: The SRX form: the longest first and a letter after, so that find()-style matchers
#: (OmegaT) take the whole run.
GLUED_STOP = f"(?:\\.{{2,{GLUED_DOTS_MAX}}}|[.?]|\u2026)(?=\\p{{L}})"
_GLUED_RES = tuple(re.compile(f"\\{stop}(?<=[^\\W\\d_]\\{stop})(?=[^\\W\\d_])") for stop in ".?")
#: A question or exclamation glued between two lower-case words (informal text): a run
#: of up to three after a letter, one pattern per opening character, as above.
_GLUED_QUESTION_RES = tuple(
    re.compile(f"\\{stop}(?<=[^\\W\\d_]\\{stop})[?!‽]{{0,2}}(?=[^\\W\\d_])") for stop in "?!‽"
)
#: What may follow the lower-case word after a glued question (not "=", "/", "." of an
#: address: "page?id=3", "?utm_source").
#: Not "?" or "!": a second glued stop would chain the rule, which SRX engines that resume
#: their search at the last match (net.sourceforge.segment) read differently.
GLUED_WORD_END = chars.WHITESPACE + ",;:'’\")"
_GLUED_WORD_END = frozenset(GLUED_WORD_END)
#: Generic top-level domains: capitalised after a glued stop, they end an address
#: ("Posted via Newsfeed.Com"), not a sentence.
DOMAIN_ENDS = frozenset(("Com", "Net", "Org", "Edu", "Gov", "Info", "Biz"))
#: A further glued stop and a letter (the one-dot form is excluded with "-" below).
GLUED_AGAIN = f"(?:\\.{{2,{GLUED_DOTS_MAX}}}|\\?|\u2026)"
GLUED_AGAIN_FIRST = ".?\u2026"
_GLUED_AGAIN_RE = re.compile(GLUED_AGAIN + "[^\\W\\d_]")
#: The same for a glued ellipsis, with the literal that must occur for it to match.
_GLUED_ELLIPSIS_RES = (
    (
        "..",
        re.compile(f"\\.\\.(?<=[^\\W\\d_]\\.\\.)\\.{{0,{GLUED_DOTS_MAX - 2}}}(?=[^\\W\\d_])"),
    ),
    ("\u2026", re.compile("\u2026(?<=[^\\W\\d_]\u2026)(?=[^\\W\\d_])")),
)
#: Citation markers after final punctuation: "2019.[4]", "end.[12][13]".
#: One to four markers, glued or set off by spaces: "[4]", "[3][4]", "[7] [8]".
CITATION_MARKS = "\\[[0-9]{1,3}\\](?:[ \\t]{0,3}\\[[0-9]{1,3}\\]){0,3}"
CITATION = chars.TERMINAL + CITATION_MARKS
_CITATION_RE = re.compile(CITATION + "(?=\\s)")
#: Citation markers set off by a space after final punctuation: "2019. [4]", "end. [7] [8]".
SPACED_CITATION = "[ \\t]{1,3}" + CITATION_MARKS
_SPACED_CITATION_RE = re.compile(SPACED_CITATION)
#: One more marker: the citation does not end before it.
MORE_CITATION = "[ \\t]{0,3}\\[[0-9]{1,3}\\]"
_MORE_CITATION_RE = re.compile(MORE_CITATION)
_AFTER_SPACED_CITATION_RE = re.compile(chars.TERMINAL + chars.CLOSE + SPACED_CITATION + "(?=\\s)")
#: A footnote number after a word's full stop: "growth.12 The".
_FOOTNOTE_RE = re.compile("\\.[0-9]{1,3}(?=\\s)")
#: What a wide terminal does not end a sentence before: more of the same, or a citation.
WIDE_NOT_BEFORE = chars.WHITESPACE + chars.TERMINALS + chars.CLOSERS + "["
_WIDE_RE = re.compile(
    chars.WIDE_TERMINAL
    + chars.CLOSER
    + "{0,4}(?="
    + chars.char_class(WIDE_NOT_BEFORE, negate=True)
    + ")"
)


def _is_lower_or_empty(token: str | None) -> bool:
    """Rule question-before-lowercase's word: lower-case letters only, or none
    (``up? india``, ``suck ! whose``), not a name (``Yahoo! and``)."""
    return token is not None and all(_category(ch) == "Ll" for ch in token)


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "L"


def _capitalised_word_at(text: str, i: int) -> bool:
    """Rule glued-stop's next word: a capital and lower-case letters, not part of a name
    or an address (``JavaScript``, ``Smith@``, ``Smith.com``, ``Newsfeed.Com``, ``R2``),
    nor glued to a further stop and word (``late.Nobody?Came``: SRX engines that resume
    their search at the last match would take the second stop for a rule of its own)."""
    n = len(text)
    if i >= n or _category(text[i]) != "Lu":
        return False
    k = i + 1
    while k < n and _category(text[k]) == "Ll":
        k += 1
    if text[i:k] in DOMAIN_ENDS:
        return False
    if k >= n:
        return True
    ch = text[k]
    cat = _category(ch)
    if cat == "Lu" or cat[0] == "N" or ch in "_@/":
        return False
    if ch in GLUED_AGAIN_FIRST and _GLUED_AGAIN_RE.match(text, k):
        return False
    return not (ch in ".-" and k + 1 < n and _category(text[k + 1])[:1] in ("L", "N"))


def _lower_word_at(text: str, i: int) -> bool:
    """Rule glued-question's next word: lower-case letters, then whitespace, the end or
    punctuation of ``GLUED_WORD_END``."""
    n = len(text)
    k = i
    while k < n and _category(text[k]) == "Ll":
        k += 1
    return k > i and (k == n or text[k] in _GLUED_WORD_END)


_DASHES = frozenset("-–—")
#: A web address after final punctuation starts a new segment (it is never a sentence's
#: lower-case continuation).
URL_NEXT = chars.WS + "++" + chars.OPENER + "*+(?:https?://|www\\.)"
_URL_NEXT_RE = re.compile(URL_NEXT)
#: A bracketed list enumerator: (1), [z], (vii).
ENUMERATOR = "[(\\[](?:[0-9]{1,3}|[ivx]{1,5}|[a-z])[)\\]][ \\t]"
_ENUMERATOR_RE = re.compile("\\s++" + ENUMERATOR)
#: A dash and a lowercase word after a quotation: the speaker follows (ru, fr, kk).
_DASH_LOWER_RE = re.compile("\\s++" + DASH + "\\s++(.)", re.S)
#: After a line break: a blank line, a list line or a lettered item (one match for all).
_LINE_BREAK_RE = re.compile(
    "|".join(("[ \\t]*\\n", LIST_LINE, LETTER_LINE.format(letter="[^\\W\\d_]")))
)
