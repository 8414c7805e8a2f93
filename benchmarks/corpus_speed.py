"""Throughput of corpus runs: polyglot vs one plain CTranslate2 call, local vs Ray.

Builds the transformer-base-sized random package of ``translate_speed.py`` (6+6
layers, d=512, ffn 2048, 8 heads, 32k vocabulary, int8), writes a folder of
``--articles`` articles of ``--per-article`` sentences each (news-like sentences
from the seed's vocabulary), and runs, each in its own process (peak RSS measured
separately; Ray workers' memory is in their own processes and not counted):

(plain)  one ``ctranslate2.Translator.translate_batch`` call over every segment of
         the corpus, pre-tokenised: beam 4, batches of 32 examples, int8, ``--threads``;
(corpus) ``polyglot translate FOLDER --out DIR`` as a library call (``translate_corpus``,
         no memory, no glossary), end to end: reading, segmenting, translating,
         writing every article's outputs and the site; same beam, int8 and threads,
         polyglot's default batching;
(local2) the corpus run with 1 x ``--ray-threads``*``--ray-workers`` threads;
(ray)    the corpus run on a local Ray with ``--ray-workers`` workers x ``--ray-threads``
         thread(s); Ray's start-up (ray.init, actors, model loading) is timed apart.

Run:  python benchmarks/corpus_speed.py [--articles 40] [--per-article 10] [--threads 1]
          [--no-ray] [--packages DIR]
Prints a table and the ratios the issue asks for: corpus >= 0.95 x plain; ray vs local2.
The figures depend on the machine and what else runs on it: say so when quoting them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO))

from translate_speed import make_sentences, peak_rss_mb  # noqa: E402


def write_corpus(folder: Path, articles: int, per_article: int) -> None:
    """``articles`` files of ``per_article`` sentences, in the seed's format."""
    sentences = make_sentences(articles * per_article)
    for i in range(articles):
        body = sentences[i * per_article : (i + 1) * per_article]
        # two sentences a paragraph, as wire copy is written
        paragraphs = [" ".join(body[j : j + 2]) for j in range(0, len(body), 2)]
        text = f" date 2017-09-{1 + i % 28:02d}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")


def corpus_segments(folder: Path) -> list[str]:
    from polyglot.pipeline import read_document

    return [
        seg.source
        for path in sorted(folder.glob("*.txt"))
        for seg in read_document(path).segments()
    ]


def run_plain(packages: Path, corpus: Path, out: Path, threads: int, workers: int) -> dict:
    import ctranslate2
    import sentencepiece

    (package,) = [p for p in packages.iterdir() if p.is_dir() and not p.name.startswith(".")]
    sp = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    translator = ctranslate2.Translator(
        str(package / "model"), compute_type="int8", intra_threads=threads
    )
    segments = corpus_segments(corpus)
    tokens = [sp.encode(s, out_type=str) for s in segments]  # tokenised outside the timing
    started = time.perf_counter()
    translator.translate_batch(tokens, beam_size=4, max_batch_size=32, batch_type="examples")
    return {"seconds": time.perf_counter() - started, "segments": len(segments)}


def _corpus_job(packages: Path, corpus: Path, out: Path, threads: int, **extra: object):  # type: ignore[no-untyped-def]
    from polyglot.corpus import CorpusJob
    from polyglot.engines import EngineOptions
    from polyglot.pipeline import TranslateJob

    article = TranslateJob(
        source=corpus,
        targets=["xx"],
        engine_options=EngineOptions(
            models_dir=packages, beam_size=4, compute_type="int8", threads=threads
        ),
        use_tm=False,
        use_glossary=False,
    )
    return CorpusJob([corpus], out, article, **extra)  # type: ignore[arg-type]


def run_corpus(packages: Path, corpus: Path, out: Path, threads: int, workers: int) -> dict:
    from polyglot.corpus import translate_corpus

    job = _corpus_job(packages, corpus, out, threads)
    started = time.perf_counter()
    result = translate_corpus(job)
    seconds = time.perf_counter() - started
    assert not result.info.failed, result.info.failed
    return {"seconds": seconds, "segments": sum(a.segments for a in result.info.articles)}


def run_ray(packages: Path, corpus: Path, out: Path, threads: int, workers: int) -> dict:
    from polyglot.corpus import make_engine, translate_corpus

    job = _corpus_job(
        packages, corpus, out, threads, executor="ray", workers=workers, threads_per_worker=threads
    )
    started = time.perf_counter()
    engine = make_engine(job)
    engine.prepare("en", "xx")  # ray.init, actors, each loading the model
    startup = time.perf_counter() - started
    try:
        began = time.perf_counter()
        result = translate_corpus(job, engine=engine)
        seconds = time.perf_counter() - began
    finally:
        engine.close()  # type: ignore[attr-defined]
    assert not result.info.failed, result.info.failed
    segments = sum(a.segments for a in result.info.articles)
    return {"seconds": seconds, "startup": startup, "segments": segments}


