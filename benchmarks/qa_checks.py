"""False positives of the QA checks: flags per 1,000 clean segments, per check.

Clean segments are translations that are right, so every flag on them is a false
positive:

* **PUD** (``benchmarks/data/qa/pud_en_ru_fr.jsonl``, built by ``build_pud_pairs.py``):
  the 1,000 sentences of the Parallel Universal Dependencies treebanks (news and
  Wikipedia) in English with their professional Russian and French translations.
  The omission thresholds were set on the ``dev`` half (``--calibrate`` prints the
  length-ratio percentiles they come from); figures are for the ``heldout`` half
  (``--part dev`` or ``all`` to see the others).
* **KTB** (``benchmarks/data/sbd/ud_ktb_kk.*.jsonl``): Kazakh sentences of the UD
  Kazakh treebank.  There is no English-Kazakh parallel set here, so only the checks
  that judge the Kazakh text itself are measured (``language``, ``untranslated``'s
  script test, ``repetition``, ``placeholders``), each sentence paired with an
  unrelated English PUD sentence as its source.
* **copy**: the seed article and the 200 sentences of ``translate_speed.py`` through
  the real engine with the en-fr copy model (output = input); every check but
  ``untranslated`` and ``language`` applies (the output is English).

    python benchmarks/qa_checks.py [--part heldout|dev|all] [--calibrate] [--no-copy]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from polyglot.checks import CHECKS, CheckContext, check_class  # noqa: E402
from polyglot.checks.omission import MIN_CHARS  # noqa: E402
from polyglot.languages import LanguagePair  # noqa: E402

PUD = REPO / "benchmarks" / "data" / "qa" / "pud_en_ru_fr.jsonl"
KTB = [
    REPO / "benchmarks" / "data" / "sbd" / f"ud_ktb_kk.{part}.jsonl" for part in ("dev", "heldout")
]
TARGET_SIDE = ("language", "untranslated", "repetition", "placeholders")
SHOWN = [name for name in CHECKS if name != "glossary"]


def length(text: str) -> int:
    """Characters other than whitespace, as the omission check counts them."""
    return sum(1 for char in text if not char.isspace())


def measure(
    pairs: Iterable[tuple[str, str]], target: str, names: Iterable[str]
) -> tuple[int, Counter[str]]:
    """How many pairs, and how many of them each check flags (run-level checks, such as
    consistency, see all the pairs as one run)."""
    context = CheckContext(LanguagePair("en", target))
    checks = [check_class(name)(context) for name in names]
    checks = [c for c in checks if c.applies(context)]
    pairs = dict(enumerate(pairs))
    flagged_ids: dict[str, set[int]] = {c.name: set() for c in checks}
    for check in checks:
        if check.run_level:
            found = check.check_run({str(i): pair for i, pair in pairs.items()})
            flagged_ids[check.name] = {int(i) for i, issues in found.items() if issues}
            continue
        for i, (source, text) in pairs.items():
            if check.check(source, text):
                flagged_ids[check.name].add(i)
    return len(pairs), Counter({name: len(ids) for name, ids in flagged_ids.items()})


def pud_rows(part: str) -> list[dict[str, str]]:
    rows = [json.loads(line) for line in PUD.read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if part == "all" or r["part"] == part]


def ktb_sentences() -> list[str]:
    sentences = []
    for path in KTB:
        for line in path.read_text(encoding="utf-8").splitlines():
            sentences.extend(json.loads(line)["sentences"])
    return sentences


def copy_outputs() -> tuple[list[str], list[str]]:
    """(sources, outputs) of the en-fr copy model on the seed and the benchmark sentences."""
    spec = importlib.util.spec_from_file_location(
        "builder", REPO / "tools" / "build_test_packages.py"
    )
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    speed_spec = importlib.util.spec_from_file_location(
        "speed", REPO / "benchmarks" / "translate_speed.py"
    )
    assert speed_spec is not None and speed_spec.loader is not None
    speed = importlib.util.module_from_spec(speed_spec)
    speed_spec.loader.exec_module(speed)
    from polyglot.engines import EngineOptions, load_engine
    from polyglot.pipeline import read_document

    doc = read_document(REPO / "seeds" / "000_ab846ab5c136d731.txt")
    sources = [seg.source for seg in doc.segments()] + speed.make_sentences(200)
    with tempfile.TemporaryDirectory() as tmp:
        package = builder.build_copy_package(Path(tmp), "en", "fr")
        builder.install_packages([package], Path(tmp) / "installed")
        engine = load_engine("argos", EngineOptions(models_dir=Path(tmp) / "installed"))
        engine.prepare("en", "fr")
        return sources, engine.translate_texts(sources, "en", "fr")


def calibrate() -> None:
    rows = pud_rows("dev")
    for target in ("ru", "fr"):
        ratios = sorted(
            length(r[target]) / length(r["en"]) for r in rows if length(r["en"]) >= MIN_CHARS
        )
        n = len(ratios)
        shown = {p: ratios[min(n - 1, int(n * p / 100))] for p in (0.5, 1, 50, 99, 99.5)}
        print(
            f"en-{target}: {n} dev sentences of {MIN_CHARS}+ characters; length ratio "
            + ", ".join(f"p{p:g} {v:.2f}" for p, v in shown.items())
            + f"; min {ratios[0]:.2f}, max {ratios[-1]:.2f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--part", choices=("heldout", "dev", "all"), default="heldout")
    parser.add_argument("--calibrate", action="store_true", help="print the omission ratios' data")
    parser.add_argument("--no-copy", action="store_true", help="skip the copy-model run")
    args = parser.parse_args()
    if args.calibrate:
        calibrate()
        return 0
    results: list[tuple[str, int, Counter[str], tuple[str, ...]]] = []
    rows = pud_rows(args.part)
    for target in ("ru", "fr"):
        count, flagged = measure(((r["en"], r[target]) for r in rows), target, SHOWN)
        results.append((f"PUD {args.part} en-{target}", count, flagged, tuple(SHOWN)))
    english = [r["en"] for r in pud_rows("all")]
    kazakh = ktb_sentences()
    pairs = [(english[i % len(english)], text) for i, text in enumerate(kazakh)]
    count, flagged = measure(pairs, "kk", TARGET_SIDE)
    results.append(("KTB kk (target side)", count, flagged, TARGET_SIDE))
    if not args.no_copy:
        sources, outputs = copy_outputs()
        names = tuple(n for n in SHOWN if n not in ("untranslated", "language"))
        count, flagged = measure(zip(sources, outputs, strict=True), "fr", names)
        results.append(("copy model en-fr", count, flagged, names))
    print("| set | segments | " + " | ".join(SHOWN) + " |")
    print("| --- | ---: | " + " | ".join("---:" for _ in SHOWN) + " |")
    for name, count, flagged, names in results:
        cells = [f"{1000 * flagged[c] / count:.1f}" if c in names else "–" for c in SHOWN]
        print(f"| {name} | {count} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
