"""Translators: a unit of segments in, {segment id: Translation} out, as plain values."""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import pytest

from polyglot.engines.base import Engine, EngineInfo, EngineOptions
from polyglot.glossary.model import Entry, Glossary
from polyglot.languages import LanguagePair
from polyglot.model import Origin, SegmentKind, Severity, Span, TermStatus
from polyglot.pipeline import read_document
from polyglot.tm import open_memory
from polyglot.translators import (
    SourceSegment,
    TranslationUnit,
    build_translator,
    document_units,
    translate_units,
)
from polyglot.translators.compose import CleanTranslator
from polyglot.translators.engine import EngineTranslator
from polyglot.translators.glossary import GlossaryTranslator
from polyglot.translators.memory import MemoryTranslator

EN_RU = LanguagePair("en", "ru")
GLOSSARY = Glossary([Entry("Astana", {"ru": "Астана"}, type="place")], ["ru"])


class TagEngine(Engine):
    """Tags each text with the target language; records every batch; can fail on a call."""

    name: ClassVar[str] = "tag"
    fail_on_call: ClassVar[int | None] = None

    def __init__(self, options: EngineOptions | None = None) -> None:
        super().__init__(options or EngineOptions())
        self.batches: list[list[str]] = []

    def prepare(self, source: str, target: str) -> EngineInfo:
        return EngineInfo("tag", "tag 1.0")

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        if len(self.batches) == self.fail_on_call:
            raise RuntimeError("engine crashed")
        self.batches.append(list(texts))
        return [f"[{target}] {text}" for text in texts]


def unit(*texts: str, document: str = "a") -> TranslationUnit:
    return TranslationUnit(
        EN_RU, tuple(SourceSegment(f"s{i}", t, document=document) for i, t in enumerate(texts))
    )


def test_a_unit_is_a_plain_value_that_can_be_shipped_to_a_worker():
    work = unit("Hello.", "Astana.")
    assert pickle.loads(pickle.dumps(work)) == work
    engine = TagEngine()
    results = EngineTranslator(engine, engine.prepare("en", "ru")).translate(work)
    assert pickle.loads(pickle.dumps(results)) == results
    assert {k: tr.text for k, tr in results.items()} == {"s0": "[ru] Hello.", "s1": "[ru] Astana."}
    assert {tr.origin for tr in results.values()} == {Origin.MT}


def test_the_engine_owns_chunking_and_translates_each_distinct_string_once():
    engine = TagEngine(EngineOptions(chunk_size=2))
    outputs = engine.translate_texts(["a", "b", "a", "c", "b"], "en", "ru")
    assert outputs == ["[ru] a", "[ru] b", "[ru] a", "[ru] c", "[ru] b"]
    assert engine.batches == [["a", "b"], ["c"]]


