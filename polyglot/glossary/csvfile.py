"""glossary.csv: read, lint and edit, keeping every byte that an edit does not touch.

The file is a spreadsheet export: a header row (``en``, one column per target
language, and optional ``type``, ``case_sensitive``, ``do_not_translate``,
``note``), then one row per term.  Rows whose first cell starts with ``#`` are
comments; blank rows are ignored.  UTF-8 with or without a byte-order mark is
the format; UTF-16 with a BOM (Excel's "Unicode Text") and ``;`` or tab as
delimiter (Excel in French or Russian locales) are read too, and lint says so.

:func:`read_glossary` raises one :class:`~polyglot.errors.InputError` listing
every problem that makes the glossary unusable; :func:`lint_glossary` returns
every problem, including the ones a translation run can live with.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Protocol

from polyglot.cleaning import find_controls, render_codes
from polyglot.errors import InputError, Problem
from polyglot.glossary.model import ENTRY_TYPES, Entry, Glossary

#: Columns the file may have besides ``en`` and the language columns, with aliases.
_FLAG_COLUMNS = {
    "case_sensitive": "case_sensitive",
    "case-sensitive": "case_sensitive",
    "case": "case_sensitive",
    "do_not_translate": "do_not_translate",
    "do-not-translate": "do_not_translate",
    "dnt": "do_not_translate",
}
_TEXT_COLUMNS = {"type": "type", "note": "note", "notes": "note"}
_LANG_COLUMN = re.compile(r"^[a-z]{2,3}$")
_TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"no", "n", "false", "0", ""}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CYRILLIC_TARGETS = {"kk", "ru", "uk", "be", "ky", "tg", "mn", "bg", "sr"}
# Control characters (C0 but tab/LF/CR, DEL, C1) and non-characters: invisible in a
# spreadsheet, never part of a term, and refused by XML (TMX, TBX, the review pages).


@dataclass
class Record:
    """One physical CSV record: its text without the line break, and that break."""

    text: str
    newline: str
    line: int  # 1-based line where it starts
    cells: list[str] = field(default_factory=list)


@dataclass
class CsvGlossary:
    """A parsed glossary file, with what is needed to write it back unchanged."""

    path: str
    bom: bytes
    encoding: str
    delimiter: str
    records: list[Record]
    header: list[str]  # normalised column names, in file order
    glossary: Glossary
    #: (problem, fatal): fatal problems make :func:`read_glossary` fail.
    problems: list[tuple[Problem, bool]] = field(default_factory=list)
    #: Not problems: how a readable spreadsheet save differs from plain CSV (``;``, UTF-16).
    notes: list[Problem] = field(default_factory=list)

    @property
    def newline(self) -> str:
        """The file's line break (the first record's), for rows that are added."""
        for record in self.records:
            if record.newline:
                return record.newline
        return "\n"

    def to_bytes(self) -> bytes:
        """The file again; untouched records come back byte-identical."""
        text = "".join(r.text + r.newline for r in self.records)
        return self.bom + text.encode(self.encoding)


#: How to save a glossary as UTF-8 CSV with commas, in the two spreadsheets people use.
SAVE_AS_CSV_UTF8 = (
    "save it as UTF-8 CSV with commas (Excel: File > Save As > 'CSV UTF-8 (Comma delimited)'; "
    "LibreOffice Calc: File > Save As > 'Text CSV (.csv)', Edit filter settings, character "
    "set 'Unicode (UTF-8)', field delimiter ',')"
)


def read_glossary(fp: IO[bytes], path: str = "glossary.csv") -> Glossary:
    """Read a glossary, raising one InputError that lists every fatal problem."""
    parsed = parse_glossary(fp.read(), path)
    fatal = [problem for problem, is_fatal in parsed.problems if is_fatal]
    if fatal:
        raise_problems(sorted(fatal, key=lambda p: p.line or 0), path)
    return parsed.glossary


def lint_glossary(fp: IO[bytes], path: str = "glossary.csv") -> list[Problem]:
    """Every problem in the file, in line order (an empty list: the file is clean)."""
    parsed = parse_glossary(fp.read(), path)
    return sorted((p for p, _ in parsed.problems), key=lambda p: p.line or 0)


def raise_problems(problems: list[Problem], path: str) -> None:
    """Raise one InputError that carries (and lists) all ``problems``."""
    listing = "\n".join(f"  {p}" for p in problems)
    raise InputError(
        f"{len(problems)} problem(s) in the glossary:\n{listing}",
        f"fix them in the spreadsheet, then check with: polyglot glossary lint {path}",
        path=path,
        problems=problems,
    )


def parse_glossary(data: bytes, path: str = "glossary.csv") -> CsvGlossary:
    """Parse the file's bytes, collecting every problem instead of stopping at the first."""
    problems: list[tuple[Problem, bool]] = []

    def report(line: int | None, message: str, fatal: bool = False) -> None:
        problems.append((Problem(path, line, message), fatal))

    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" in data[:8192]:
        raise InputError(
            "this looks like a binary file, not a CSV glossary (it contains NUL bytes)",
            f"give the glossary as your spreadsheet saves it: {SAVE_AS_CSV_UTF8}",
            path=path,
        )
    bom, encoding, text = _decode(data, path, report)
    records = list(_split_records(text))
    delimiter = _sniff_delimiter(records)
    result = CsvGlossary(path, bom, encoding, delimiter, records, [], Glossary(path=path), problems)
    if problems:
        return result  # not text in this encoding: every row would only repeat it as mojibake
    if encoding.startswith("utf-16"):
        result.notes.append(
            Problem(
                path,
                1,
                "the file is UTF-16 (Excel 'Unicode Text'); polyglot reads it, CAT tools "
                f"may not: {SAVE_AS_CSV_UTF8}",
            )
        )
    if delimiter != ",":
        shown = {";": "';'", "\t": "tabs"}[delimiter]
        result.notes.append(
            Problem(
                path,
                1,
                f"columns are separated by {shown}, not commas; polyglot reads it, other "
                f"tools may not: {SAVE_AS_CSV_UTF8}",
            )
        )
    for record in records:
        record.cells = _parse_cells(record, delimiter, report)
    header_record = next((r for r in records if not _is_comment_or_blank(r.cells)), None)
    if header_record is None:
        report(None, "the file has no header row", fatal=True)
        return result
    result.header = _read_header(header_record, result.glossary, report)
    if "en" not in result.header:
        return result
    for record in records:
        if record is header_record or record.line < header_record.line:
            continue
        if _is_comment_or_blank(record.cells):
            continue
        entry = _read_entry(record, result.header, result.glossary.langs, report)
        if entry is not None:
            result.glossary.entries.append(entry)
    _check_duplicates(result.glossary, report)
    _check_overlaps(result.glossary, report)
    return result


