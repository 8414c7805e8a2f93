#!/usr/bin/env python3
"""Flags per 1,000 clean segments for each QA check: its false-positive rate.

Two kinds of clean segment, because no real en→kk/ru/fr translations of news are
in the repository:

A. **Copy-model output** (real CTranslate2 engine, the copy packages of
   ``tools/build_test_packages.py``): the seed article and the 200 sentences of
   ``benchmarks/translate_speed.py``, into kk, ru and fr.  The output is the
   source, so nothing is wrong with its numbers, length, loops, punctuation,
   URLs or placeholders: every ``numbers``, ``omission``, ``repetition``,
   ``punctuation``, ``urls``, ``placeholders`` and ``consistency`` flag is a
   false positive.  (``untranslated`` and ``language`` rightly fire there: the
   output is English; they are measured on B.)
B. **Real Kazakh, Russian and French sentences** (the UD treebank sentences of
   ``benchmarks/data/sbd``: each gold sentence a target, paired with an unrelated
   English benchmark sentence as its source): the checks that judge the target's
   own text — ``untranslated`` (script, identical), ``language``,
   ``repetition``, ``placeholders`` — must stay silent.  The development parts
   (``*.dev``) were looked at while setting thresholds; the set-aside parts
   (``*.heldout``) were not, and are printed separately.

Run:  python benchmarks/check_false_positives.py [--models-dir build/test-packages/installed]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_ab846ab5c136d731.txt"
SBD = REPO / "benchmarks" / "data" / "sbd"
LANGS = ["kk", "ru", "fr"]
COPY_CHECKS = ["numbers", "omission", "repetition", "punctuation", "urls", "placeholders",
               "consistency"]  # fmt: skip
TARGET_CHECKS = ["untranslated", "language", "repetition", "placeholders"]
UD_SETS = {"kk": "ud_ktb_kk", "ru": "ud_gsd_ru", "fr": "ud_gsd_fr"}


def benchmark_sentences() -> list[str]:
    spec = importlib.util.spec_from_file_location(
        "translate_speed", REPO / "benchmarks" / "translate_speed.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sentences: list[str] = module.make_sentences(200)
    return sentences


def copy_output(models_dir: Path) -> dict[str, list[tuple[str, str, list[str]]]]:
    """lang -> [(source, translation, checks that flagged it)] of the copy model."""
    from polyglot.engines import EngineOptions, load_engine
    from polyglot.model import Document, Paragraph, Segment
    from polyglot.pipeline import read_document, translate_document

    text = ""
    segments = []
    for index, sentence in enumerate(benchmark_sentences(), start=1):
        start = len(text)
        text += sentence + "\n\n"
        segments.append(Segment(f"p{index}s1", sentence, start, start + len(sentence)))
    bench = Document(
        text=text,
        name="benchmark",
        paragraphs=[Paragraph(i, s.start, s.end, [s]) for i, s in enumerate(segments, start=1)],
    )
    engine = load_engine("argos", EngineOptions(models_dir=models_dir))
    results: dict[str, list[tuple[str, str, list[str]]]] = {lang: [] for lang in LANGS}
    for doc in (read_document(SEED), bench):
        translate_document(doc, LANGS, engine)
        for seg in doc.segments():
            for lang in LANGS:
                tr = seg.translations[lang]
                results[lang].append((seg.source, tr.text, [i.check for i in tr.issues]))
    return results


def real_sentences(part: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for lang, name in UD_SETS.items():
        with open(SBD / f"{name}.{part}.jsonl", encoding="utf-8") as fp:
            found[lang] = [s for line in fp for s in json.loads(line)["sentences"]]
    return found


def target_flags(lang: str, sentences: list[str], sources: list[str]) -> list[list[str]]:
    from polyglot.checks import CheckContext, load_check
    from polyglot.languages import LanguagePair

    context = CheckContext(LanguagePair("en", lang))
    checks = [load_check(n, context) for n in TARGET_CHECKS]
    checks = [c for c in checks if c.applies(context)]
    flags = []
    for index, sentence in enumerate(sentences):
        source = sources[index % len(sources)]
        flags.append([i.check for c in checks for i in c.check(source, sentence)])
    return flags


def per_thousand(count: int, total: int) -> str:
    return f"{1000 * count / total:6.1f}" if total else "   n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--models-dir", type=Path, default=REPO / "build" / "test-packages" / "installed"
    )
    parser.add_argument("--show", action="store_true", help="print every flagged segment")
    args = parser.parse_args()

    print("A. copy-model output (seed + 200 benchmark sentences), flags per 1,000 segments")
    output = copy_output(args.models_dir)
    print(f"{'check':14}" + "".join(f"{lang:>8}" for lang in LANGS))
    for check in [*COPY_CHECKS, "untranslated", "language"]:
        row = f"{check:14}"
        for lang in LANGS:
            flagged = sum(1 for _, _, checks in output[lang] if check in checks)
            row += f"  {per_thousand(flagged, len(output[lang]))}"
        note = (
            "  (expected: the output is English)" if check in ("untranslated", "language") else ""
        )
        print(row + note)
    print(f"segments per language: {len(output['kk'])}")
    if args.show:
        for lang in LANGS:
            for _source, text, checks in output[lang]:
                if set(checks) & set(COPY_CHECKS):
                    print(f"  {lang} {checks}: {text[:100]}")

    sources = benchmark_sentences()
    for part in ("dev", "heldout"):
        real = real_sentences(part)
        print(f"\nB. real sentences, UD {part} part, flags per 1,000 sentences")
        print(f"{'check':14}" + "".join(f"{lang:>8}" for lang in LANGS))
        flags = {lang: target_flags(lang, real[lang], sources) for lang in LANGS}
        for check in TARGET_CHECKS:
            row = f"{check:14}"
            for lang in LANGS:
                counts = Counter(c for f in flags[lang] for c in set(f))
                row += f"  {per_thousand(counts[check], len(flags[lang]))}"
            print(row)
        print("sentences: " + ", ".join(f"{lang} {len(real[lang])}" for lang in LANGS))
        if args.show:
            for lang in LANGS:
                for sentence, found in zip(real[lang], flags[lang], strict=True):
                    if found:
                        print(f"  {lang} {found}: {sentence[:100]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
