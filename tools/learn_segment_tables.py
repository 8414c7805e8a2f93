"""Learn the segmenter's word tables from Universal Dependencies training data.

Writes ``polyglot/segment/data/learned.json``: per language, three tables that
:mod:`polyglot.segment.langs` merge into the hand-written rules.

``abbreviations``
    Forms the treebank tokenises *with* their full stop (``etc.``, ``Dr.``,
    ``al.``): UD keeps an abbreviation's period in the token and splits a
    sentence-final period off, so the tokenisation itself says which words are
    abbreviations.  Kept when seen as an abbreviation at least as often as bare.
``short_words``
    Lower-case words of two or three letters seen at least twice as ordinary
    tokens and never with an abbreviation's period (``too``, ``now``, ``day``):
    before such a word, ``. `` and a lower-case word is a sentence boundary
    (informal text), where a short unknown form (``st.``, ``med.``) is not trusted.
``continuers``
    Lower-case words that continue a sentence after a quoted question or
    exclamation (``"Why?" he asked``): after ``?`` or ``!`` they do not start one.
``words``
    Lower-case words of four letters or more that are ordinary words (``tonight``,
    ``finishes``): the evidence rule word-before-lowercase needs before it ends a
    sentence at ``word. lower``.  Taken from wordfreq's frequency lists (their data
    CC BY-SA 4.0: Wikipedia, subtitles, news, books, web text; the list names its
    sources) for the languages in ``WORD_LANGS``: words at least ``MIN_ZIPF`` (ten
    per million words), with a vowel, never seen in the treebank as an abbreviation.
    Clipped forms (``mgmt``, ``bldg``, ``cont``, ``orig``, ``equip``, ``pharm``) are
    rarer than that, so a stop after them does not end a sentence before a
    lower-case word.  Needs ``pip install wordfreq`` (only to run this tool).

Only data under licences that allow redistribution in the package is read
(``SOURCES``); the non-commercial treebanks (LinES, ParTUT, GENTLE, SynTagRus,
GUM's wikiHow, fiction and other NC documents) are never read here.  The
development and set-aside files (``*-dev``/``*-test`` of the treebanks the
benchmark scores) are never read either.

    python tools/learn_segment_tables.py /work/.mirror   # UD repositories fetched under it
"""

from __future__ import annotations

import argparse
import json
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "polyglot" / "segment" / "data" / "learned.json"


@dataclass(frozen=True)
class Source:
    """One treebank file and which of its documents may be used."""

    lang: str
    repo: str
    path: str
    licence: str
    #: Document-id prefixes to keep (None: all documents).
    docs: tuple[str, ...] | None = None


SOURCES = (
    # GUM is CC BY-NC-SA as a whole, but its README states that the Wikimedia
    # (news, interview, bio, voyage), OpenStax textbook, YouTube vlog, public-domain
    # speech and Santa Barbara conversation documents are CC BY: only those are read.
    # Its training file is not in the stored snapshot; its dev file is not one of
    # the benchmark's sets (GUM is not scored), so it serves as training data.
    Source(
        "en",
        "UD_English-GUM",
        "en_gum-ud-dev.conllu",
        "CC BY 4.0 (the documents kept)",
        (
            "GUM_news_",
            "GUM_interview_",
            "GUM_bio_",
            "GUM_voyage_",
            "GUM_textbook_",
            "GUM_vlog_",
            "GUM_speech_",
            "GUM_conversation_",
        ),
    ),
    Source("en", "UD_English-EWT", "en_ewt-ud-train.conllu", "CC BY-SA 4.0"),
    Source("fr", "UD_French-GSD", "fr_gsd-ud-train.conllu", "CC BY-SA 4.0"),
    Source("ru", "UD_Russian-GSD", "ru_gsd-ud-train.conllu", "CC BY-SA 4.0"),
    Source("kk", "UD_Kazakh-KTB", "kk_ktb-ud-train.conllu", "CC BY-SA 4.0"),
)

QUOTES = "\"'”’»"

#: Languages whose rules use the ``words`` table (rule word-before-lowercase).
WORD_LANGS = ("en", "fr")
#: wordfreq's Zipf scale: 4.0 is ten occurrences per million words.
MIN_ZIPF = 4.0
#: Short words (table short_words) are learned from the treebank; the engine's
#: longest word is polyglot.segment.engine.WORD_MAX - 1 letters.
SHORT_MAX, WORD_MAX = 3, 41
VOWELS = frozenset("aeiouy")


