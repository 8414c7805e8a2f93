"""Glossary scaling: lint, load and matching time for big glossaries.

    python benchmarks/glossary_scale.py                 # 1k, 5k and 20k rows
    python benchmarks/glossary_scale.py --rows 50000    # other sizes

Each glossary has rows like ``TermN,ТермN,ТермN,TermN,other`` and one
``Ministry of TermN`` row in ten, and the seed article is matched against it, as
``polyglot translate`` does.  Figures are wall-clock seconds on this machine;
polyglot should stay well under a few seconds at 20k rows (work grows linearly:
the overlap check and the matcher use indexes, not every pair / every entry).
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

from polyglot.glossary.csvfile import lint_glossary, read_glossary
from polyglot.glossary.match import Matcher
from polyglot.sources import read_article

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_ab846ab5c136d731.txt"


def render_glossary(rows: int) -> bytes:
    """A glossary of ``rows`` synthetic terms after the repo's own ones."""
    header = "en,kk,ru,fr,type"
    lines = [header, *(f"Term{n},Терм{n},Терм{n},Term{n},other" for n in range(rows))]
    # multi-word terms too, so that the overlap index has prefixes to look up
    lines += [
        f"Ministry of Term{n},Министрлігі {n},Министерство {n},Ministère {n},organisation"
        for n in range(0, rows, 10)
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def measure(rows: int, segments: list[str]) -> dict[str, float]:
    """Seconds for lint, load, and load + match of every seed segment."""
    data = render_glossary(rows)
    figures: dict[str, float] = {}
    start = time.perf_counter()
    lint_glossary(io.BytesIO(data), "g.csv")
    figures["lint"] = time.perf_counter() - start
    start = time.perf_counter()
    glossary = read_glossary(io.BytesIO(data), "g.csv")
    figures["load"] = time.perf_counter() - start
    start = time.perf_counter()
    matcher = Matcher(glossary.for_lang("kk"))
    found = sum(len(matcher.find(text, "kk")) for text in segments)
    figures["match"] = time.perf_counter() - start
    figures["found"] = found
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[1000, 5000, 20000])
    args = parser.parse_args()
    doc = read_article(SEED.read_text(encoding="utf-8"), SEED.name)
    segments = [seg.source for seg in doc.segments()]
    print(f"seed: {len(segments)} segments")
    print(f"{'rows':>7} {'lint s':>8} {'load s':>8} {'match s':>8} {'terms found':>12}")
    for rows in args.rows:
        f = measure(rows, segments)
        times = f"{f['lint']:>8.3f} {f['load']:>8.3f} {f['match']:>8.3f}"
        print(f"{rows:>7} {times} {int(f['found']):>12}")


if __name__ == "__main__":
    main()
