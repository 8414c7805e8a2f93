"""Glossary enforcement: every matched term comes out as the glossary says, or is flagged.

Per segment and target language, in batches:

1. **Datelines** made only of glossary terms (``ASTANA. KAZINFORM``) are rendered
   from the glossary without the engine (:attr:`Origin.GLOSSARY`).
2. **Plain pass.** The engine translates the segment as written: with the names
   in context it writes the most fluent sentence, and declines them where the
   language needs it.  Verification accepts the expected form (*found*) or a
   case form of it (*inflected*: «с Жан-Батистом Лемуаном», «Астанада»), so a
   correctly declined name is never replaced by its nominative.
3. **Placeholder pass**, only for segments where a term is missing: those terms
   are replaced by placeholders, the segment is translated again, and each
   placeholder is replaced by the glossary form (*fixed*) — in the genitive for
   an English possessive, and in the case a Kazakh ending written after the
   placeholder asks for («Z101-ге» → «Астанаға»).
4. **Alignment pass** when placeholders come back lost, duplicated or mangled:
   the engine's cross-attention (CTranslate2 ``return_attention``) locates what
   it wrote for the term in the plain translation, and that span is replaced by
   the glossary form in the same case.  Engines without attention skip this.
5. What none of this could enforce is reported *missing*.

The placeholder form is ``Z`` + a number from 101 (``Z101``, ``Z102``, ...).
It has to survive both the test models (SentencePiece with byte fallback:
anything survives) and real Argos/OPUS-MT models, whose vocabularies have no
byte fallback: rare symbols such as ``⟦1⟧`` become ``<unk>`` there and are lost;
``_`` is dropped by Argos' decoder; a bare number is taken for a year or a
quantity («в 8002 году», «8 002»); a Latin word is transliterated into
Cyrillic.  A capital letter glued to three digits reads as a code (like
``A320`` or ``KazEOSat-1``), which models copy; the letter Z has no Cyrillic
look-alike, and its transliteration «З» is accepted when reading it back, as
are a space or hyphen the model puts between letter and digits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from polyglot.glossary.inflect import case_of, forms, kk_suffix_case
from polyglot.glossary.match import Matcher, Suffix, TermMatch
from polyglot.glossary.model import Glossary
from polyglot.model import TermCheck, TermStatus

if TYPE_CHECKING:
    from polyglot.engines.base import AlignedText, Engine

_FIRST_ID = 101
_PLACEHOLDER = re.compile(
    r"(?<![\w])[ZzЗз][ \-]?(?P<id>\d{3,})(?![\d])(?:-(?P<suffix>[а-яәғқңөұүһі]+)\b)?"
)
_LEFTOVER_POSSESSIVE = re.compile(r"['’]s\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?…]\s+|[«\"“(]\s*)$")
_APOSTROPHES = "'’ʼ"


@dataclass
class Rendered:
    """A segment's translation after enforcement, with the compliance of its terms."""

    text: str
    terms: list[TermCheck] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    from_glossary: bool = False  # rendered entirely from the glossary (a dateline)


@dataclass
class Slot:
    """A term replaced by a placeholder in the source."""

    placeholder: str
    number: int
    match: TermMatch
    expected: str


# ---------------------------------------------------------------- verification


def _form_pattern(form: str) -> str:
    parts = []
    for i, ch in enumerate(form):
        if ch in _APOSTROPHES:
            parts.append(f"[{_APOSTROPHES}]")
        elif ch.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif i == 0 and ch.lower() != ch.upper():
            parts.append(f"[{re.escape(ch.lower())}{re.escape(ch.upper())}]")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def accepted_forms(expected: str, lang: str, kind: str) -> list[tuple[str, TermStatus]]:
    """Forms that satisfy a term: the expected one, then its case forms."""
    result = [(expected, TermStatus.FOUND)]
    seen = {expected}
    table = forms(expected, lang, kind)
    extra = list(table.values())
    if lang == "kk":  # Астанадағы, министрлігіндегі: locative + the relative -ғы/-гі
        loc = table.get("loc", "")
        extra.append(loc + ("ғы" if loc[-1:] in "аы" else "гі"))
        extra += [f.replace("-", "", 1) for f in table.values() if "-" in f[len(expected) :]]
    for form in extra:
        if form not in seen:
            seen.add(form)
            result.append((form, TermStatus.INFLECTED))
    return result