def test_document_units_cut_a_document_in_reading_order(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text("One. Two.\n\nThree. Four. Five.")
    doc = read_document(article)
    units = document_units(doc, "ru", size=2)
    assert [[s.id for s in u.segments] for u in units] == [
        ["p1s1", "p1s2"],
        ["p2s1", "p2s2"],
        ["p2s3"],
    ]
    assert {s.document for u in units for s in u.segments} == {"a"}
    assert all(u.pair == EN_RU for u in units)


def test_the_glossary_translator_returns_terms_and_an_issue_per_missing_term():
    class ForgetfulEngine(TagEngine):
        def translate_batch(self, texts, source, target):
            return ["Город." for _ in texts]  # loses every name, placeholders included

    engine = ForgetfulEngine()
    work = TranslationUnit(
        EN_RU,
        (
            SourceSegment("d", "ASTANA", SegmentKind.DATELINE),
            SourceSegment("s", "They met in Astana."),
        ),
    )
    results = GlossaryTranslator(engine, engine.prepare("en", "ru"), GLOSSARY).translate(work)
    dateline, sentence = results["d"], results["s"]
    assert (dateline.text, dateline.origin, dateline.issues) == ("АСТАНА", Origin.GLOSSARY, [])
    assert [t.status for t in sentence.terms] == [TermStatus.MISSING]
    [issue] = sentence.issues
    assert (issue.check, issue.severity) == ("glossary", Severity.ERROR)
    assert issue.message == "glossary term missing: Astana = Астана"
    assert issue.spans == (Span("source", 12, 18),)


def test_the_memory_translator_stores_each_unit_after_it_returns(tmp_path: Path):
    engine = TagEngine(EngineOptions(chunk_size=2))
    engine.fail_on_call = 1  # the second unit's call crashes
    info = engine.prepare("en", "ru")
    with open_memory(tmp_path / "m.sqlite") as memory:
        translator = MemoryTranslator(memory, EngineTranslator(engine, info), info)
        units = [unit("One.", "Two."), unit("Three.", "Four.")]
        done = []
        with pytest.raises(RuntimeError, match="engine crashed"):
            for work, _results in translate_units(units, translator):
                done.append(work)
        assert done == units[:1]
        assert {u.source: u.target for u in memory.units()} == {
            "One.": "[ru] One.",
            "Two.": "[ru] Two.",
        }
        # the next run takes the finished unit from the memory and translates the rest
        engine.fail_on_call = None
        engine.batches.clear()
        results = translator.translate(unit("One.", "Two.", "Three."))
        assert engine.batches == [["Three."]]
        assert [results[k].origin for k in ("s0", "s1", "s2")] == [Origin.TM, Origin.TM, Origin.MT]


def test_a_unit_of_many_documents_stores_each_segment_under_its_document(tmp_path: Path):
    engine = TagEngine()
    info = engine.prepare("en", "ru")
    work = TranslationUnit(
        EN_RU,
        (
            SourceSegment("a/p1s1", "One.", document="a"),
            SourceSegment("b/p1s1", "Two.", document="b"),
        ),
    )
    with open_memory(tmp_path / "m.sqlite") as memory:
        MemoryTranslator(memory, EngineTranslator(engine, info), info).translate(work)
        assert {(u.source, u.document, u.segment_id) for u in memory.units()} == {
            ("One.", "a", "a/p1s1"),
            ("Two.", "b", "b/p1s1"),
        }


def test_reused_machine_text_that_misses_a_term_is_translated_again(tmp_path: Path):
    engine = TagEngine()
    info = engine.prepare("en", "ru")
    with open_memory(tmp_path / "m.sqlite") as memory:
        memory.store_machine(
            "en",
            "ru",
            [("In Astana.", "В городе.", None)],
            engine="tag",
            model="tag 1.0",
            document=None,
        )
        translator = build_translator(engine, info, EN_RU, GLOSSARY, memory)
        results = translator.translate(unit("In Astana."))
    assert engine.batches[0] == ["In Astana."]  # stale: the memory's text lacks the term
    assert results["s0"].origin is Origin.MT


def test_pseudo_localisation_uses_neither_glossary_nor_memory(tmp_path: Path):
    from polyglot.engines.pseudo import PseudoEngine

    engine = PseudoEngine(EngineOptions())
    info = engine.prepare("en", "ru")
    with open_memory(tmp_path / "m.sqlite") as memory:
        translator = build_translator(engine, info, EN_RU, GLOSSARY, memory)
        assert isinstance(translator, CleanTranslator)
        assert isinstance(translator.inner, EngineTranslator)


def test_translations_are_assigned_to_segments_in_one_place():
    """Translators return values; only translators.unit.assign puts them into a document."""
    import ast

    package = Path(__file__).resolve().parent.parent / "polyglot"
    places = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                if (
                    isinstance(target, ast.Subscript)
                    and isinstance(target.value, ast.Attribute)
                    and target.value.attr == "translations"
                ):
                    places.append(f"{path.relative_to(package)}:{node.lineno}")
    assert [p.split(":")[0] for p in places] == ["translators/unit.py"], places
