"""Sentence segmentation: polyglot against pySBD, syntok and BlingFire.

Accuracy on the test sets in ``benchmarks/data/sbd`` (sources and licences in
its README), then speed and linearity on news text of 250 kB and 2.5 MB.

    python benchmarks/segmenter.py              # accuracy + speed (pySBD up to 250 kB)
    python benchmarks/segmenter.py --no-speed   # accuracy only
    python benchmarks/segmenter.py --full       # pySBD on 2.5 MB too (minutes)

Metrics: sentence boundaries (where a sentence starts, other than a text's
first) compared by character offset: precision, recall, F1, micro-averaged over
a set; and the share of texts segmented exactly right ("texts").  Missing
segmenters (``pip install pysbd syntok blingfire``) are skipped.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "sbd"
ROOT = Path(__file__).resolve().parent.parent

SETS = {
    "golden_rules_en": "Golden Rules (Pragmatic Segmenter)",
    "syntok_ospl_en": "syntok OSPL",
    "ud_pud_en_sample": "UD English PUD (news sample)",
    "polyglot_wire_en": "polyglot wire copy",
}

Starts = set[int]
Splitter = Callable[[str], list[int]]


@dataclass
class Score:
    """Boundary counts and exact texts for one segmenter on one set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    exact: int = 0
    texts: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, gold: Starts, got: Starts) -> None:
        self.tp += len(gold & got)
        self.fp += len(got - gold)
        self.fn += len(gold - got)
        self.exact += gold == got
        self.texts += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def merged(self, other: Score) -> Score:
        return Score(
            self.tp + other.tp,
            self.fp + other.fp,
            self.fn + other.fn,
            self.exact + other.exact,
            self.texts + other.texts,
        )


