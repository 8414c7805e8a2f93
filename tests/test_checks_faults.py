"""The QA checks through the real engine: copy models built to fail as machine translation
fails (tools/build_test_packages.py FAULTS), run through CTranslate2.  Each fault's check
flags every segment the fault changed, and the clean copy model raises none of the
numbers, omission and repetition flags, on the seed and on the 200 benchmark sentences.

The copy models write the English source for kk and ru (and for fr): there the
untranslated check rightly fires, and the language check on the kk/ru script fault;
those are expected, not false positives.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from repo_scripts import load_script

from polyglot.engines import EngineOptions, load_engine
from polyglot.model import Document, Segment, Translation
from polyglot.pipeline import read_document, translate_document

REPO = Path(__file__).resolve().parent.parent
LANGS = ["kk", "ru", "fr"]
#: fault -> target -> the check that must flag every segment the fault changed.
FLAGGED_BY = {
    "digits": {"kk": "numbers", "ru": "numbers", "fr": "numbers"},
    "comma": {"kk": "omission", "ru": "omission", "fr": "omission"},
    "repeat": {"kk": "repetition", "ru": "repetition", "fr": "repetition"},
    "script": {"kk": "language", "ru": "language", "fr": "untranslated"},
}
#: Checks that must stay silent on the clean copy model's output, whatever the target.
SILENT_ON_CLEAN = {"numbers", "omission", "repetition"}


def benchmark_sentences() -> list[str]:
    module = load_script("benchmarks", "translate_speed")
    sentences: list[str] = module.make_sentences(200)
    return sentences


def benchmark_document(count: int = 200) -> Document:
    from polyglot.model import Paragraph

    segments = []
    text = ""
    for index, sentence in enumerate(benchmark_sentences()[:count], start=1):
        start = len(text)
        text += sentence + "\n\n"
        segments.append(Segment(f"p{index}s1", sentence, start, start + len(sentence)))
    paragraphs = [
        Paragraph(i, seg.start, seg.end, [seg]) for i, seg in enumerate(segments, start=1)
    ]
    return Document(text=text, name="benchmark", paragraphs=paragraphs)


def translated(doc: Document, packages: Path) -> dict[str, dict[str, Translation]]:
    engine = load_engine("argos", EngineOptions(models_dir=packages))
    translate_document(doc, LANGS, engine)
    return {lang: {seg.id: seg.translations[lang] for seg in doc.segments()} for lang in LANGS}


@pytest.fixture(scope="module")
def seed_doc(seed_path) -> Document:
    return read_document(seed_path)


@pytest.fixture(scope="module")
def clean(test_packages_dir) -> dict[str, dict[str, dict[str, Translation]]]:
    seed = read_document(REPO / "seeds" / "000_ab846ab5c136d731.txt")
    return {
        "seed": translated(seed, test_packages_dir),
        "benchmark": translated(benchmark_document(), test_packages_dir),
    }


#: Benchmark sentences the faulty models translate (the first ones; all 200 for clean output).
FAULTY_SAMPLE = 60


def judged(check: str, text: str) -> bool:
    """Whether ``check`` can judge ``text`` at all: the language check needs a long
    sentence (MIN_WORDS words), as the issue asks; the others judge every segment."""
    from polyglot.checks.language import MIN_WORDS

    return check != "language" or len(text.split()) >= MIN_WORDS


@pytest.mark.parametrize("fault", sorted(FLAGGED_BY))
def test_each_fault_is_flagged_on_every_segment_it_changed(fault, faulty_packages_dirs, clean):
    for corpus, doc in (
        ("seed", read_document(REPO / "seeds" / "000_ab846ab5c136d731.txt")),
        ("benchmark", benchmark_document(FAULTY_SAMPLE)),
    ):
        faulty = translated(doc, faulty_packages_dirs[fault])
        for lang in LANGS:
            check = FLAGGED_BY[fault][lang]
            changed = [
                key
                for key, tr in faulty[lang].items()
                if tr.text != clean[corpus][lang][key].text
                and judged(check, clean[corpus][lang][key].text)
            ]
            assert changed, (corpus, lang, "the fault changed nothing to test")
            missed = [
                (key, faulty[lang][key].text)
                for key in changed
                if check not in {issue.check for issue in faulty[lang][key].issues}
            ]
            assert not missed, (fault, corpus, lang, check, missed[:3])


@pytest.mark.parametrize("corpus", ["seed", "benchmark"])
def test_clean_copy_output_raises_no_numbers_omission_or_repetition_flag(clean, corpus):
    for lang in LANGS:
        flagged = [
            (key, issue.check, issue.message)
            for key, tr in clean[corpus][lang].items()
            for issue in tr.issues
            if issue.check in SILENT_ON_CLEAN
        ]
        assert not flagged, (corpus, lang, flagged[:3])


def test_clean_copy_output_is_flagged_untranslated_where_it_is(clean):
    """The copy model answers in English: every sentence of the seed is the source text."""
    for lang in LANGS:
        results = clean["seed"][lang]
        sentences = [key for key, tr in results.items() if len(tr.text) > 20]
        assert sentences
        for key in sentences:
            assert "untranslated" in {i.check for i in results[key].issues}, (lang, key)