def read(root: Path, repo: str, path: str) -> str | None:
    """A file of a fetched repository (bare git snapshot or checkout); None if absent."""
    bare = root / f"UniversalDependencies+{repo}" / "repo"
    if bare.is_dir():
        out = subprocess.run(
            ["git", "--git-dir", str(bare), "show", f"HEAD:{path}"], capture_output=True
        )
        return out.stdout.decode("utf-8") if out.returncode == 0 else None
    file = root / repo / path
    return file.read_text(encoding="utf-8") if file.exists() else None


def sentences(content: str, docs: tuple[str, ...] | None) -> list[list[str]]:
    """The word forms of each sentence (multiword tokens as written), of the documents kept."""
    out: list[list[str]] = []
    keep = docs is None
    forms: list[str] = []
    covered = 0
    for line in content.splitlines():
        if line.startswith("# newdoc"):
            doc = line.partition("=")[2].strip()
            keep = docs is None or doc.startswith(docs)
        elif line and line[0].isdigit():
            cols = line.split("\t")
            if "." in cols[0]:
                continue
            if "-" in cols[0]:
                covered = int(cols[0].split("-")[1])
                forms.append(cols[1])
            elif int(cols[0]) > covered:
                forms.append(cols[1])
        elif not line.strip():
            if forms and keep:
                out.append(forms)
            forms, covered = [], 0
    return out


def _is_abbreviation_token(form: str) -> bool:
    body = form[:-1]
    return (
        len(form) >= 2
        and form.endswith(".")
        and body[:1].isalpha()
        and not body.endswith(".")
        and all(ch.isalpha() or ch in ".-'" for ch in body)
    )


def learn(sents: list[list[str]]) -> dict[str, list[str]]:
    as_abbreviation: Counter[str] = Counter()
    bare: Counter[str] = Counter()
    continuers: Counter[str] = Counter()
    for forms in sents:
        for i, form in enumerate(forms):
            if _is_abbreviation_token(form):
                as_abbreviation[form[:-1]] += 1
            else:
                bare[form] += 1
            if (
                i >= 2
                and form[:1].islower()
                and form.isalpha()
                and forms[i - 1] in QUOTES
                and forms[i - 2] in ("?", "!")
            ):
                continuers[form] += 1
    abbreviations = sorted(a for a, n in as_abbreviation.items() if n >= bare[a])
    short_words = sorted(
        w
        for w, n in bare.items()
        if 2 <= len(w) <= 3 and w.isalpha() and w.islower() and n >= 2 and w not in as_abbreviation
    )
    return {
        "abbreviations": abbreviations,
        "short_words": short_words,
        "continuers": sorted(w for w, n in continuers.items() if n >= 1),
    }


def _has_vowel(word: str) -> bool:
    return any(unicodedata.normalize("NFD", ch)[0] in VOWELS for ch in word)


def frequent_words(lang: str, abbreviations: list[str]) -> list[str]:
    """Ordinary lower-case words of ``lang`` (table ``words``), from wordfreq."""
    try:
        from wordfreq import top_n_list, zipf_frequency
    except ImportError:
        raise SystemExit("the words table needs wordfreq: pip install wordfreq") from None
    skip = set(abbreviations)
    return sorted(
        w
        for w in top_n_list(lang, 100_000)
        if SHORT_MAX < len(w) < WORD_MAX
        and w.isalpha()
        and all(unicodedata.category(ch) == "Ll" for ch in w)
        and _has_vowel(w)
        and w not in skip
        and zipf_frequency(w, lang) >= MIN_ZIPF
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path, help="folder holding the fetched UD repositories")
    args = parser.parse_args()
    by_lang: dict[str, list[list[str]]] = {}
    used: dict[str, list[str]] = {}
    for src in SOURCES:
        content = read(args.root, src.repo, src.path)
        if content is None:
            print(f"{src.repo}/{src.path}: not available, skipped")
            continue
        sents = sentences(content, src.docs)
        by_lang.setdefault(src.lang, []).extend(sents)
        used.setdefault(src.lang, []).append(f"{src.repo}/{src.path} ({src.licence})")
        print(f"{src.repo}/{src.path}: {len(sents)} sentences")
    tables = {
        lang: {"sources": used[lang], **learn(sents)} for lang, sents in sorted(by_lang.items())
    }
    for lang in WORD_LANGS:
        table = tables.setdefault(lang, {"sources": []})
        table["words"] = frequent_words(lang, table.get("abbreviations", []))
        table["sources"].append(
            f"wordfreq {version('wordfreq')} (CC BY-SA 4.0), Zipf >= {MIN_ZIPF}"
        )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(tables, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for lang, t in tables.items():
        sizes = ", ".join(f"{k} {len(v)}" for k, v in t.items() if k != "sources")
        print(f"{lang}: {sizes}")


if __name__ == "__main__":
    main()
