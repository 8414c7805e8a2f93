"""Peak memory and time of corpus runs as the corpus grows (``--engine pseudo``, every
output written): memory must stay flat, time grow linearly; and the cost of re-running
on the unchanged corpus (nothing translated or rendered again).

Run:  python benchmarks/corpus_memory.py [--sizes 100,1000,4000]
Each size runs in its own process (first run, then the re-run) so peak RSS is its own.
"""

from __future__ import annotations

import argparse
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


def child(corpus: Path, out: Path) -> None:
    from polyglot.corpus import CorpusJob, translate_corpus
    from polyglot.pipeline import TranslateJob

    article = TranslateJob(source=corpus, targets=["kk", "ru", "fr"], engine="pseudo", use_tm=False)
    job = CorpusJob([corpus], out, article)
    started = time.perf_counter()
    result = translate_corpus(job)
    first = time.perf_counter() - started
    rss_first = peak_rss_mb()
    started = time.perf_counter()
    again = translate_corpus(job)
    second = time.perf_counter() - started
    assert again.info.count("unchanged") == len(again.info.articles)
    segments = sum(a.segments for a in result.info.articles)
    print(json.dumps({"first": first, "again": second, "rss": rss_first, "segments": segments}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,4000")
    parser.add_argument("--child", nargs=2, type=Path)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    print("| articles | segments | first run | peak RSS | re-run, unchanged | re-run / first |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            write_corpus(corpus, size, 10)
            env = dict(os.environ, HOME=tmp, XDG_DATA_HOME=f"{tmp}/d")
            command = [sys.executable, __file__, "--child", str(corpus), str(Path(tmp) / "site")]
            proc = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp)
            if proc.returncode != 0:
                sys.exit(proc.stderr[-3000:])
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            print(
                f"| {size:,} | {r['segments']:,} | {r['first']:.1f} s | {r['rss']:.0f} MB "
                f"| {r['again']:.2f} s | {r['again'] / r['first']:.2f} |"
            )


if __name__ == "__main__":
    main()