def _decode(data: bytes, path: str, report: _Report) -> tuple[bytes, str, str]:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return bom, encoding, body.decode(encoding)
            except UnicodeDecodeError as exc:
                _report_undecodable(body, exc, encoding, report)
                return bom, encoding, body.decode(encoding, errors="replace")
    try:
        return b"", "utf-8", data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _report_undecodable(data, exc, "utf-8", report)
        return b"", "utf-8", data.decode("utf-8", errors="replace")


def _report_undecodable(
    data: bytes, exc: UnicodeDecodeError, encoding: str, report: _Report
) -> None:
    line = data[: exc.start].count(b"\n") + 1
    report(
        line,
        f"not {encoding.upper()} text (byte 0x{data[exc.start]:02x}); the file was probably "
        "saved in a legacy code page such as cp1251, which has no Kazakh letters: "
        + SAVE_AS_CSV_UTF8,
        fatal=True,
    )


class _Report(Protocol):
    """The problem collector that every check is given."""

    def __call__(self, line: int | None, message: str, fatal: bool = False) -> None: ...


def _split_records(text: str) -> Iterator[Record]:
    """Physical records: line breaks inside quoted cells belong to the record.

    A quote that is never closed (the record would run to the end of the file), or
    whose "closing" quote is followed by text rather than a delimiter or a line break,
    is a broken record, not a multi-line cell: it ends at its first line break, and
    reading resumes on the next line, so one stray quote does not hide the rest of
    the file from lint.
    """
    start = 0
    line = 1
    in_quotes = False
    spans_lines = False
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            in_quotes = not in_quotes
            after = text[i + 1 : i + 2]
            if not in_quotes and spans_lines and after and after not in _AFTER_CLOSING_QUOTE:
                i = _cut_first_line(text, start)
                yield _record(text, start, i, line)
                line += 1
                start, in_quotes, spans_lines = i, False, False
                continue
        elif ch in "\r\n":
            if in_quotes:
                spans_lines = True
            else:
                newline = "\r\n" if text.startswith("\r\n", i) else ch
                body = text[start:i]
                yield Record(body, newline, line)
                line += body.count("\n") + body.count("\r") - body.count("\r\n") + 1
                i += len(newline)
                start, spans_lines = i, False
                continue
        i += 1
        if i == n and in_quotes and spans_lines:
            # never closed: the quote's line is a bad row; read on from the next one
            i = _cut_first_line(text, start)
            yield _record(text, start, i, line)
            line += 1
            start, in_quotes, spans_lines = i, False, False
    if start < n:
        yield Record(text[start:], "", line)


