"""Sentence segmentation: polyglot against pySBD, syntok, BlingFire and others.

Accuracy on the test sets in ``benchmarks/data/sbd`` (sources, licences and the
normalisation of treebank boundaries in its README), then speed and linearity on
news text of 250 kB and 2.5 MB.

    python benchmarks/segmenter.py              # accuracy (development parts) + speed
    python benchmarks/segmenter.py --no-speed   # accuracy only
    python benchmarks/segmenter.py --heldout    # the set-aside parts, scored at the end only
    python benchmarks/segmenter.py --full       # pySBD on 2.5 MB too (minutes)
    python benchmarks/segmenter.py --no-speed --sets gum,ewt   # only the sets named so

Every UD set's units are the treebank's sentences except UD English-LinES,
whose units are segments aligned to the Swedish translation (UD Swedish-LinES),
not orthographic sentences: its rows are labelled so, and each language's
table sums the UD sentence sets without it ("all UD sentence sets": the row
issue #16's target is read from) and with it ("all UD sets incl. LinES").

Metrics: the share of cases segmented exactly right ("exact"), and sentence
boundaries (where a sentence starts, other than a case's first) compared by
character offset: precision, recall, F1, micro-averaged over a set.  Missing
segmenters (``pip install -e '.[bench]'``) are reported "not installed"; missing
sets (the non-commercial UD sets are built locally by ``benchmarks/build_ud_sets.py``)
are skipped.
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


@dataclass(frozen=True)
class TestSet:
    """One file of cases, in one language; ``part``: own, dev or heldout.

    ``aligned``: where the set's units are segments aligned to a translation, not
    orthographic sentences, what they are aligned to (such a set is kept out of
    the sum of the sentence sets).
    """

    file: str
    title: str
    lang: str
    part: str = "own"
    aligned: str = ""

    def path(self) -> Path:
        return DATA / f"{self.file}.jsonl"

    @property
    def short(self) -> str:
        """The treebank's own name: ``LinES`` of ``UD English-LinES (...)``."""
        return self.title.split(" (")[0].rsplit("-", 1)[-1]


def _ud(name: str, title: str, lang: str, aligned: str = "") -> list[TestSet]:
    return [TestSet(f"{name}.{part}", title, lang, part, aligned) for part in ("dev", "heldout")]


SETS = [
    TestSet("golden_rules_en", "Golden Rules (Pragmatic Segmenter)", "en"),
    TestSet("syntok_ospl_en", "syntok OSPL", "en"),
    TestSet("ud_pud_en_sample", "UD English PUD (news sample)", "en"),
    TestSet("polyglot_wire_en", "polyglot wire copy", "en"),
    *_ud("ud_ewt_en", "UD English-EWT (web)", "en"),
    *_ud("local/ud_partut_en", "UD English-ParTUT (legal, news, wiki)", "en"),
    *_ud("local/ud_gentle_en", "UD English-GENTLE (eight genres)", "en"),
    *_ud("local/ud_gum_en", "UD English-GUM (15 genres, written and spoken)", "en"),
    TestSet("ud_pud_en.heldout", "UD English-PUD (news, wiki; beyond the sample)", "en", "heldout"),
    *_ud(
        "local/ud_lines_en",
        "UD English-LinES (fiction, manuals; translation-aligned segments, not sentences)",
        "en",
        aligned="the Swedish translation in UD Swedish-LinES",
    ),
    *_ud("ud_gsd_ru", "UD Russian-GSD (wiki)", "ru"),
    *_ud("ud_gsd_fr", "UD French-GSD (news, blogs, wiki)", "fr"),
    TestSet("ud_sequoia_fr.dev", "UD French-Sequoia (news, wiki, medical, Europarl)", "fr", "dev"),
    TestSet("local/ud_partut_fr.dev", "UD French-ParTUT (legal, news, wiki)", "fr", "dev"),
    TestSet("ud_pud_fr.dev", "UD French-PUD (news, wiki)", "fr", "dev"),
    *_ud("ud_ktb_kk", "UD Kazakh-KTB (wiki, fiction, news)", "kk"),
]

Starts = set[int]
Splitter = Callable[[str], list[int]]