def _find_form(
    text: str, expected: str, lang: str, kind: str, taken: list[tuple[int, int]]
) -> tuple[int, int, TermStatus] | None:
    candidates = accepted_forms(expected, lang, kind)
    candidates.sort(key=lambda c: -len(c[0]))
    alternatives = "|".join(_form_pattern(form) for form, _ in candidates)
    status_of = {form.casefold(): status for form, status in candidates}
    for m in re.finditer(rf"(?<![\w])(?:{alternatives})(?![\w])", text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        found = m.group()
        folded = re.sub(rf"[{_APOSTROPHES}]", "'", found).casefold()
        status = status_of.get(folded) or status_of.get(found.casefold(), TermStatus.FOUND)
        if status is TermStatus.INFLECTED and found.casefold() == expected.casefold():
            status = TermStatus.FOUND
        return m.start(), m.end(), status
    return None


def verify(
    matches: Sequence[TermMatch],
    output: str,
    lang: str,
    taken: list[tuple[int, int]] | None = None,
) -> list[TermCheck]:
    """Check each source match against ``output``: found, inflected or missing.

    Longer expected forms are looked for first and their spans are not reused,
    so «Қазақстан» inside the ministry's name does not count for «Kazakhstan».
    """
    taken = list(taken or [])
    checks: list[TermCheck | None] = [None] * len(matches)
    order = sorted(range(len(matches)), key=lambda i: -len(matches[i].expected(lang) or ""))
    for i in order:
        match = matches[i]
        expected = match.expected(lang) or match.text
        hit = _find_form(output, expected, lang, match.entry.type, taken)
        if hit is None:
            checks[i] = TermCheck(
                match.text, expected, TermStatus.MISSING, source_span=(match.start, match.end)
            )
            continue
        start, end, status = hit
        taken.append((start, end))
        checks[i] = TermCheck(
            match.text, expected, status, output[start:end], (match.start, match.end)
        )
    return [c for c in checks if c is not None]


# ---------------------------------------------------------------- placeholders


def protect(text: str, matches: Sequence[TermMatch], lang: str) -> tuple[str, list[Slot]]:
    """Replace ``matches`` in ``text`` by placeholders (an English possessive stays)."""
    slots: list[Slot] = []
    number = _FIRST_ID
    used = {int(m.group("id")) for m in _PLACEHOLDER.finditer(text)}
    pieces: list[str] = []
    pos = 0
    for match in sorted(matches, key=lambda m: m.start):
        while number in used:
            number += 1
        placeholder = f"Z{number}"
        used.add(number)
        slots.append(Slot(placeholder, number, match, match.expected(lang) or match.text))
        pieces += [text[pos : match.start], placeholder]
        pos = match.end
    pieces.append(text[pos:])
    return "".join(pieces), slots


@dataclass
class Restored:
    """The outcome of putting glossary forms in place of placeholders."""

    text: str | None  # None: the placeholders were damaged and nothing was replaced
    inserted: dict[int, str] = field(default_factory=dict)  # placeholder number -> form
    spans: list[tuple[int, int]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # lost / duplicated / unknown
    reordered: bool = False


def check_placeholders(output: str, slots: Sequence[Slot]) -> Restored:
    """Find what happened to each placeholder: lost, duplicated, unknown, reordered."""
    found = list(_PLACEHOLDER.finditer(output))
    numbers = [int(m.group("id")) for m in found]
    expected = [slot.number for slot in slots]
    restored = Restored(None)
    for slot in slots:
        count = numbers.count(slot.number)
        if count == 0:
            restored.problems.append(f"placeholder {slot.placeholder} ({slot.match.text}) lost")
        elif count > 1:
            restored.problems.append(
                f"placeholder {slot.placeholder} ({slot.match.text}) duplicated ×{count}"
            )
    for number in sorted(set(numbers) - set(expected)):
        restored.problems.append(f"unknown placeholder Z{number} in the output")
    kept = [n for n in numbers if n in expected]
    restored.reordered = kept != [n for n in expected if n in kept]
    return restored


def restore(output: str, slots: Sequence[Slot], lang: str) -> Restored:
    """Replace every placeholder by its glossary form; ``text`` is None if any is damaged."""
    restored = check_placeholders(output, slots)
    if restored.problems:
        return restored
    by_number = {slot.number: slot for slot in slots}
    pieces: list[str] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(output):
        slot = by_number[int(m.group("id"))]
        end = m.end()
        case = "nom"
        suffix = m.group("suffix")
        relative = ""  # Kazakh -ғы/-гі after a locative: «Z101-дағы» → «Астанадағы»
        is_relative = bool(suffix) and suffix[-2:] in ("ғы", "гі", "қы", "кі")
        if lang == "kk" and is_relative and kk_suffix_case(suffix[:-2]) == "loc":
            suffix, relative = suffix[:-2], suffix[-2:]
        if suffix and lang == "kk" and kk_suffix_case(suffix):
            case = kk_suffix_case(suffix) or "nom"
        else:
            end = m.end("id")
        if slot.match.suffix is Suffix.POSSESSIVE:  # the English 's, copied: never right
            leftover = _LEFTOVER_POSSESSIVE.match(output, end)
            end = leftover.end() if leftover else end
        if case == "nom" and slot.match.suffix is Suffix.POSSESSIVE and lang in ("ru", "kk"):
            case = "gen"
        form = forms(slot.expected, lang, slot.match.entry.type).get(case, slot.expected)
        if relative:
            form += relative if form[-2:] in ("да", "де", "та", "те") else ""
        prefix = "".join(pieces) + output[pos : m.start()]
        if form[:1].islower() and _SENTENCE_START.search(prefix):
            form = form[0].upper() + form[1:]
        pieces.append(output[pos : m.start()])
        start = len("".join(pieces))
        pieces.append(form)
        restored.spans.append((start, start + len(form)))
        restored.inserted[slot.number] = form
        pos = end
    pieces.append(output[pos:])
    restored.text = "".join(pieces)
    return restored


# ---------------------------------------------------------------- alignment


def replace_aligned(
    aligned: AlignedText, matches: Sequence[TermMatch], lang: str
) -> tuple[str, dict[int, str]]:
    """Replace what the engine wrote for each match (located by attention) with the
    glossary form in the same case; returns the text and index -> inserted form."""
    text = aligned.text
    edits: list[tuple[int, int, int, str]] = []
    for index, match in enumerate(matches):
        span = aligned.target_span(match.start, match.end)
        if span is None:
            continue
        start, end = _widen_to_words(text, *span)
        if start >= end or any(start < e and s < end for s, e, _, _ in edits):
            continue
        expected = match.expected(lang) or match.text
        case = case_of(text[start:end], expected, lang, match.entry.type)
        form = forms(expected, lang, match.entry.type).get(case, expected)
        if form[:1].islower() and _SENTENCE_START.search(text[:start]):
            form = form[0].upper() + form[1:]
        edits.append((start, end, index, form))
    inserted: dict[int, str] = {}
    for start, end, index, form in sorted(edits, reverse=True):
        text = text[:start] + form + text[end:]
        inserted[index] = form
    return text, inserted


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim the span to its letters, then widen it to whole words (hyphens join words)."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if start == end:
        return start, end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] == "-"):
        end += 1
    return start, end