#: What may follow a quote that closes a quoted cell: a delimiter, a line break, a quote.
_AFTER_CLOSING_QUOTE = frozenset(',;\t\r\n"')


def _cut_first_line(text: str, start: int) -> int:
    """Where the line after the one starting at ``start`` begins."""
    end = min(p for p in (text.find("\r", start), text.find("\n", start)) if p >= 0)
    return end + 2 if text.startswith("\r\n", end) else end + 1


def _record(text: str, start: int, stop: int, line: int) -> Record:
    """The record text[start:stop], whose line break is at its end."""
    body = text[start:stop].rstrip("\r\n")
    return Record(body, text[start + len(body) : stop], line)


def _sniff_delimiter(records: list[Record]) -> str:
    for record in records:
        if record.text.strip() and not record.text.lstrip('"').startswith("#"):
            counts = {d: record.text.count(d) for d in (",", ";", "\t")}
            best = max(counts, key=lambda d: counts[d])
            return best if counts[best] > counts[","] else ","
    return ","


def _parse_cells(record: Record, delimiter: str, report: _Report) -> list[str]:
    if record.text.count('"') % 2:
        report(
            record.line,
            "unbalanced quote: a cell opens a quotation mark it never closes",
            fatal=True,
        )
        return []  # a bad row: its cells cannot be told apart, so nothing else is said of it
    reader = csv.reader(io.StringIO(record.text, newline=""), delimiter=delimiter, strict=False)
    try:
        rows = list(reader)
    except csv.Error as exc:
        report(record.line, f"cannot read this row ({exc})", fatal=True)
        return []
    return [cell for row in rows for cell in row] if len(rows) > 1 else (rows[0] if rows else [])


def _is_comment_or_blank(cells: list[str]) -> bool:
    return not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#")


def _read_header(record: Record, glossary: Glossary, report: _Report) -> list[str]:
    header: list[str] = []
    for cell in record.cells:
        name = cell.strip().lower()
        if name in _FLAG_COLUMNS:
            name = _FLAG_COLUMNS[name]
        elif name in _TEXT_COLUMNS:
            name = _TEXT_COLUMNS[name]
        elif name == "en" or _LANG_COLUMN.match(name):
            if name != "en":
                glossary.langs.append(name)
        elif not name:
            name = ""
        else:
            report(
                record.line,
                f"unknown column {cell.strip()!r}: polyglot ignores it (known: "
                "en, a language code such as kk, type, case_sensitive, do_not_translate, note)",
            )
        if name and name in header:
            report(record.line, f"column {name!r} appears twice", fatal=True)
        header.append(name)
    if "en" not in header:
        report(record.line, "the header has no 'en' column (the English source term)", fatal=True)
    if not glossary.langs:
        report(record.line, "the header has no language column (such as kk, ru, fr)")
    return header


def find_control_characters(entry: Entry) -> list[str]:
    """The control characters in an entry's cells (empty for a clean entry)."""
    cells = [entry.en, entry.note, entry.type, *entry.targets.values()]
    return [c for cell in cells for c in find_controls(cell)]


def _read_entry(
    record: Record, header: list[str], langs: list[str], report: _Report
) -> Entry | None:
    cells = record.cells
    line = record.line
    if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
        report(
            line,
            f"{len(cells)} cells but the header has {len(header)} columns "
            "(a comma in an unquoted cell?)",
            fatal=True,
        )
    values: dict[str, str] = {}
    for index, name in enumerate(header):
        raw = cells[index] if index < len(cells) else ""
        if not name:
            continue
        if control := find_controls(raw):
            codes = render_codes(control)
            report(
                line,
                f"column {name!r}: control character(s) {codes} in {raw!r}: delete them in "
                "the spreadsheet (invisible there; TMX and TBX cannot hold them)",
                fatal=True,
            )
        elif raw != raw.strip() or "  " in raw or "\n" in raw.strip():
            report(line, f"column {name!r}: stray whitespace in {raw!r}")
        values[name] = " ".join(raw.split())
    entry = Entry(en=values.get("en", ""), line=line)
    if not entry.en:
        report(line, "missing cell: the 'en' term is empty", fatal=True)
        return None
    entry.note = values.get("note", "")
    entry.type = values.get("type", "").lower() or "other"
    if entry.type not in ENTRY_TYPES:
        report(line, f"unknown type {entry.type!r} (use one of: {', '.join(ENTRY_TYPES)})")
    for flag in ("case_sensitive", "do_not_translate"):
        value = values.get(flag, "").lower()
        if value in _TRUE:
            setattr(entry, flag, True)
        elif value not in _FALSE:
            report(line, f"column {flag!r}: {values[flag]!r} is not yes or no", fatal=True)
    for lang in langs:
        form = values.get(lang, "")
        entry.targets[lang] = form
        _check_form(entry, lang, form, line, report)
    return entry