def _first_char(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _starts(text: str, offsets: list[int]) -> Starts:
    first = _first_char(text, 0)
    return {p for p in (_first_char(text, o) for o in offsets) if first < p < len(text)}


def gold_starts(text: str, sentences: list[str]) -> Starts:
    """Start offsets of the gold sentences, found in order in the text."""
    offsets, pos = [], 0
    for sentence in sentences:
        at = text.index(sentence, pos)
        offsets.append(at)
        pos = at + len(sentence)
    return _starts(text, offsets)


def _polyglot() -> Splitter:
    from polyglot.segment import split_sentences

    return lambda text: [s for s, _ in split_sentences(text, "en")]


def _pysbd() -> Splitter:
    import pysbd

    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda text: [span.start for span in seg.segment(text)]


def _syntok() -> Splitter:
    import syntok.segmenter

    def split(text: str) -> list[int]:
        return [
            sentence[0].offset
            for paragraph in syntok.segmenter.analyze(text)
            for sentence in paragraph
            if sentence
        ]

    return split


def _blingfire() -> Splitter:
    import blingfire

    def split(text: str) -> list[int]:
        return [start for start, _ in blingfire.text_to_sentences_and_offsets(text)[1]]

    return split


SEGMENTERS: dict[str, Callable[[], Splitter]] = {
    "polyglot": _polyglot,
    "pySBD 0.3.4": _pysbd,
    "syntok": _syntok,
    "BlingFire": _blingfire,
}


def load_set(name: str) -> list[dict[str, object]]:
    lines = (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def evaluate(splitters: dict[str, Splitter]) -> dict[str, dict[str, Score]]:
    results: dict[str, dict[str, Score]] = {}
    for name in SETS:
        docs = load_set(name)
        results[name] = {}
        for seg_name, split in splitters.items():
            score = Score()
            for doc in docs:
                text = str(doc["text"])
                gold = gold_starts(text, list(doc["sentences"]))  # type: ignore[call-overload]
                got = _starts(text, split(text))
                score.add(gold, got)
                if gold != got:
                    score.errors.append(str(doc["id"]))
            results[name][seg_name] = score
    return results


def render_accuracy(results: dict[str, dict[str, Score]], names: list[str]) -> str:
    header = "| test set | texts | boundaries | " + " | ".join(names) + " |"
    rule = "|---|---:|---:|" + "---:|" * len(names)
    rows = [header, rule]
    totals = {n: Score() for n in names}
    for set_name, scores in results.items():
        first = scores[names[0]]
        cells = []
        for n in names:
            s = scores[n]
            totals[n] = totals[n].merged(s)
            cells.append(f"F1 {s.f1:.3f} · {s.exact}/{s.texts}")
        rows.append(
            f"| {SETS[set_name]} | {first.texts} | {first.tp + first.fn} | "
            + " | ".join(cells)
            + " |"
        )
    cells = [f"**F1 {totals[n].f1:.3f} · {totals[n].exact}/{totals[n].texts}**" for n in names]
    rows.append("| **all sets** | | | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def news_text(size: int, one_paragraph: bool = False) -> str:
    """News-like text of ``size`` characters: the test sets' news paragraphs, repeated.

    ``one_paragraph``: line breaks become spaces (a feed without paragraph marks),
    which is where segmenters that are not linear show it.
    """
    paragraphs = []
    for name in ("polyglot_wire_en", "ud_pud_en_sample"):
        paragraphs += [str(d["text"]) for d in load_set(name)]
    seed = ROOT / "seeds" / "000_ab846ab5c136d731.txt"
    if seed.exists():
        text = seed.read_text(encoding="utf-8")
        paragraphs += [p.strip() for p in text.split("\n\n") if p.strip()]
    block = "\n\n".join(paragraphs) + "\n\n"
    if one_paragraph:
        block = " ".join(block.split()) + " "
    return (block * (size // len(block) + 1))[:size]


def _time(split: Splitter, text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        split(text)
        best = min(best, time.perf_counter() - t0)
    return best


# Segmenters that take minutes on 2.5 MB: their growth is measured from 25 kB to 250 kB.
_SLOW = ("pySBD", "syntok")


def render_speed(splitters: dict[str, Splitter], full: bool) -> str:
    from polyglot.segment import split_sentences

    rows = []
    for label, one_paragraph in (("news, paragraphs", False), ("one long paragraph", True)):
        small = news_text(250_000, one_paragraph)
        large = news_text(2_500_000, one_paragraph)
        sentences = len(split_sentences(small))
        rows += [
            f"\n### {label}: 250 kB = {sentences:,} sentences\n",
            "| segmenter | 250 kB | sentences/s | 2.5 MB | time × for 10× text |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, split in splitters.items():
            t_small = _time(split, small, 1 if name.startswith(_SLOW) else 3)
            rate = f"{sentences / t_small:,.0f}"
            if name.startswith(_SLOW) and not full:
                t_tiny = _time(split, news_text(25_000, one_paragraph), 1)
                rows.append(
                    f"| {name} | {t_small:.2f} s | {rate} | not run (--full) "
                    f"| {t_small / t_tiny:.1f} (25 kB → 250 kB) |"
                )
                continue
            t_large = _time(split, large, 1 if name.startswith(_SLOW) else 2)
            rows.append(
                f"| {name} | {t_small:.3f} s | {rate} | {t_large:.2f} s | {t_large / t_small:.1f} |"
            )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-speed", action="store_true", help="accuracy only")
    parser.add_argument("--full", action="store_true", help="run pySBD on 2.5 MB too")
    parser.add_argument("--errors", action="store_true", help="list the texts each one gets wrong")
    args = parser.parse_args()

    splitters: dict[str, Splitter] = {}
    for name, make in SEGMENTERS.items():
        try:
            splitters[name] = make()
        except ImportError:
            print(f"(skipping {name}: not installed)")
    names = list(splitters)
    results = evaluate(splitters)
    print("## Accuracy: boundary F1 · texts segmented exactly right\n")
    print(render_accuracy(results, names))
    if args.errors:
        for set_name, scores in results.items():
            for n in names:
                print(f"{set_name} / {n}: {', '.join(scores[n].errors) or '-'}")
    if not args.no_speed:
        print("\n## Speed (one core; sentences counted as polyglot splits them)")
        print(render_speed(splitters, args.full))


if __name__ == "__main__":
    main()