# ---------------------------------------------------------------- datelines


def render_dateline(text: str, matches: Sequence[TermMatch], lang: str) -> str | None:
    """The dateline in ``lang`` when it is nothing but glossary terms and punctuation."""
    pieces: list[str] = []
    pos = 0
    for match in matches:
        between = text[pos : match.start]
        if any(ch.isalnum() for ch in between) or match.suffix is not Suffix.NONE:
            return None
        pieces += [between, match.expected(lang) or match.text]
        pos = match.end
    rest = text[pos:]
    if not matches or any(ch.isalnum() for ch in rest):
        return None
    return "".join(pieces) + rest


# ---------------------------------------------------------------- the workflow


def translate_with_glossary(
    engine: Engine,
    texts: Sequence[str],
    source: str,
    target: str,
    glossary: Glossary,
    datelines: Sequence[bool] | None = None,
) -> list[Rendered]:
    """Translate ``texts`` with ``engine`` so that glossary terms come out right; one
    :class:`Rendered` per text, in order, saying how every term fared."""
    matcher = Matcher(glossary.for_lang(target))
    matches = [matcher.find(text, target) for text in texts]
    results: list[Rendered | None] = [None] * len(texts)
    for i, text in enumerate(texts):
        if datelines is not None and datelines[i]:
            rendered = render_dateline(text, matches[i], target)
            if rendered is not None:
                checks = [
                    TermCheck(
                        m.text, m.expected(target) or m.text, TermStatus.FOUND, m.expected(target)
                    )
                    for m in matches[i]
                ]
                results[i] = Rendered(rendered, checks, [], from_glossary=True)
    pending = [i for i in range(len(texts)) if results[i] is None]
    outputs = engine.translate_texts([texts[i] for i in pending], source, target)
    plain = dict(zip(pending, outputs, strict=True))
    for i in pending:
        results[i] = Rendered(plain[i], verify(matches[i], plain[i], target))
    _placeholder_pass(engine, texts, source, target, matches, results)
    return [r for r in results if r is not None]


