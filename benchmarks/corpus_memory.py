"""Peak memory and time of corpus runs as the corpus grows (every output written, the
site and report.json included): memory must stay flat, time grow linearly; and the cost
of re-running on the unchanged corpus (nothing translated or rendered again).

Run:  python benchmarks/corpus_memory.py [--sizes 100,2000,10000] [--per-article 10]
          [--engine pseudo | --engine argos --models-dir build/test-packages/installed]
          [--formats text]  (fewer outputs per article: bigger corpora in the same time)
Each size runs in its own process (first run, then the re-run, peak RSS reset between
them) so each peak is its own.  The last lines give the growth per article: the slope
of a least-squares line through the peaks (KB per article), the slope between each two
sizes, and what the first would add at 100,000 articles.  A corpus smaller than one chunk
(2,000 segments) has not reached the chunk's peak yet: the slope that says whether memory
is flat is the one between sizes above that.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO))

from corpus_speed import write_corpus  # noqa: E402
from translate_speed import peak_rss_mb  # noqa: E402


def reset_peak_rss() -> None:
    """Start VmHWM again from the current RSS (Linux: ``clear_refs`` 5)."""
    Path("/proc/self/clear_refs").write_text("5")


def child(
    corpus: Path, out: Path, engine: str, models_dir: str | None, formats: str | None
) -> None:
    from polyglot.corpus import CorpusJob, translate_corpus
    from polyglot.engines import EngineOptions
    from polyglot.pipeline import TranslateJob

    article = TranslateJob(
        source=corpus,
        targets=["kk", "ru", "fr"],
        engine=engine,
        engine_options=EngineOptions(models_dir=Path(models_dir) if models_dir else None),
        use_tm=False,
        use_glossary=False,
    )
    if formats:
        article.formats = tuple(formats.split(","))
    job = CorpusJob([corpus], out, article)
    started = time.perf_counter()
    result = translate_corpus(job)
    first = time.perf_counter() - started
    rss_first = peak_rss_mb()
    assert not result.info.failed, result.info.failed[:3]
    reset_peak_rss()
    started = time.perf_counter()
    again = translate_corpus(job)
    second = time.perf_counter() - started
    rss_again = peak_rss_mb()
    assert again.info.count("unchanged") == again.info.total
    pages = sum(1 for name in again.info.files if name.startswith("index"))
    print(
        json.dumps(
            {
                "first": first,
                "again": second,
                "rss": rss_first,
                "rss_again": rss_again,
                "segments": result.info.segments,
                "pages": pages,
            }
        )
    )


def slope(points: list[tuple[int, float]]) -> float:
    """The least-squares slope of ``points`` (x, y)."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,2000,10000")
    parser.add_argument("--per-article", type=int, default=10, help="sentences per article")
    parser.add_argument("--engine", default="pseudo")
    parser.add_argument("--models-dir", default=None)
    parser.add_argument(
        "--formats", default=None, help="the articles' outputs (default: all but omegat)"
    )
    parser.add_argument("--child", nargs=2, type=Path)
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.engine, args.models_dir, args.formats)
        return
    print(
        f"{args.per_article} sentences an article, --engine {args.engine}, into kk, ru, fr, "
        f"--format {args.formats or 'default'}\n"
    )
    print(
        "| articles | segments | first run | peak RSS | index pages "
        "| re-run, unchanged | its peak RSS | re-run / first |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    firsts: list[tuple[int, float]] = []
    agains: list[tuple[int, float]] = []
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            write_corpus(corpus, size, args.per_article)
            env = dict(os.environ, HOME=tmp, XDG_DATA_HOME=f"{tmp}/d")
            command = [sys.executable, __file__, "--child", str(corpus), str(Path(tmp) / "site")]
            command += ["--engine", args.engine]
            if args.formats:
                command += ["--formats", args.formats]
            if args.models_dir:
                command += ["--models-dir", str(Path(args.models_dir).resolve())]
            proc = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp)
            if proc.returncode != 0:
                sys.exit(proc.stderr[-3000:])
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            firsts.append((size, r["rss"]))
            agains.append((size, r["rss_again"]))
            print(
                f"| {size:,} | {r['segments']:,} | {r['first']:.1f} s | {r['rss']:.0f} MB "
                f"| {r['pages']} | {r['again']:.2f} s | {r['rss_again']:.0f} MB "
                f"| {r['again'] / r['first']:.2f} |",
                flush=True,
            )
    if len(firsts) > 1:
        print()
        for what, points in (("first run", firsts), ("re-run", agains)):
            per_article = slope(points) * 1024  # MB -> KB
            steps = ", ".join(
                f"{a:,} -> {b:,}: {(rb - ra) * 1024 / (b - a):.2f}"
                for (a, ra), (b, rb) in itertools.pairwise(points)
            )
            print(
                f"{what}: peak RSS grows {per_article:.2f} KB per article "
                f"(least squares over {len(points)} sizes; between sizes: {steps}): "
                f"+{per_article * 100_000 / 1024:.0f} MB at 100,000 articles"
            )


if __name__ == "__main__":
    main()