@dataclass
class Score:
    """Boundary counts and exact cases for one segmenter on one set."""

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

    @property
    def accuracy(self) -> float:
        return self.exact / self.texts if self.texts else 0.0

    def merged(self, other: Score) -> Score:
        return Score(
            self.tp + other.tp,
            self.fp + other.fp,
            self.fn + other.fn,
            self.exact + other.exact,
            self.texts + other.texts,
        )

    def format(self) -> str:
        return f"{self.accuracy:.3f} · F1 {self.f1:.3f}"


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


def offsets_of(text: str, pieces: list[str]) -> list[int]:
    """Where each of a segmenter's sentences (strings) starts in ``text``, found in order."""
    offsets, pos = [], 0
    for piece in pieces:
        head = piece.strip()[:40]
        if not head:
            continue
        at = text.find(head, pos)
        if at < 0:  # the segmenter changed the text (spaces): skip the piece
            continue
        offsets.append(at)
        pos = at + len(head)
    return offsets


def _polyglot(lang: str) -> Splitter:
    from polyglot.segment import split_sentences

    return lambda text: [s for s, _ in split_sentences(text, lang)]


def _pysbd(lang: str) -> Splitter:
    import pysbd

    seg = pysbd.Segmenter(language=lang, clean=False, char_span=True)
    return lambda text: [span.start for span in seg.segment(text)]


def _syntok(lang: str) -> Splitter:
    import syntok.segmenter

    def split(text: str) -> list[int]:
        return [
            sentence[0].offset
            for paragraph in syntok.segmenter.analyze(text)
            for sentence in paragraph
            if sentence
        ]

    return split


def _blingfire(lang: str) -> Splitter:
    import blingfire

    def split(text: str) -> list[int]:
        return [start for start, _ in blingfire.text_to_sentences_and_offsets(text)[1]]

    return split


def _sentencex(lang: str) -> Splitter:
    import sentencex

    return lambda text: offsets_of(text, list(sentencex.segment(lang, text)))


def _moses(lang: str) -> Splitter:
    from sentence_splitter import SentenceSplitter

    splitter = SentenceSplitter(language=lang)
    return lambda text: offsets_of(text, splitter.split(text))


def _nupunkt(lang: str) -> Splitter:
    if lang != "en":
        raise LookupError(lang)
    import nupunkt

    return lambda text: [s for s, _ in nupunkt.sent_spans(text)]


def _razdel(lang: str) -> Splitter:
    if lang != "ru":
        raise LookupError(lang)
    import razdel

    return lambda text: [s.start for s in razdel.sentenize(text)]


#: Segmenters by name: a factory that takes a language code (LookupError: not supported).
SEGMENTERS: dict[str, Callable[[str], Splitter]] = {
    "polyglot": _polyglot,
    "pySBD": _pysbd,
    "syntok": _syntok,
    "BlingFire": _blingfire,
    "sentencex": _sentencex,
    "Moses splitter": _moses,
    "nupunkt": _nupunkt,
    "razdel": _razdel,
}