def _missing(rendered: Rendered | None) -> list[int]:
    if rendered is None:
        return []
    return [i for i, t in enumerate(rendered.terms) if t.status is TermStatus.MISSING]


def _placeholder_pass(
    engine: Engine,
    texts: Sequence[str],
    source: str,
    target: str,
    matches: list[list[TermMatch]],
    results: list[Rendered | None],
) -> None:
    todo = [i for i, r in enumerate(results) if _missing(r)]
    if not todo:
        return
    protected: dict[int, tuple[str, list[Slot]]] = {}
    for i in todo:
        missing = [matches[i][k] for k in _missing(results[i])]
        protected[i] = protect(texts[i], missing, target)
    # through translate_texts: chunked and deduplicated like the first pass
    outputs = engine.translate_texts([protected[i][0] for i in todo], source, target)
    failed: list[int] = []
    for i, output in zip(todo, outputs, strict=True):
        rendered = results[i]
        assert rendered is not None
        slots = protected[i][1]
        restored = restore(output, slots, target)
        if restored.text is None:
            rendered.notes += [f"glossary: {p}" for p in restored.problems]
            failed.append(i)
            continue
        fixed_at = {id(slot.match): slot for slot in slots}
        others = [m for m in matches[i] if id(m) not in fixed_at]
        checks = iter(verify(others, restored.text, target, restored.spans))
        new_terms: list[TermCheck] = []
        for match in matches[i]:
            slot = fixed_at.get(id(match))
            if slot is None:
                new_terms.append(next(checks))
            else:
                new_terms.append(
                    TermCheck(
                        match.text, slot.expected, TermStatus.FIXED, restored.inserted[slot.number]
                    )
                )
        missing_before = len(_missing(rendered))
        missing_after = sum(1 for t in new_terms if t.status is TermStatus.MISSING)
        if missing_after >= missing_before:
            rendered.notes.append("glossary: the placeholder translation lost other terms")
            failed.append(i)
            continue
        rendered.text = restored.text
        rendered.terms = new_terms
        if restored.reordered:
            rendered.notes.append("glossary: placeholders came back in another order")
        names = ", ".join(s.match.text for s in slots)
        rendered.notes.append(f"glossary: re-translated with placeholders for {names}")
    if failed:
        _alignment_pass(engine, texts, source, target, matches, results, failed)
    for i in todo:
        rendered = results[i]
        assert rendered is not None
        for check in rendered.terms:
            if check.status is TermStatus.MISSING:
                rendered.notes.append(
                    f"glossary: {check.source!r} should be {check.expected!r}; not enforced"
                )


def _alignment_pass(
    engine: Engine,
    texts: Sequence[str],
    source: str,
    target: str,
    matches: list[list[TermMatch]],
    results: list[Rendered | None],
    todo: list[int],
) -> None:
    # chunked by the engine, bounded memory as in the first pass
    aligned = engine.align_texts([texts[i] for i in todo], source, target)
    if aligned is None:
        return
    for i, alignment in zip(todo, aligned, strict=True):
        rendered = results[i]
        assert rendered is not None
        missing = _missing(rendered)
        wanted = [matches[i][k] for k in missing]
        text, inserted = replace_aligned(alignment, wanted, target)
        if not inserted:
            continue
        # re-verify everything on the edited plain translation
        checks = verify(matches[i], text, target)
        for local, k in enumerate(missing):
            if local in inserted:
                checks[k] = TermCheck(
                    matches[i][k].text, checks[k].expected, TermStatus.FIXED, inserted[local]
                )
        if sum(c.status is TermStatus.MISSING for c in checks) < len(missing):
            rendered.text = text
            rendered.terms = checks
            names = ", ".join(wanted[local].text for local in inserted)
            rendered.notes.append(f"glossary: fixed {names} where the engine's attention put it")