def _check_form(entry: Entry, lang: str, form: str, line: int, report: _Report) -> None:
    if not form:
        if not entry.do_not_translate:
            report(
                line,
                f"missing cell: no {lang} form for {entry.en!r} (the term will not be "
                "enforced in that language)",
            )
        return
    if entry.do_not_translate and form != entry.en:
        report(
            line, f"{lang}: {form!r} differs from {entry.en!r}, but the entry is do_not_translate"
        )
    if lang in _CYRILLIC_TARGETS:
        if "?" in form and "?" not in entry.en:
            report(
                line,
                f"{lang}: {form!r} has '?' where letters should be: the file was once "
                "saved in a code page without these letters",
            )
        for word in _WORD.findall(form):
            if _CYRILLIC.search(word) and _LATIN.search(word):
                report(line, f"{lang}: {word!r} mixes Latin and Cyrillic letters")


def _check_duplicates(glossary: Glossary, report: _Report) -> None:
    by_folded: dict[str, list[Entry]] = {}
    for entry in glossary.entries:
        earlier = by_folded.setdefault(entry.en.casefold(), [])
        cased = entry.case_sensitive
        first = next(
            (e for e in earlier if e.en == entry.en or not (e.case_sensitive or cased)),
            None,
        )
        earlier.append(entry)
        if first is None:
            continue
        differences = [
            f"{lang}: {first.targets.get(lang, '')!r} vs {entry.targets.get(lang, '')!r}"
            for lang in glossary.langs
            if first.targets.get(lang, "") != entry.targets.get(lang, "")
        ]
        if differences:
            report(
                entry.line,
                f"conflicting entry: {entry.en!r} is also on line {first.line} "
                f"with other forms ({'; '.join(differences)})",
                fatal=True,
            )
        else:
            report(entry.line, f"duplicate entry: {entry.en!r} is also on line {first.line}")


def _check_overlaps(glossary: Glossary, report: _Report) -> None:
    """Terms that cross (the end of one is the start of the other, neither holds the
    other): where both occur, only the longer one is matched.  Crossings of one word
    (titles ending and starting with «Minister») are too common to be worth a warning.

    Pairs are found through an index of word prefixes, not by comparing every pair,
    so that a glossary of tens of thousands of terms lints in a moment."""
    words = [tuple(entry.en.casefold().split()) for entry in glossary.entries]
    # a prefix of two words or more that leaves at least one word over -> the entries
    by_prefix: dict[tuple[str, ...], list[int]] = {}
    for index, terms in enumerate(words):
        for size in range(2, len(terms)):
            by_prefix.setdefault(terms[:size], []).append(index)
    pairs: set[tuple[int, int]] = set()
    for index, terms in enumerate(words):
        for size in range(2, len(terms)):
            for other in by_prefix.get(terms[-size:], ()):
                if other != index:
                    pairs.add((min(index, other), max(index, other)))
    for i, j in sorted(pairs):
        a, b = glossary.entries[i], glossary.entries[j]
        for first, second in ((words[i], words[j]), (words[j], words[i])):
            shared = _crossing(first, second)
            if shared:
                report(
                    b.line,
                    f"overlapping terms: {b.en!r} and {a.en!r} (line {a.line}) "
                    f"share {' '.join(second[:shared])!r}; where both occur only the "
                    "longer one is matched",
                )
                break


def _crossing(first: tuple[str, ...], second: tuple[str, ...]) -> int:
    """The most words (two or more, fewer than either term has) that end ``first``
    and start ``second``; 0 when they do not cross."""
    for size in range(min(len(first), len(second)) - 1, 1, -1):
        if first[-size:] == second[:size]:
            return size
    return 0