def load_set(name: str) -> list[dict[str, object]]:
    lines = (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


#: Segmenters whose package is missing, found while making splitters (printed once).
NOT_INSTALLED: set[str] = set()


def make_splitters(lang: str) -> dict[str, Splitter]:
    """The segmenters installed that handle ``lang``."""
    out: dict[str, Splitter] = {}
    for name, make in SEGMENTERS.items():
        try:
            out[name] = make(lang)
        except ImportError:
            NOT_INSTALLED.add(name)
        except Exception:  # not for this language (LookupError, or the library's own error)
            continue
    return out


def score_set(test_set: TestSet, splitters: dict[str, Splitter]) -> dict[str, Score]:
    docs = load_set(test_set.file)
    scores: dict[str, Score] = {}
    for seg_name, split in splitters.items():
        score = Score()
        for doc in docs:
            text = str(doc["text"])
            gold = gold_starts(text, list(doc["sentences"]))  # type: ignore[call-overload]
            got = _starts(text, split(text))
            score.add(gold, got)
            if gold != got:
                score.errors.append(str(doc["id"]))
        scores[seg_name] = score
    return scores


def selected(parts: tuple[str, ...], names: tuple[str, ...] = ()) -> list[TestSet]:
    """The sets of ``parts`` whose file exists and, where ``names`` are given, whose
    file name contains one of them."""
    return [
        s
        for s in SETS
        if s.part in parts
        and s.path().exists()
        and (not names or any(n in Path(s.file).name for n in names))
    ]


def evaluate(
    parts: tuple[str, ...], names: tuple[str, ...] = ()
) -> dict[TestSet, dict[str, Score]]:
    """Scores per set (those of ``parts`` that exist, filtered by ``names``) and segmenter."""
    results: dict[TestSet, dict[str, Score]] = {}
    by_lang: dict[str, dict[str, Splitter]] = {}
    for test_set in selected(parts, names):
        if test_set.lang not in by_lang:
            by_lang[test_set.lang] = make_splitters(test_set.lang)
        results[test_set] = score_set(test_set, by_lang[test_set.lang])
    return results


def render_accuracy(results: dict[TestSet, dict[str, Score]]) -> str:
    """One table per language: sets as rows, segmenters as columns, exact share · boundary F1."""
    out = []
    for lang in dict.fromkeys(s.lang for s in results):
        sets = [s for s in results if s.lang == lang]
        names = list(dict.fromkeys(n for s in sets for n in results[s]))
        out += [
            f"\n### {lang}: share of cases exactly right · boundary F1\n",
            "| test set | part | cases | boundaries | " + " | ".join(names) + " |",
            "|---|---|---:|---:|" + "---:|" * len(names),
        ]
        for s in sets:
            scores = results[s]
            first = scores[names[0]]
            cells = [scores[n].format() if n in scores else "–" for n in names]
            out.append(
                f"| {s.title} | {s.part} | {first.texts} | {first.tp + first.fn} | "
                + " | ".join(cells)
                + " |"
            )
        ud = [s for s in sets if s.part != "own"]
        aligned = [s for s in ud if s.aligned]
        sums = [("all UD sentence sets", [s for s in ud if not s.aligned])]
        if aligned:
            shorts = ", ".join(dict.fromkeys(s.short for s in aligned))
            sums.append((f"all UD sets incl. {shorts}", ud))
        for label, summed in sums:
            if len(ud) < 2 or not summed:
                continue
            total = {n: Score() for n in names}
            for s in summed:
                for n in names:
                    total[n] = total[n].merged(results[s].get(n, Score()))
            first = total[names[0]]
            cells = [f"**{total[n].format()}**" for n in names]
            out.append(
                f"| **{label}** | | {first.texts} | {first.tp + first.fn} | "
                + " | ".join(cells)
                + " |"
            )
        for short, to in dict.fromkeys((s.short, s.aligned) for s in aligned):
            out.append(
                f"\n{short}: its units are segments aligned to {to} (same segment index), "
                "not orthographic sentences: scored, but kept out of the UD sentence sets' sum."
            )
    return "\n".join(out)


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
#: The segmenters timed (the others are slower than pySBD or take strings apart).
_SPEED = ("polyglot", "pySBD", "syntok", "BlingFire")


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
    parser.add_argument(
        "--heldout", action="store_true", help="score the set-aside parts (only at the end)"
    )
    parser.add_argument("--errors", action="store_true", help="list the cases each one gets wrong")
    parser.add_argument(
        "--sets",
        metavar="NAME[,NAME]",
        default="",
        help="score only the sets whose file name contains one of these (e.g. gum,ewt)",
    )
    args = parser.parse_args()

    parts = ("heldout",) if args.heldout else ("own", "dev")
    names = tuple(n.strip() for n in args.sets.split(",") if n.strip())
    if names and not selected(parts, names):
        parser.error(
            f"--sets {args.sets}: no {' or '.join(parts)} set's file name contains it; "
            f"the sets present: {', '.join(Path(s.file).name for s in selected(parts))}"
        )
    results = evaluate(parts, names)
    print("## Accuracy")
    print(render_accuracy(results))
    for name in SEGMENTERS:
        if name in NOT_INSTALLED:
            print(f"\n{name}: not installed (pip install -e '.[bench]')")
    if args.errors:
        for test_set, scores in results.items():
            for n, score in scores.items():
                print(f"{test_set.file} / {n}: {', '.join(score.errors) or '-'}")
    if not args.no_speed:
        print("\n## Speed (one core; sentences counted as polyglot splits them)")
        fast_and_known = {n: f for n, f in make_splitters("en").items() if n in _SPEED}
        print(render_speed(fast_and_known, args.full))


if __name__ == "__main__":
    main()
