"""Speed and memory of polyglot's translate vs plain CTranslate2 vs Argos Translate.

Builds a transformer-base-sized Argos package (6+6 layers, d=512, ffn 2048,
8 heads, 32k vocabulary, random weights wired so the output stays about 1.2x
the input), then translates the same 200 sentences with the same settings
(beam 4, batches of 8 sentences as polyglot does by default, one CPU thread
unless --threads) three ways, each in its own
process so peak RSS is measured separately:

(a) polyglot: ``ArgosEngine.translate_texts`` (tokenise, one batched
    ``translate_batch`` per chunk of 128 sentences — a whole article is one
    chunk —, decode): what ``polyglot translate`` runs;
(b) plain CTranslate2: pre-tokenised ``Translator.translate_batch`` on all sentences;
(c) Argos Translate: ``argostranslate.translate.translate`` called per sentence.
    Its sentence splitter (MiniSBD) downloads a model on first use, which is
    impossible offline; since every input is one sentence, it is replaced by a
    pass-through, so (c) measures Argos' tokenise/batch/translate path only.

Run:  python benchmarks/translate_speed.py [--sentences 200] [--threads 1]
It takes about 8 minutes with the defaults on one CPU thread (Argos' per-sentence
path is the slow one); --sentences 50 gives a rough look in about 2.  It says what
it is doing on stderr as it goes.
(c) needs the full Argos Translate stack (torch, stanza, spaCy), which the default
install leaves out: ``.venv/bin/pip install -e '.[argos]'`` (README, "What the install costs").
Prints a table and checks the targets: (a) >= 0.95 x (b), (a) >= 10 x (c),
peak RSS of (a) <= half of (c).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_ab846ab5c136d731.txt"


def make_sentences(count: int) -> list[str]:
    """Deterministic news-like sentences of varied length, from the seed's vocabulary."""
    sys.path.insert(0, str(REPO))
    from polyglot.sources import read_article

    doc = read_article(SEED.read_text(encoding="utf-8"))
    base = [s.source for s in doc.segments() if len(s.source.split()) > 5]
    words = " ".join(base).split()
    sentences = []
    for i in range(count):
        length = 8 + (i * 7) % 40  # 8..47 words
        start = (i * 13) % (len(words) - length)
        sentence = " ".join(words[start : start + length]).rstrip(",.;") + "."
        sentences.append(sentence[0].upper() + sentence[1:])
    return sentences


def peak_rss_mb() -> float:
    """This process's peak resident memory.

    VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over exec, so a
    child would report the parent's peak (the parent imports torch to build the
    package).
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_polyglot(packages: Path, sentences: list[str], threads: int) -> float:
    from polyglot.engines import EngineOptions, load_engine

    engine = load_engine("argos", EngineOptions(models_dir=packages, beam_size=4, threads=threads))
    engine.prepare("en", "xx")
    started = time.perf_counter()
    engine.translate_texts(sentences, "en", "xx")
    return time.perf_counter() - started


def run_ctranslate2(packages: Path, sentences: list[str], threads: int) -> float:
    import ctranslate2
    import sentencepiece

    from polyglot.engines import EngineOptions

    (package,) = [p for p in packages.iterdir() if p.is_dir() and not p.name.startswith(".")]
    sp = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(package / "model"), intra_threads=threads)
    tokens = [sp.encode(s, out_type=str) for s in sentences]  # tokenised outside the timing
    started = time.perf_counter()
    batch = EngineOptions().max_batch_size  # the same batching as polyglot's default
    translator.translate_batch(tokens, beam_size=4, max_batch_size=batch, batch_type="examples")
    return time.perf_counter() - started


def run_argos(packages: Path, sentences: list[str], threads: int) -> float:
    os.environ["ARGOS_PACKAGES_DIR"] = str(packages)
    os.environ["ARGOS_INTRA_THREADS"] = str(threads)
    os.environ["ARGOS_BEAM_SIZE"] = "4"
    import argostranslate.sbd
    import argostranslate.translate

    class PassThrough(argostranslate.sbd.ISentenceBoundaryDetectionModel):
        def __init__(self, pkg: object) -> None:
            self.pkg = pkg

        def split_sentences(self, text: str) -> list[str]:
            return [text]

    argostranslate.translate.MiniSBDSentencizer = PassThrough  # type: ignore[attr-defined,misc]
    argostranslate.translate.translate(sentences[0], "en", "xx")  # load the model
    started = time.perf_counter()
    for sentence in sentences:
        argostranslate.translate.translate(sentence, "en", "xx")
    return time.perf_counter() - started


VARIANTS = {"polyglot": run_polyglot, "ctranslate2": run_ctranslate2, "argos": run_argos}


def child(variant: str, packages: Path, count: int, threads: int) -> None:
    sentences = make_sentences(count)
    seconds = VARIANTS[variant](packages, sentences, threads)
    print(json.dumps({"seconds": seconds, "rss_mb": peak_rss_mb()}))


ARGOS_MISSING = """\
benchmarks/translate_speed.py: (c) needs the full Argos Translate stack, and
`import argostranslate.translate` fails here:
  {error}
