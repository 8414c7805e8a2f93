"""What the ``polyglot glossary`` commands do to files: load, lint, edit, exchange.

Edits rewrite the file atomically (a temporary file renamed into place), and
only the rows they touch change: comments, other rows, the byte-order mark and
line breaks stay byte-identical.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from polyglot.cleaning import render_codes
from polyglot.errors import InputError, Problem, UsageError
from polyglot.fileio import atomic_write, read_input
from polyglot.glossary.csvfile import (
    CsvGlossary,
    MergeReport,
    add_entry,
    find_control_characters,
    find_entry,
    merge_entries,
    parse_glossary,
    raise_problems,
    remove_entry,
)
from polyglot.glossary.model import ENTRY_TYPES, Entry, Glossary
from polyglot.glossary.tbx import read_omegat, read_tbx, write_omegat, write_tbx


def _read_bytes(path: Path) -> bytes:
    return read_input(
        path,
        missing="no such glossary",
        missing_hint="create it with a header row: en,kk,ru,fr,type,note",
        folder="this is a folder, not a glossary file",
    )


def _read_source(path: Path) -> bytes:
    """The bytes of a glossary a CAT tool exported (``glossary import``)."""
    hint = "give the .tbx or OmegaT glossary file your CAT tool exported"
    return read_input(
        path, missing_hint=hint, folder="this is a folder, not a glossary file", folder_hint=hint
    )


def lint_file(path: Path) -> tuple[list[Problem], list[Problem]]:
    """Every problem in the glossary at ``path``, in line order, and the notes on a
    readable spreadsheet save (``;`` or tabs, UTF-16), which are not problems."""
    parsed = parse_glossary(_read_bytes(path), str(path))
    return sorted((p for p, _ in parsed.problems), key=lambda p: p.line or 0), parsed.notes


def load_file(path: Path) -> CsvGlossary:
    """The parsed glossary; an InputError listing every fatal problem if it is unusable."""
    parsed = parse_glossary(_read_bytes(path), str(path))
    fatal = [problem for problem, is_fatal in parsed.problems if is_fatal]
    if fatal:
        raise_problems(sorted(fatal, key=lambda p: p.line or 0), str(path))
    return parsed


def _save(parsed: CsvGlossary, path: Path) -> None:
    with atomic_write(path, "wb", encoding=None) as fp:
        fp.write(parsed.to_bytes())


def add_term(
    path: Path,
    term: str,
    forms: list[str],
    kind: str | None = None,
    note: str | None = None,
    case_sensitive: bool | None = None,
    do_not_translate: bool | None = None,
    replace: bool = False,
) -> str:
    """Add (or with ``replace`` change) the entry for ``term``; "added" or "replaced".

    A field given as None is not given: a new entry takes the default, a replaced one
    keeps its value.  An empty form (``kk=``) or note clears it in a replaced entry.
    A new entry needs a form in at least one language (or ``do_not_translate``).
    """
    if kind is not None and kind not in ENTRY_TYPES:
        raise UsageError(f"unknown type {kind!r}", f"use one of: {', '.join(ENTRY_TYPES)}")
    en = " ".join(term.split())
    if not en:
        raise UsageError("the term is empty", "give the English term")
    given: dict[str, str] = {}
    for item in forms:
        lang, sep, form = item.partition("=")
        if not sep or not lang.strip():
            raise UsageError(f"--form {item!r} is not LANG=FORM", "e.g. --form kk=Астана")
        given[lang.strip().lower()] = " ".join(form.split())
    parsed = load_file(path)
    existing = find_entry(parsed, en) if replace else None
    if existing is not None:
        entry = dataclasses.replace(existing, targets=dict(existing.targets))
    else:
        entry = Entry(en)
        if not any(given.values()) and not do_not_translate:
            langs = parsed.glossary.langs
            raise UsageError(
                f"no form given for {en!r}: a new entry needs its form in at least one of "
                f"the glossary's languages ({', '.join(langs)})",
                " ".join(f"--form {lang}=…" for lang in langs)
                + " (or --do-not-translate for a name kept as it is in every language)",
            )
    entry.targets.update(given)
    if kind is not None:
        entry.type = kind
    if note is not None:
        entry.note = note
    if case_sensitive is not None:
        entry.case_sensitive = case_sensitive
    if do_not_translate is not None:
        entry.do_not_translate = do_not_translate
    action = add_entry(parsed, entry, replace=replace)
    _save(parsed, path)
    return action


def remove_term(path: Path, term: str) -> str:
    """Remove the one entry for ``term`` (see :func:`find_entry`); the term as written
    in the row removed."""
    parsed = load_file(path)
    removed = remove_entry(parsed, term)
    if removed is None:
        raise InputError(
            f"{term!r} is not in the glossary", "see: polyglot glossary list", path=str(path)
        )
    _save(parsed, path)
    return f"{removed.en!r} (line {removed.line})"


def export_file(path: Path, out: Path, fmt: str, lang: str | None = None) -> int:
    """Write the glossary as ``tbx`` or ``omegat`` (one target ``lang``); the entry count."""
    glossary = load_file(path).glossary
    if fmt == "omegat":
        lang = _one_lang(glossary, lang)
        with atomic_write(out) as fp:
            write_omegat(fp, glossary, lang)
        return len(glossary.for_lang(lang))
    with atomic_write(out, "wb", encoding=None) as fp:
        write_tbx(fp, glossary)
    return len(glossary)


def _one_lang(glossary: Glossary, lang: str | None) -> str:
    if lang is None or lang not in glossary.langs:
        raise UsageError(
            "an OmegaT glossary holds one target language",
            f"name it with --lang ({', '.join(glossary.langs)})",
        )
    return lang


def import_file(
    path: Path, source: Path, fmt: str, lang: str | None = None, overwrite: bool = False
) -> MergeReport:
    """Merge a TBX or OmegaT glossary into the CSV at ``path``."""
    parsed = load_file(path)
    if fmt == "omegat":
        lang = _one_lang(parsed.glossary, lang)
        try:
            text = _read_source(source).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(
                "not UTF-8 text", "OmegaT glossaries are UTF-8", path=str(source)
            ) from None
        incoming = read_omegat(io.StringIO(text), lang, str(source))
    else:
        incoming = read_tbx(io.BytesIO(_read_source(source)), str(source))
    _refuse_control_characters(incoming, str(source))
    report = merge_entries(parsed, incoming, overwrite)
    _save(parsed, path)
    return report


def _refuse_control_characters(incoming: Glossary, shown: str) -> None:
    """Terms with control characters would make the CSV unusable: refuse them all at once."""
    problems = []
    for entry in incoming.entries:
        if found := find_control_characters(entry):
            codes = render_codes(found)
            problems.append(
                Problem(shown, entry.line, f"{entry.en!r}: control character(s) {codes}")
            )
    if problems:
        listing = "\n".join(f"  {p}" for p in problems)
        raise InputError(
            f"{len(problems)} term(s) with control characters:\n{listing}",
            "delete them in the CAT tool's glossary and export it again",
            path=shown,
            problems=problems,
        )
