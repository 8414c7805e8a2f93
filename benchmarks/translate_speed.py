"""Speed and memory of polyglot's translate vs plain CTranslate2 vs Argos Translate.

Builds a transformer-base-sized Argos package (6+6 layers, d=512, ffn 2048,
8 heads, 32k vocabulary, random weights wired so the output stays about 1.2x
the input), then translates the same 200 sentences with the same settings
(beam 4, int8, one CPU thread unless --threads) three ways, each in its own
process so peak RSS is measured separately:

(a) polyglot with its default settings: ``ArgosEngine.translate_texts`` (tokenise,
    the whole article in one ``translate_batch`` call, batched by tokens —
    ``--batch-tokens`` to try others —, decode): what ``polyglot translate`` runs;
(b) plain CTranslate2: pre-tokenised ``Translator.translate_batch`` on all sentences,
    batches of ``--plain-batch`` (32) examples;
(c) Argos Translate: ``argostranslate.translate.translate`` called per sentence.
    Its sentence splitter (MiniSBD) downloads a model on first use, which is
    impossible offline; since every input is one sentence, it is replaced by a
    pass-through, so (c) measures Argos' tokenise/batch/translate path only.

Run:  python benchmarks/translate_speed.py [--sentences 200] [--threads 1]
          [--variants polyglot,ctranslate2,argos] [--packages DIR]
          [--device cuda] [--compute-type float16]   (a) and (b) on a GPU
Prints a table and checks the targets: (a) >= 1.0 x (b) with peak RSS no higher,
(a) >= 10 x (c), peak RSS of (a) <= half of (c).  (c) needs the full Argos Translate
stack (torch, stanza, spaCy), which the default install leaves out:
``.venv/bin/pip install -e '.[argos]'`` (README, "What the install costs"); or leave it
out with ``--variants polyglot,ctranslate2``.
It takes about 8 minutes with the defaults on one CPU thread (Argos' per-sentence
path is the slow one); --sentences 50 gives a rough look in about 2.  It says what
it is doing on stderr as it goes.
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
    from dataclasses import replace

    from polyglot.engines import EngineOptions, load_engine

    options = EngineOptions(
        models_dir=packages,
        beam_size=4,
        threads=threads,
        device=DEVICE,
        compute_type=COMPUTE_TYPE,
    )
    if BATCH_TOKENS:
        options = replace(options, max_batch_tokens=BATCH_TOKENS)
    engine = load_engine("argos", options)
    engine.prepare("en", "xx")
    started = time.perf_counter()
    engine.translate_texts(sentences, "en", "xx")
    return time.perf_counter() - started


def run_ctranslate2(packages: Path, sentences: list[str], threads: int) -> float:
    import ctranslate2
    import sentencepiece

    (package,) = [p for p in packages.iterdir() if p.is_dir() and not p.name.startswith(".")]
    sp = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    translator = ctranslate2.Translator(
        str(package / "model"), device=DEVICE, compute_type=COMPUTE_TYPE, intra_threads=threads
    )
    tokens = [sp.encode(s, out_type=str) for s in sentences]  # tokenised outside the timing
    if DEVICE == "cuda":  # CUDA and cuBLAS start at the first batch; polyglot's load does it
        translator.translate_batch(tokens[:1], beam_size=1, max_decoding_length=1)
    started = time.perf_counter()
    translator.translate_batch(
        tokens, beam_size=4, max_batch_size=PLAIN_BATCH, batch_type="examples"
    )
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
PLAIN_BATCH = 32  # examples per batch of the plain call (--plain-batch)
BATCH_TOKENS = 0  # polyglot's tokens per batch; 0: its default (--batch-tokens)
DEVICE = "cpu"  # --device: cpu or cuda (polyglot and plain CTranslate2 alike)
COMPUTE_TYPE = "default"  # --compute-type: CTranslate2's compute type for both


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
    parser.add_argument("--plain-batch", type=int, default=32)
    parser.add_argument("--batch-tokens", type=int, default=0)
    parser.add_argument("--variants", default="ctranslate2,polyglot,argos")
    parser.add_argument("--child", choices=sorted(VARIANTS))
    parser.add_argument("--packages", type=Path, help="where to build (or find) the package")
    parser.add_argument("--device", default="cpu", choices=("cpu", "cuda"))
    parser.add_argument("--compute-type", default="default", help="CTranslate2 compute type")
    args = parser.parse_args()
    global PLAIN_BATCH, BATCH_TOKENS, DEVICE, COMPUTE_TYPE
    PLAIN_BATCH, BATCH_TOKENS = args.plain_batch, args.batch_tokens
    DEVICE, COMPUTE_TYPE = args.device, args.compute_type
    if args.child:
        child(args.child, args.packages, args.sentences, args.threads)
        return

    problem = argos_stack_problem() if "argos" in args.variants.split(",") else None
    if problem is not None:
        sys.exit(ARGOS_MISSING.format(error=problem))

    sys.path.insert(0, str(REPO / "tools"))
    from build_test_packages import build_random_package

    variants = [v for v in args.variants.split(",") if v]
    minutes = 1 + 7 * args.sentences / 200  # building the package, then mostly Argos
    print(
        f"translate_speed: {args.sentences} sentences {len(variants)} ways, about "
        f"{minutes:.0f} min on one CPU thread (--sentences 50 for a rough look); building a "
        "transformer-base package first...",
        file=sys.stderr,
    )
    with tempfile.TemporaryDirectory() as tmp:
        packages = (args.packages or Path(tmp)) / "packages"
        if not (packages.is_dir() and any(packages.iterdir())):
            started = time.perf_counter()
            archive = build_random_package(args.packages or Path(tmp), "en", "xx")
            with zipfile.ZipFile(archive) as z:
                z.extractall(packages)
            print(
                f"built {archive.name} ({archive.stat().st_size / 1e6:.0f} MB) "
                f"in {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
            )
        results = {}
        for number, variant in enumerate(variants, start=1):
            print(f"[{number}/{len(variants)}] {variant}...", file=sys.stderr, end=" ", flush=True)
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
                    "--plain-batch",
                    str(args.plain_batch),
                    "--batch-tokens",
                    str(args.batch_tokens),
                    "--device",
                    args.device,
                    "--compute-type",
                    args.compute_type,
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
    print(
        f"\n{n} sentences, beam 4, model saved as int8, compute type {args.compute_type}, "
        f"device {args.device}, {args.threads} thread(s), transformer-base random "
        f"weights; plain batches of {args.plain_batch} examples\n"
    )
    print("| run | sentences/s | peak RSS (MB) |")
    print("| --- | ---: | ---: |")
    names = {
        "polyglot": "(a) polyglot translate, default settings",
        "ctranslate2": "(b) plain CTranslate2",
        "argos": "(c) argostranslate per sentence",
    }
    speed = {}
    for variant in variants:
        r = results[variant]
        speed[variant] = n / r["seconds"]
        print(f"| {names[variant]} | {speed[variant]:.2f} | {r['rss_mb']:.0f} |")
    print()
    if "polyglot" in speed and "ctranslate2" in speed:
        ratio = speed["polyglot"] / speed["ctranslate2"]
        print(
            f"(a) / (b) speed: {ratio:.2f} (target >= 1.0: {'met' if ratio >= 1.0 else 'NOT met'})"
        )
        rss = results["polyglot"]["rss_mb"] / results["ctranslate2"]["rss_mb"]
        print(
            f"(a) / (b) peak RSS: {rss:.2f} (target <= 1.0: {'met' if rss <= 1.0 else 'NOT met'})"
        )
    if "polyglot" in speed and "argos" in speed:
        ratio = speed["polyglot"] / speed["argos"]
        print(f"(a) / (c) speed: {ratio:.2f} (target >= 10: {'met' if ratio >= 10 else 'NOT met'})")
        rss = results["argos"]["rss_mb"] / results["polyglot"]["rss_mb"]
        print(f"RSS (c) / (a): {rss:.2f} (target >= 2: {'met' if rss >= 2 else 'NOT met'})")


if __name__ == "__main__":
    main()