VARIANTS = {"plain": run_plain, "corpus": run_corpus, "local2": run_corpus, "ray": run_ray}


def child(args: argparse.Namespace) -> None:
    out = Path(tempfile.mkdtemp(prefix="corpus-out-"))
    result = VARIANTS[args.child](
        args.packages, args.corpus, out / "site", args.threads, args.workers
    )
    result["rss_mb"] = peak_rss_mb()
    print(json.dumps(result))


def spawn(
    variant: str, packages: Path, corpus: Path, threads: int, workers: int, home: str
) -> dict:
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=f"{home}/d", XDG_CACHE_HOME=f"{home}/k")
    command = [sys.executable, __file__, "--child", variant, "--packages", str(packages)]
    command += ["--corpus", str(corpus), "--threads", str(threads), "--workers", str(workers)]
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False, cwd=home)
    if proc.returncode != 0:
        sys.exit(f"{variant} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def build_packages(folder: Path) -> Path:
    """The random transformer-base package, built once into ``folder`` (reused after)."""
    packages = folder / "packages"
    if packages.is_dir() and any(packages.iterdir()):
        return packages
    sys.path.insert(0, str(REPO / "tools"))
    from build_test_packages import build_random_package

    started = time.perf_counter()
    archive = build_random_package(folder, "en", "xx")
    with zipfile.ZipFile(archive) as z:
        z.extractall(packages)
    print(f"built {archive.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return packages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--per-article", type=int, default=10)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--ray-workers", type=int, default=2)
    parser.add_argument("--ray-threads", type=int, default=1)
    parser.add_argument("--no-ray", action="store_true", help="skip the local/Ray comparison")
    parser.add_argument("--packages", type=Path, help="where to build (or find) the random package")
    parser.add_argument("--child", choices=sorted(VARIANTS))
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    with tempfile.TemporaryDirectory() as tmp:
        packages = build_packages(args.packages or Path(tmp))
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        write_corpus(corpus, args.articles, args.per_article)
        home = str(Path(tmp) / "home")
        os.makedirs(home)
        results = {
            "plain": spawn("plain", packages, corpus, args.threads, 1, home),
            "corpus": spawn("corpus", packages, corpus, args.threads, 1, home),
        }
        if not args.no_ray:
            total = args.ray_workers * args.ray_threads
            results["local2"] = spawn("local2", packages, corpus, total, 1, home)
            results["ray"] = spawn(
                "ray", packages, corpus, args.ray_threads, args.ray_workers, home
            )

    n = results["plain"]["segments"]
    print(
        f"\n{args.articles} articles x {args.per_article} sentences ({n} segments), beam 4, "
        f"int8, random transformer-base weights, {os.cpu_count()} CPUs\n"
    )
    print("| run | threads | segments/s | start-up (s) | peak RSS, driver (MB) |")
    print("| --- | --- | ---: | ---: | ---: |")
    rows = [
        ("plain", "(plain) one translate_batch, 32 examples", f"1 x {args.threads}"),
        ("corpus", "(corpus) polyglot corpus run, end to end", f"1 x {args.threads}"),
    ]
    if not args.no_ray:
        total = args.ray_workers * args.ray_threads
        rows += [
            ("local2", "(local) corpus run, local", f"1 x {total}"),
            ("ray", "(ray) corpus run on a local Ray", f"{args.ray_workers} x {args.ray_threads}"),
        ]
    speed = {}
    for key, label, threads in rows:
        r = results[key]
        speed[key] = r["segments"] / r["seconds"]
        startup = f"{r['startup']:.1f}" if "startup" in r else "-"
        print(f"| {label} | {threads} | {speed[key]:.2f} | {startup} | {r['rss_mb']:.0f} |")
    print()
    ratio = speed["corpus"] / speed["plain"]
    print(f"corpus / plain: {ratio:.2f} (target >= 0.95: {'met' if ratio >= 0.95 else 'NOT met'})")
    if not args.no_ray:
        r = results["ray"]
        with_startup = r["segments"] / (r["seconds"] + r["startup"])
        print(
            f"ray / local: {speed['ray'] / speed['local2']:.2f} without Ray's start-up, "
            f"{with_startup / speed['local2']:.2f} with it"
        )
        per_worker = speed["ray"] / args.ray_workers
        print(f"per Ray worker ({args.ray_threads} thread(s)): {per_worker:.2f} segments/s")


if __name__ == "__main__":
    main()