def render_row(values: dict[str, str], header: list[str], delimiter: str) -> str:
    """One CSV row for ``header`` (cells not in ``values`` are empty), without line break."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="")
    writer.writerow([values.get(name, "") if name else "" for name in header])
    return out.getvalue()


def entry_values(entry: Entry) -> dict[str, str]:
    """An entry as column name -> cell text."""
    values = {"en": entry.en, "type": entry.type, "note": entry.note}
    values["case_sensitive"] = "yes" if entry.case_sensitive else ""
    values["do_not_translate"] = "yes" if entry.do_not_translate else ""
    values.update(entry.targets)
    return values


def find_entry(parsed: CsvGlossary, en: str) -> Entry | None:
    """The one row of term ``en``: the exact match, else the one row that matches it
    ignoring case; several candidates are refused, each named with its line, so that
    an edit never touches a row the user did not mean (``ASTANA`` beside ``Astana``)."""
    rows = [e for e in parsed.glossary.entries if e.en == en]
    if not rows:
        folded = en.casefold()
        rows = [e for e in parsed.glossary.entries if e.en.casefold() == folded]
    if len(rows) > 1:
        listed = ", ".join(f"{e.en!r} (line {e.line})" for e in rows)
        exact = rows[0].en == en
        raise InputError(
            f"{len(rows)} rows match {en!r}: {listed}",
            "remove the duplicate row in the spreadsheet"
            if exact
            else "give the term exactly as it is written in the row you mean",
            path=parsed.path,
        )
    return rows[0] if rows else None


def _clashing_entry(parsed: CsvGlossary, entry: Entry) -> Entry | None:
    """A row that would duplicate ``entry``: the same term, or the same ignoring case
    where either row is not case-sensitive (as lint's duplicate check)."""
    folded = entry.en.casefold()
    for other in parsed.glossary.entries:
        if other.en == entry.en or (
            other.en.casefold() == folded and not (other.case_sensitive or entry.case_sensitive)
        ):
            return other
    return None


def _record_of(parsed: CsvGlossary, entry: Entry) -> Record:
    return next(r for r in parsed.records if r.line == entry.line)


def add_entry(parsed: CsvGlossary, entry: Entry, replace: bool = False) -> str:
    """Add ``entry`` as a new last row, or (``replace``) rewrite the one row of the same
    term (see :func:`find_entry`).

    Returns "added" or "replaced".  Every other record keeps its bytes.
    """
    missing = [lang for lang in entry.targets if lang not in parsed.header]
    if missing:
        raise InputError(
            f"the glossary has no column for {', '.join(missing)}",
            "add the column in the spreadsheet first",
            path=parsed.path,
        )
    row = render_row(entry_values(entry), parsed.header, parsed.delimiter)
    if replace and (existing := find_entry(parsed, entry.en)) is not None:
        _record_of(parsed, existing).text = row
        return "replaced"
    if not replace and (clash := _clashing_entry(parsed, entry)) is not None:
        raise InputError(
            f"{entry.en!r} is already in the glossary (line {clash.line}: {clash.en!r})",
            "use --replace to change it, or remove it first",
            path=parsed.path,
        )
    if parsed.records and not parsed.records[-1].newline:
        parsed.records[-1].newline = parsed.newline
    last = parsed.records[-1].line + 1 if parsed.records else 1
    parsed.records.append(Record(row, parsed.newline, last))
    return "added"


def remove_entry(parsed: CsvGlossary, en: str) -> Entry | None:
    """Remove the one row of term ``en`` (see :func:`find_entry`); the entry removed,
    None when there is none."""
    doomed = find_entry(parsed, en)
    if doomed is not None:
        parsed.records.remove(_record_of(parsed, doomed))
        parsed.glossary.entries.remove(doomed)
    return doomed


@dataclass
class MergeReport:
    """What :func:`merge_entries` did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # kept ours; "en (lang: ours / theirs)"

    def format(self) -> str:
        """One line for the CLI."""
        text = f"{len(self.added)} added, {len(self.updated)} updated"
        if self.conflicts:
            text += f", {len(self.conflicts)} conflicts kept as they were"
        return text


def merge_entries(parsed: CsvGlossary, incoming: Glossary, overwrite: bool = False) -> MergeReport:
    """Merge entries from a CAT tool: new terms are added as rows; empty cells of known
    terms are filled; a different form replaces ours only with ``overwrite``."""
    report = MergeReport()
    for theirs in incoming.entries:
        theirs.targets = {k: v for k, v in theirs.targets.items() if k in parsed.header and v}
        ours = parsed.glossary.find(theirs.en)
        if ours is None:
            add_entry(parsed, theirs)
            theirs.line = parsed.records[-1].line  # its row in the CSV now
            parsed.glossary.entries.append(theirs)
            report.added.append(theirs.en)
            continue
        changed = False
        for lang, form in theirs.targets.items():
            current = ours.targets.get(lang, "")
            if current == form:
                continue
            if current and not overwrite:
                report.conflicts.append(f"{ours.en} ({lang}: {current!r} / {form!r})")
                continue
            ours.targets[lang] = form
            changed = True
        if changed:
            add_entry(parsed, ours, replace=True)
            report.updated.append(ours.en)
    return report
