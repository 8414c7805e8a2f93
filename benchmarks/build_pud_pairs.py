"""Build the parallel test set of the QA-check benchmark from the Parallel Universal
Dependencies treebanks (PUD: the same 1,000 news and Wikipedia sentences in English,
Russian and French, translated by professionals; CC BY-SA 3.0).

    python benchmarks/build_pud_pairs.py /work/.mirror      # repositories fetched under it

Repositories are looked up as ``<root>/UniversalDependencies+UD_<Language>-PUD/repo``
(bare git directories, read with ``git show``) or ``<root>/UD_<Language>-PUD``
(checkouts).  Writes ``benchmarks/data/qa/pud_en_ru_fr.jsonl``: one line per
sentence id, ``{"id", "part", "en", "ru", "fr"}``; ``part`` is ``dev`` or ``heldout``
by a hash of the id (half each), so thresholds are set on one half and figures
reported on the other.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "qa" / "pud_en_ru_fr.jsonl"
LANGS = {"en": "English", "ru": "Russian", "fr": "French"}


def read_conllu(root: Path, lang: str) -> dict[str, str]:
    """``sent_id -> text`` of one PUD treebank."""
    name = f"UD_{LANGS[lang]}-PUD"
    file = f"{lang}_pud-ud-test.conllu"
    bare = root / f"UniversalDependencies+{name}" / "repo"
    if bare.is_dir():
        text = subprocess.run(
            ["git", f"--git-dir={bare}", "show", f"HEAD:{file}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    else:
        text = (root / name / file).read_text(encoding="utf-8")
    sentences: dict[str, str] = {}
    sent_id = None
    for line in text.splitlines():
        if line.startswith("# sent_id = "):
            sent_id = line.removeprefix("# sent_id = ").strip()
        elif line.startswith("# text = ") and sent_id is not None:
            sentences[sent_id] = line.removeprefix("# text = ").strip()
    return sentences


def part(sent_id: str) -> str:
    return "dev" if hashlib.sha256(sent_id.encode()).digest()[0] % 2 == 0 else "heldout"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("root", type=Path, help="folder holding the PUD repositories")
    args = parser.parse_args()
    texts = {lang: read_conllu(args.root, lang) for lang in LANGS}
    ids = [i for i in texts["en"] if all(i in texts[lang] for lang in LANGS)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fp:
        for sent_id in ids:
            row = {
                "id": sent_id,
                "part": part(sent_id),
                **{lang: texts[lang][sent_id] for lang in LANGS},
            }
            fp.write(json.dumps(row, ensure_ascii=False) + "\n")
    dev = sum(1 for i in ids if part(i) == "dev")
    print(f"wrote {OUT}: {len(ids)} sentences ({dev} dev, {len(ids) - dev} held out)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
