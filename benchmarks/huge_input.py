"""Time and peak memory of ``polyglot translate`` on huge articles.

Builds articles of 1, 5 and 20 MB from the seed's paragraphs (numbers varied so
sentences differ), runs ``polyglot translate --engine pseudo --no-tm`` on each
in its own process and prints wall time, peak RSS and their ratios to the input
size: both should grow linearly (no super-linear stage), and the progress bar
advances chunk by chunk.

Run:  python benchmarks/huge_input.py [--sizes 1,5,20]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_ab846ab5c136d731.txt"


def make_article(megabytes: float) -> str:
    """A seed-format article of about ``megabytes`` MB of distinct paragraphs."""
    body = SEED.read_text(encoding="utf-8").split("KAZINFORM", 1)[1]
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    parts = [" date 2017-09-11 ASTANA. KAZINFORM " + paragraphs[0]]
    size, i = len(parts[0]), 0
    while size < megabytes * 1_000_000:
        text = paragraphs[i % len(paragraphs)]
        text = text.replace("2018", str(1900 + i % 200)).replace("2009", str(i))
        parts.append(text)
        size += len(text) + 2
        i += 1
    return "\n\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,5,20", help="article sizes in MB")
    args = parser.parse_args()
    print("| input | segments | wall time (s) | peak RSS (MB) | s per MB | RSS MB per MB |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for megabytes in (float(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            article = Path(tmp) / "huge.txt"
            article.write_text(make_article(megabytes), encoding="utf-8")
            segments = sum(1 for p in article.read_text().split("\n\n") if p.strip())
            started = time.perf_counter()
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            subprocess.run(
                [sys.executable, "-m", "polyglot", "translate", str(article), "--to", "ru",
                 "--engine", "pseudo", "--no-tm", "--out", str(Path(tmp) / "out")],
                check=True, capture_output=True,
            )  # fmt: skip
            seconds = time.perf_counter() - started
            peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        print(
            f"| {megabytes:g} MB | {segments + 1} | {seconds:.1f} | {peak:.0f} | "
            f"{seconds / megabytes:.2f} | {peak / megabytes:.0f} |"
        )


if __name__ == "__main__":
    main()