The default install (ci/install) leaves it out: argostranslate comes without its
dependencies (torch, stanza, spaCy: several GB), since polyglot never imports them.
Install them for this benchmark with:
  .venv/bin/pip install -e '.[argos]'
(README, "What the install costs"), then run the benchmark again."""


def argos_stack_problem() -> str | None:
    """Why ``argostranslate.translate`` cannot be imported here, or None if it can."""
    proc = subprocess.run(
        [sys.executable, "-c", "import argostranslate.translate"],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode == 0:
        return None
    lines = proc.stderr.strip().splitlines()
    return lines[-1] if lines else f"exit status {proc.returncode}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--child", choices=sorted(VARIANTS))
    parser.add_argument("--packages", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.packages, args.sentences, args.threads)
        return

    problem = argos_stack_problem()
    if problem is not None:
        sys.exit(ARGOS_MISSING.format(error=problem))

    sys.path.insert(0, str(REPO / "tools"))
    from build_test_packages import build_random_package

    minutes = 1 + 7 * args.sentences / 200  # building the package, then mostly Argos
    print(
        f"translate_speed: {args.sentences} sentences three ways, about {minutes:.0f} min on "
        "one CPU thread (--sentences 50 for a rough look); building a transformer-base "
        "package first...",
        file=sys.stderr,
    )
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        archive = build_random_package(Path(tmp), "en", "xx")
        packages = Path(tmp) / "packages"
        with zipfile.ZipFile(archive) as z:
            z.extractall(packages)
        print(
            f"built {archive.name} ({archive.stat().st_size / 1e6:.0f} MB) "
            f"in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
        results = {}
        for number, variant in enumerate(("ctranslate2", "polyglot", "argos"), start=1):
            print(f"[{number}/3] {variant}...", file=sys.stderr, end=" ", flush=True)
            started = time.perf_counter()
            env = dict(
                os.environ,
                HOME=tmp,
                XDG_DATA_HOME=f"{tmp}/d",
                XDG_CONFIG_HOME=f"{tmp}/c",
                XDG_CACHE_HOME=f"{tmp}/k",
            )
            proc = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    variant,
                    "--packages",
                    str(packages),
                    "--sentences",
                    str(args.sentences),
                    "--threads",
                    str(args.threads),
                ],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            if proc.returncode != 0:
                sys.exit(f"{variant} failed:\n{proc.stderr[-3000:]}")
            results[variant] = json.loads(proc.stdout.strip().splitlines()[-1])
            print(f"{time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)

    n = args.sentences
    print(f"\n{n} sentences, beam 4, {args.threads} thread(s), transformer-base random weights\n")
    print("| run | sentences/s | peak RSS (MB) |")
    print("| --- | ---: | ---: |")
    names = {
        "polyglot": "(a) polyglot translate",
        "ctranslate2": "(b) plain CTranslate2",
        "argos": "(c) argostranslate per sentence",
    }
    speed = {}
    for variant in ("polyglot", "ctranslate2", "argos"):
        r = results[variant]
        speed[variant] = n / r["seconds"]
        print(f"| {names[variant]} | {speed[variant]:.1f} | {r['rss_mb']:.0f} |")
    print()
    checks = [
        ("(a) >= 0.95 x (b)", speed["polyglot"] / speed["ctranslate2"], 0.95),
        ("(a) >= 10 x (c)", speed["polyglot"] / speed["argos"], 10.0),
        ("RSS (c) / RSS (a) >= 2", results["argos"]["rss_mb"] / results["polyglot"]["rss_mb"], 2.0),
    ]
    for label, ratio, target in checks:
        print(f"{label}: {ratio:.2f} -> {'met' if ratio >= target else 'NOT met'}")


if __name__ == "__main__":
    main()
