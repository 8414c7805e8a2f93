"""Build sentence-boundary test sets from Universal Dependencies treebanks.

Each case is a run of consecutive sentences as they stood in the source (a
``# newpar`` paragraph where the treebank marks paragraphs, else up to
``GROUP`` sentences of one document), rebuilt into running text: sentences are
joined with one space, or with none where the last token has ``SpaceAfter=No``.
Long paragraphs are cut into runs of at most ``GROUP`` sentences.

Normalisation (applied to the gold data, so to every segmenter alike): a
treebank boundary counts only where the sentence before it ends with final
punctuation (``. ? ! …``, then any closing quotes or brackets, then any citation
markers ``[4]``; or a footnote number glued to a word's stop, ``innovation.23``).  Treebanks
also split at colons, semicolons, dashes, emoticons and after headlines or
list lines without punctuation; in running text joined by spaces no
punctuation-based segmenter can find those, so the two sentences are merged
into one gold sentence.  Every other case is kept, however hard (lower-case
sentence starts, missing spaces, abbreviations).  How many boundaries were
merged is printed per set.

Split: the treebank's ``dev`` file is the development part and its ``test``
file is the set-aside part.  Where a treebank has one file only, documents go to
one part or the other by a hash of the document id.  The set-aside part is
scored only with ``benchmarks/segmenter.py --heldout``.  Each document is taken
once: a file listed as ``skip`` is read only so that its documents are left out
of the others (GUM's dev file, which ``tools/learn_segment_tables.py`` learns
from), a folder of per-document files (GUM's ``not-to-release/sources``, whose
training file is unreadable in the snapshot) gives only the documents that none
of the treebank's files holds, and ``Treebank.taken`` names a committed set
whose documents are left out (PUD's hand-copied sample).

    python benchmarks/build_ud_sets.py /work/.mirror     # repositories fetched under it

Repositories are looked up as ``<root>/UniversalDependencies+<name>/repo`` (bare
git directories, read with ``git show``) or ``<root>/<name>`` (checkouts).
Treebanks under a non-commercial licence are written to ``local/`` (not
committed, see ``.gitignore`` there); the others are committed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "sbd"
#: At most this many treebank sentences in one case.
GROUP = 5
#: A sentence "ends with final punctuation": the boundary after it is orthographic.
_FINAL = re.compile(
    "[.?!…‽。．！？](?:[\\s\"'”’»)\\]}›]|\u00a0)*"
    # citation markers after the stop ("in 2014. [4]", "growth.[2][3]") end the sentence too
    "(?:\\s*\\[\\d{1,3}(?:[,–-]\\s*\\d{1,3})*\\])*\\Z"
    # and so does a footnote number glued to a word's stop ("innovation.23")
    "|(?<=[^\\W\\d_][.?!])\\d{1,3}\\Z"
)


@dataclass(frozen=True)
class Treebank:
    """One UD treebank: where its files are and which set it becomes."""

    name: str
    lang: str
    #: (path in the repository, part): part is dev, heldout, hash (by document) or skip
    #: (only its documents are left out); a path ending in ``/`` is a folder of
    #: per-document files, of which the documents no file of the treebank holds are taken.
    files: tuple[tuple[str, str], ...]
    licence: str
    #: A committed set whose case ids are documents already taken (left out here).
    taken: str = ""

    @property
    def set_name(self) -> str:
        short = self.name.split("-", 1)[1].lower()
        return f"ud_{short}_{self.lang}"

    @property
    def commercial(self) -> bool:
        return "NC" not in self.licence


TREEBANKS = (
    Treebank(
        "UD_English-EWT",
        "en",
        (("en_ewt-ud-dev.conllu", "dev"), ("en_ewt-ud-test.conllu", "heldout")),
        "CC BY-SA 4.0",
    ),
    Treebank(
        "UD_English-LinES",
        "en",
        (("en_lines-ud-dev.conllu", "dev"), ("en_lines-ud-test.conllu", "heldout")),
        "CC BY-NC-SA 4.0",
    ),
    Treebank(
        "UD_English-ParTUT",
        "en",
        (("en_partut-ud-dev.conllu", "dev"), ("en_partut-ud-test.conllu", "heldout")),
        "CC BY-NC-SA 4.0",
    ),
    Treebank("UD_English-GENTLE", "en", (("en_gentle-ud-test.conllu", "hash"),), "CC BY-NC-SA 4.0"),
    Treebank(
        "UD_English-GUM",
        "en",
        (
            ("en_gum-ud-dev.conllu", "skip"),
            ("en_gum-ud-test.conllu", "heldout"),
            ("not-to-release/sources/", "dev"),
        ),
        "CC BY-NC-SA 4.0",
    ),
    Treebank(
        "UD_English-PUD",
        "en",
        (("en_pud-ud-test.conllu", "heldout"),),
        "CC BY-SA 4.0",
        taken="ud_pud_en_sample",
    ),
    Treebank(
        "UD_Russian-GSD",
        "ru",
        (("ru_gsd-ud-dev.conllu", "dev"), ("ru_gsd-ud-test.conllu", "heldout")),
        "CC BY-SA 4.0",
    ),
    Treebank(
        "UD_French-GSD",
        "fr",
        (("fr_gsd-ud-dev.conllu", "dev"), ("fr_gsd-ud-test.conllu", "heldout")),
        "CC BY-SA 4.0",
    ),
    Treebank("UD_Kazakh-KTB", "kk", (("kk_ktb-ud-test.conllu", "hash"),), "CC BY-SA 4.0"),
    # French development data beyond GSD (development only: no set-aside part; the
    # test files of Sequoia and ParTUT are left unread, for a later set-aside part).
    Treebank(
        "UD_French-Sequoia",
        "fr",
        (("fr_sequoia-ud-train.conllu", "dev"), ("fr_sequoia-ud-dev.conllu", "dev")),
        "LGPL-LR",
    ),
    Treebank(
        "UD_French-ParTUT",
        "fr",
        (("fr_partut-ud-train.conllu", "dev"), ("fr_partut-ud-dev.conllu", "dev")),
        "CC BY-NC-SA 4.0",
    ),
    Treebank("UD_French-PUD", "fr", (("fr_pud-ud-test.conllu", "dev"),), "CC BY-SA 3.0"),
)


@dataclass
class Sentence:
    sent_id: str
    text: str
    doc: str
    new_par: bool
    space_after: bool


def _git(root: Path, repo: str, *args: str) -> str | None:
    """``git`` run on the bare snapshot of ``repo``; None where there is none (a checkout)."""
    bare = root / f"UniversalDependencies+{repo}" / "repo"
    if not bare.is_dir():
        return None
    out = subprocess.run(["git", "--git-dir", str(bare), *args], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def read_file(root: Path, repo: str, path: str) -> str:
    text = _git(root, repo, "show", f"HEAD:{path}")
    return text if text is not None else (root / repo / path).read_text(encoding="utf-8")


def list_folder(root: Path, repo: str, folder: str) -> list[str]:
    """The ``.conllu`` files in ``folder`` (ending in ``/``) of the repository, sorted."""
    listing = _git(root, repo, "ls-tree", "--name-only", "HEAD", folder)
    if listing is None:
        listing = "\n".join(
            p.relative_to(root / repo).as_posix() for p in (root / repo / folder).iterdir()
        )
    return sorted(p for p in listing.splitlines() if p.endswith(".conllu"))


def _doc_of(sent_id: str) -> str:
    """A document id for treebanks without ``# newdoc``: the file part of ``file:par:sent``
    ids (Kazakh KTB), else one document for the whole file (its sentences in file order)."""
    return sent_id.split(":", 1)[0] if ":" in sent_id else ""


def read_conllu(content: str) -> Iterator[Sentence]:
    doc, new_par = "", False
    sent_id = text = ""
    last_misc = "_"
    covered = 0
    seen_doc = False
    for line in content.splitlines():
        if line.startswith("# newdoc"):
            doc = line.partition("=")[2].strip() or line
            seen_doc, new_par = True, True
        elif line.startswith("# newpar"):
            new_par = True
        elif line.startswith("# sent_id"):
            sent_id = line.partition("=")[2].strip()
        elif line.startswith("# text ="):
            text = line.partition("=")[2].strip()
        elif line and line[0].isdigit():
            cols = line.split("\t")
            tok = cols[0]
            if "." in tok:
                continue  # empty node
            if "-" in tok:
                covered = int(tok.split("-")[1])
                last_misc = cols[9]
            elif int(tok) > covered:
                last_misc = cols[9]
        elif not line.strip() and text:
            yield Sentence(
                sent_id,
                text,
                doc if seen_doc else _doc_of(sent_id),
                new_par,
                "SpaceAfter=No" not in last_misc.split("|"),
            )
            new_par, text, last_misc, covered = False, "", "_", 0


def _groups(sentences: list[Sentence]) -> Iterator[list[Sentence]]:
    """Runs of consecutive sentences: paragraphs and documents, cut at GROUP sentences."""
    run: list[Sentence] = []
    for s in sentences:
        starts_new = s.new_par or (run and run[-1].doc != s.doc) or len(run) >= GROUP
        if run and starts_new:
            yield run
            run = []
        run.append(s)
    if run:
        yield run


def build_case(run: list[Sentence]) -> tuple[str, list[str], int]:
    """The running text, its gold sentences after normalisation, and how many boundaries merged."""
    text = ""
    gold: list[str] = []
    merged = 0
    for i, s in enumerate(run):
        if i:
            sep = " " if run[i - 1].space_after else ""
            text += sep
            if _FINAL.search(gold[-1]):
                gold.append(s.text)
            else:
                gold[-1] += sep + s.text
                merged += 1
        else:
            gold.append(s.text)
        text += s.text
    return text, gold, merged


def _in_dev(key: str) -> bool:
    return hashlib.sha256(key.encode("utf-8")).digest()[0] % 2 == 0


def read_treebank(root: Path, tb: Treebank) -> Iterator[tuple[str, list[Sentence]]]:
    """(part, sentences) of each file of ``tb``, each document once (see the module doc)."""
    taken: set[str] = set()
    if tb.taken:
        lines = (OUT / f"{tb.taken}.jsonl").read_text(encoding="utf-8").splitlines()
        taken |= {json.loads(line)["id"] for line in lines}
    files = [(path, part) for path, part in tb.files if not path.endswith("/")]
    read = {path: list(read_conllu(read_file(root, tb.name, path))) for path, _ in files}
    held = {s.doc for sentences in read.values() for s in sentences}
    for path, part in tb.files:
        if path.endswith("/"):
            sentences = [
                s
                for one in list_folder(root, tb.name, path)
                for s in read_conllu(read_file(root, tb.name, one))
                if s.doc not in held
            ]
        else:
            sentences = read[path]
        if part != "skip":
            yield part, [s for s in sentences if s.doc not in taken]


def build(root: Path) -> None:
    for tb in TREEBANKS:
        named = {part for _, part in tb.files}
        parts: dict[str, list[dict[str, object]]] = {
            part: [] for part in ("dev", "heldout") if part in named or "hash" in named
        }
        merged = dict.fromkeys(parts, 0)
        boundaries = dict.fromkeys(parts, 0)
        documents: dict[str, set[str]] = {part: set() for part in parts}
        for part, sentences in read_treebank(root, tb):
            for run in _groups(sentences):
                text, gold, n_merged = build_case(run)
                target = part if part != "hash" else ("dev" if _in_dev(run[0].doc) else "heldout")
                parts[target].append(
                    {"id": run[0].sent_id, "lang": tb.lang, "text": text, "sentences": gold}
                )
                merged[target] += n_merged
                boundaries[target] += len(run) - 1
                documents[target].add(run[0].doc)
        folder = OUT if tb.commercial else OUT / "local"
        folder.mkdir(parents=True, exist_ok=True)
        for part, cases in parts.items():
            out = folder / f"{tb.set_name}.{part}.jsonl"
            with out.open("w", encoding="utf-8") as fp:
                for case in cases:
                    fp.write(json.dumps(case, ensure_ascii=False) + "\n")
            docs = len(documents[part] - {""})  # "": a treebank without documents
            print(
                f"{out.relative_to(OUT)}: "
                + (f"{docs} documents, " if docs else "")
                + f"{len(cases)} cases, "
                f"{boundaries[part]} treebank boundaries, "
                f"{merged[part]} merged (no final punctuation)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="folder holding the fetched UD repositories")
    build(parser.parse_args().root)


if __name__ == "__main__":
    main()
