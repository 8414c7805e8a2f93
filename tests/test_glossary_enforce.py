"""Enforcement with stand-in engines: copy, placeholders dropped / duplicated / reordered /
transliterated, alignment fallback, inflected names left alone, Kazakh endings, datelines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

import pytest

from polyglot.engines.base import AlignedText, Engine, EngineOptions
from polyglot.glossary.enforce import (
    check_placeholders,
    protect,
    restore,
    translate_with_glossary,
)
from polyglot.glossary.match import find_terms
from polyglot.glossary.model import Entry, Glossary
from polyglot.model import TermStatus

GLOSSARY = Glossary(
    [
        Entry("Astana", {"kk": "Астана", "ru": "Астана", "fr": "Astana"}, type="place"),
        Entry(
            "Kazakhstan", {"kk": "Қазақстан", "ru": "Казахстан", "fr": "Kazakhstan"}, type="place"
        ),
        Entry(
            "Jean-Baptiste Lemoyne",
            {"kk": "Жан-Батист Лемуан", "ru": "Жан-Батист Лемуан", "fr": "Jean-Baptiste Lemoyne"},
            type="person",
        ),
        Entry(
            "Ministry of Europe and Foreign Affairs",
            {
                "kk": "Еуропа және сыртқы істер министрлігі",
                "ru": "Министерство Европы и иностранных дел",
                "fr": "ministère de l'Europe et des Affaires étrangères",
            },
            type="organisation",
        ),
        Entry("ASTANA", {"kk": "АСТАНА", "ru": "АСТАНА", "fr": "ASTANA"}, case_sensitive=True),
        Entry(
            "KAZINFORM",
            {"kk": "ҚазАқпарат", "ru": "КАЗИНФОРМ", "fr": "KAZINFORM"},
            case_sensitive=True,
        ),
    ],
    ["kk", "ru", "fr"],
)
TEXTS = [
    "Jean-Baptiste Lemoyne has met in Astana with partners.",
    "Kazakhstan and Astana welcome the Ministry of Europe and Foreign Affairs.",
    "Since 2009, Kazakhstan's system works.",
    "Nothing to see here.",
]
PLACEHOLDER = re.compile(r"Z\d{3}")


class CopyEngine(Engine):
    """Outputs its input, and aligns every character with itself."""

    name: ClassVar[str] = "copy"
    calls: list[list[str]]

    def __init__(self, options: EngineOptions | None = None) -> None:
        super().__init__(options or EngineOptions())
        self.calls = []

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        self.calls.append(list(texts))
        return [self.damage(t) for t in texts]

    def damage(self, text: str) -> str:
        return text

    def align_batch(self, texts: Sequence[str], source: str, target: str) -> list[AlignedText]:
        return [AlignedText(t, [((i, i + 1), (i, i + 1)) for i in range(len(t))]) for t in texts]


class DropEngine(CopyEngine):
    def damage(self, text: str) -> str:
        return PLACEHOLDER.sub("", text, count=1)


class DuplicateEngine(CopyEngine):
    def damage(self, text: str) -> str:
        return PLACEHOLDER.sub(lambda m: f"{m.group()} {m.group()}", text, count=1)


class ReorderEngine(CopyEngine):
    def damage(self, text: str) -> str:
        found = PLACEHOLDER.findall(text)
        if len(found) < 2:
            return text
        swapped = {found[0]: found[1], found[1]: found[0]}
        return PLACEHOLDER.sub(lambda m: swapped.get(m.group(), m.group()), text)


class TransliterateEngine(CopyEngine):
    def damage(self, text: str) -> str:
        return PLACEHOLDER.sub(lambda m: f"З {m.group()[1:]}", text)


class NoAlignmentDropEngine(DropEngine):
    def align_batch(self, texts, source, target):  # type: ignore[override]
        return None


def run(engine: Engine, texts: Sequence[str], lang: str, datelines=None):
    return translate_with_glossary(engine, texts, "en", lang, GLOSSARY, datelines)


@pytest.mark.parametrize("lang", ["kk", "ru", "fr"])
def test_copy_engine_output_contains_every_glossary_target_exactly(lang):
    results = run(CopyEngine(), TEXTS, lang)
    for text, result in zip(TEXTS, results, strict=True):
        for match in find_terms(text, GLOSSARY, lang):
            assert match.entry.targets[lang] in result.text or (
                match.entry.targets[lang][0].upper() + match.entry.targets[lang][1:] in result.text
            )
        assert all(t.status is not TermStatus.MISSING for t in result.terms)
        assert not PLACEHOLDER.search(result.text)
    assert results[3].terms == [] and results[3].text == TEXTS[3]


def test_plain_pass_first_then_placeholders_only_for_missing_terms():
    engine = CopyEngine()
    results = run(engine, TEXTS, "fr")
    plain, protected = engine.calls
    assert plain == TEXTS
    # in French only the ministry is missing from the copy; Astana, Kazakhstan are found
    assert protected == ["Kazakhstan and Astana welcome the Z101."]
    assert [t.status for t in results[1].terms] == [
        TermStatus.FOUND,
        TermStatus.FOUND,
        TermStatus.FIXED,
    ]
    assert results[1].text == (
        "Kazakhstan and Astana welcome the ministère de l'Europe et des Affaires étrangères."
    )


def test_placeholder_at_sentence_start_is_capitalised():
    (result,) = run(CopyEngine(), ["Ministry of Europe and Foreign Affairs says."], "fr")
    assert result.text == "Ministère de l'Europe et des Affaires étrangères says."
    assert result.terms[0].status is TermStatus.FIXED


def test_possessive_becomes_genitive_and_the_english_s_goes():
    kk, ru = (run(CopyEngine(), [TEXTS[2]], lang)[0] for lang in ("kk", "ru"))
    assert kk.text == "Since 2009, Қазақстанның system works."
    assert ru.text == "Since 2009, Казахстана system works."
    assert ru.terms[0].found == "Казахстана" and ru.terms[0].status is TermStatus.FIXED


def test_kazakh_ending_after_a_placeholder_declines_the_term():
    class KazakhEngine(CopyEngine):
        def damage(self, text: str) -> str:
            return text.replace("in Z102", "Z102-да").replace("Z101 has", "Z101")

    (result,) = run(KazakhEngine(), [TEXTS[0]], "kk")
    assert result.text == "Жан-Батист Лемуан met Астанада with partners."
    assert [t.found for t in result.terms] == ["Жан-Батист Лемуан", "Астанада"]

    class RelativeEngine(CopyEngine):
        def damage(self, text: str) -> str:
            return text.replace("in Z102 with", "Z102-дағы")

    (result,) = run(RelativeEngine(), [TEXTS[0]], "kk")
    assert result.text == "Жан-Батист Лемуан has met Астанадағы partners."


@pytest.mark.parametrize("engine_class", [DropEngine, DuplicateEngine])
def test_damaged_placeholders_are_detected_and_fixed_by_alignment(engine_class):
    engine = engine_class()
    (result,) = run(engine, [TEXTS[0]], "ru")
    what = "lost" if engine_class is DropEngine else "duplicated"
    assert any(f"placeholder Z101 (Jean-Baptiste Lemoyne) {what}" in n for n in result.notes)
    # the fallback edits the plain translation where attention puts each term
    assert result.text == "Жан-Батист Лемуан has met in Астана with partners."
    assert [t.status for t in result.terms] == [TermStatus.FIXED, TermStatus.FIXED]
    assert any("attention" in n for n in result.notes)


def test_damaged_placeholders_without_alignment_are_reported_missing():
    (result,) = run(NoAlignmentDropEngine(), [TEXTS[0]], "ru")
    assert result.text == TEXTS[0]  # the plain translation, untouched
    assert [t.status for t in result.terms] == [TermStatus.MISSING, TermStatus.MISSING]
    assert "glossary: 'Astana' should be 'Астана'; not enforced" in result.notes


def test_reordered_placeholders_are_accepted_and_noted():
    (result,) = run(ReorderEngine(), [TEXTS[0]], "ru")
    assert result.text == "Астана has met in Жан-Батист Лемуан with partners."
    assert "glossary: placeholders came back in another order" in result.notes
    assert all(t.status is TermStatus.FIXED for t in result.terms)


def test_transliterated_placeholders_are_still_recognised():
    (result,) = run(TransliterateEngine(), [TEXTS[0]], "kk")
    assert result.text == "Жан-Батист Лемуан has met in Астана with partners."


def test_correctly_inflected_names_are_accepted_not_replaced_by_the_nominative():
    class RussianEngine(CopyEngine):
        def translate_batch(self, texts, source, target):
            self.calls.append(list(texts))
            return [
                "Мы встретились с Жан-Батистом Лемуаном в Астане, столице Казахстана."
                for _ in texts
            ]

    engine = RussianEngine()
    (result,) = run(
        engine, ["We met Jean-Baptiste Lemoyne in Astana, capital of Kazakhstan."], "ru"
    )
    assert len(engine.calls) == 1  # nothing to fix: no placeholder pass
    assert result.text == "Мы встретились с Жан-Батистом Лемуаном в Астане, столице Казахстана."
    assert [(t.status, t.found) for t in result.terms] == [
        (TermStatus.INFLECTED, "Жан-Батистом Лемуаном"),
        (TermStatus.INFLECTED, "Астане"),
        (TermStatus.INFLECTED, "Казахстана"),
    ]


def test_kazakh_inflected_forms_are_accepted():
    class KazakhEngine(CopyEngine):
        def translate_batch(self, texts, source, target):
            return ["Қазақстандағы жобалар Астанадағы орталықта, Қазақстанның астанасы."]

    (result,) = run(KazakhEngine(), ["Kazakhstan projects in Astana, Kazakhstan's capital."], "kk")
    assert [(t.status, t.found) for t in result.terms] == [
        (TermStatus.INFLECTED, "Қазақстандағы"),
        (TermStatus.INFLECTED, "Астанадағы"),
        (TermStatus.INFLECTED, "Қазақстанның"),
    ]


def test_a_term_inside_a_longer_target_does_not_count_twice():
    class Engine2(CopyEngine):
        def translate_batch(self, texts, source, target):
            return ["Министерство Европы и иностранных дел и Европа."]

    text = "Ministry of Europe and Foreign Affairs and Kazakhstan."
    (result,) = translate_with_glossary(Engine2(), [text], "en", "ru", GLOSSARY)
    assert result.terms[0].status is TermStatus.FOUND


def test_dateline_made_of_glossary_terms_is_rendered_without_the_engine():
    engine = CopyEngine()
    texts = ["ASTANA. KAZINFORM", "ALMATY. KAZINFORM"]
    results = run(engine, texts, "kk", datelines=[True, True])
    assert results[0].text == "АСТАНА. ҚазАқпарат" and results[0].from_glossary
    assert [t.status for t in results[0].terms] == [TermStatus.FOUND, TermStatus.FOUND]
    assert not results[1].from_glossary  # ALMATY is not in the glossary: the engine does it
    assert engine.calls[0] == ["ALMATY. KAZINFORM"]
    assert run(CopyEngine(), texts[:1], "ru", [True])[0].text == "АСТАНА. КАЗИНФОРМ"
    assert run(CopyEngine(), texts[:1], "fr", [True])[0].text == "ASTANA. KAZINFORM"


def test_placeholders_avoid_numbers_already_in_the_text():
    text = "Code Z101 near Astana."
    protected, slots = protect(text, find_terms(text, GLOSSARY, "ru"), "ru")
    assert protected == "Code Z101 near Z102."
    assert slots[0].placeholder == "Z102"


def test_check_placeholders_reports_each_problem():
    slots = protect(
        "Astana, Kazakhstan, Astana", find_terms("Astana, Kazakhstan, Astana", GLOSSARY, "ru"), "ru"
    )[1]
    report = check_placeholders("Z103 Z101 Z101 Z999", slots)
    assert report.problems == [
        "placeholder Z101 (Astana) duplicated ×2",
        "placeholder Z102 (Kazakhstan) lost",
        "unknown placeholder Z999 in the output",
    ]
    good = restore("Z103, Z102, Z101", slots, "ru")
    assert good.reordered and good.text == "Астана, Казахстан, Астана"


class CountingAlignDropEngine(DropEngine):
    aligned_batches: list[int]

    def align_batch(self, texts: Sequence[str], source: str, target: str) -> list[AlignedText]:
        self.aligned_batches.append(len(texts))
        return super().align_batch(texts, source, target)


def test_every_pass_goes_to_the_engine_in_chunks():
    engine = CountingAlignDropEngine(EngineOptions(chunk_size=2))
    engine.aligned_batches = []
    texts = [f"Jean-Baptiste Lemoyne visited Astana, day {n}." for n in range(5)]
    results = run(engine, texts, "kk")
    assert [len(call) for call in engine.calls] == [2, 2, 1, 2, 2, 1]  # plain, placeholders
    assert engine.aligned_batches == [2, 2, 1]
    assert all(t.status is not TermStatus.MISSING for r in results for t in r.terms)
