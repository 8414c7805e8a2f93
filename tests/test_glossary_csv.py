"""glossary.csv: reading spreadsheet exports, lint (one case per problem type), edits."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest

from polyglot.errors import InputError
from polyglot.glossary.csvfile import (
    add_entry,
    lint_glossary,
    parse_glossary,
    read_glossary,
    remove_entry,
)
from polyglot.glossary.model import Entry

REPO = Path(__file__).resolve().parent.parent

HEADER = "en,kk,ru,fr,type,note\n"
ROWS = (
    "Astana,Астана,Астана,Astana,place,akorda.kz\n"
    "Kazakhstan,Қазақстан,Казахстан,Kazakhstan,place,\n"
)


def lint(text: str | bytes) -> list[str]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return [str(p) for p in lint_glossary(io.BytesIO(data), "g.csv")]


def read(data: bytes):
    return read_glossary(io.BytesIO(data), "g.csv")


# --- reading what spreadsheets save -------------------------------------------------------------


def test_the_repository_glossary_is_clean_and_covers_the_seed():
    data = (REPO / "glossary.csv").read_bytes()
    assert lint(data) == []
    glossary = read(data)
    assert glossary.langs == ["kk", "ru", "fr"]
    names = {e.en for e in glossary}
    for name in (
        "Beibut Atamkulov",
        "Jean-Baptiste Lemoyne",
        "Francis Etienne",
        "Nurlan Danenov",
        "Astana",
        "Kazinform",
        "KazEOSat-1",
        "KazEOSat-2",
        "KADEX-2018",
        "Kazakhstan",
        "France",
        "National Space Center",
        "Space Days in Kazakhstan",
        "Ministry of Europe and Foreign Affairs",
        "ASTANA",
        "KAZINFORM",
        "Ministry of Defense and Aerospace Industry of Kazakhstan",
    ):
        assert name in names, name
    kazinform = glossary.find("Kazinform")
    assert kazinform is not None
    assert kazinform.targets == {"kk": "ҚазАқпарат", "ru": "Казинформ", "fr": "Kazinform"}
    assert all(e.note for e in glossary), "every entry cites its source"


@pytest.mark.parametrize(
    "data",
    [
        (HEADER + ROWS).encode(),  # UTF-8
        codecs.BOM_UTF8 + (HEADER + ROWS).replace("\n", "\r\n").encode(),  # Excel "CSV UTF-8"
        # LibreOffice Calc: every text cell quoted, CRLF
        codecs.BOM_UTF8
        + "".join(
            ",".join(f'"{c}"' if c else "" for c in line.split(",")) + "\r\n"
            for line in (HEADER + ROWS).splitlines()
        ).encode(),
        codecs.BOM_UTF16_LE + (HEADER + ROWS).replace(",", "\t").encode("utf-16-le"),
        (HEADER + ROWS).replace(",", ";").encode(),  # Excel in a French or Russian locale
    ],
    ids=["utf8", "excel-utf8-bom-crlf", "libreoffice-quoted", "excel-unicode-text", "semicolons"],
)
def test_spreadsheet_exports_load(data):
    glossary = read(data)
    assert [e.en for e in glossary] == ["Astana", "Kazakhstan"]
    assert glossary.entries[1].targets == {"kk": "Қазақстан", "ru": "Казахстан", "fr": "Kazakhstan"}
    assert glossary.entries[0].note == "akorda.kz"


def test_comments_quoted_cells_and_flags():
    text = (
        "en,kk,ru,fr,type,case_sensitive,do_not_translate,note\n"
        "# a comment, with commas\n"
        '"# LibreOffice quotes a comment with commas",,,,,,,\n'
        "\n"
        'KazEOSat-1,,,,product,yes,yes,"Airbus, 2014"\n'
        'ministry,"министрлігі","министерство, ""оборонной""",ministère,'
        'organisation,no,,"two\nlines"\n'
    )
    glossary = read(text.encode())
    sat, ministry = glossary.entries
    assert sat.case_sensitive and sat.do_not_translate
    assert sat.target("kk") == "KazEOSat-1" and sat.note == "Airbus, 2014"
    assert ministry.targets["ru"] == 'министерство, "оборонной"'
    assert ministry.line == 6 and ministry.note == "two lines"


# --- lint: one case per problem type ------------------------------------------------------------


def test_a_clean_file_has_no_problems():
    assert lint(HEADER + ROWS) == []


def test_lint_reports_every_problem_at_once_with_lines():
    text = (
        "en,kk,ru,fr,type,colour\n"  # 1: unknown column
        "Astana,Астана,,Astana,place,\n"  # 2: missing ru cell
        " France,Франция,Франция,France,place,\n"  # 3: stray whitespace
        "Astana,Астана,,Astana,place,\n"  # 4: duplicate of 2
        "astana,Астана,Астана,Astana,place,\n"  # 5: conflicts with 2 (ru differs)
        ",Х,Х,X,other,\n"  # 6: missing en
        "National Space Center,Ұлттық ғарыш орталығы,Национальный космический центр,"
        "Centre spatial national,organisation,\n"  # 7
        "Space Center of Kazakhstan,a,b,c,organisation,\n"  # 8: overlaps 7 ("space center")
        "Aстана,Aстана,Астана,Astana,plaice,\n"  # 9: Latin A in Cyrillic word; unknown type
        "Kazinform,Қаз?қпарат,Казинформ,Kazinform,organisation,\n"  # 10: '?' from a code page
    )
    problems = lint(text)
    expected = [
        ("g.csv:1:", "unknown column 'colour'"),
        ("g.csv:2:", "missing cell: no ru form for 'Astana'"),
        ("g.csv:3:", "stray whitespace"),
        ("g.csv:4:", "duplicate entry: 'Astana' is also on line 2"),
        ("g.csv:5:", "conflicting entry: 'astana' is also on line 2"),
        ("g.csv:6:", "missing cell: the 'en' term is empty"),
        ("g.csv:8:", "overlapping terms: 'Space Center of Kazakhstan' and 'National Space Center'"),
        ("g.csv:9:", "unknown type 'plaice'"),
        ("g.csv:9:", "kk: 'Aстана' mixes Latin and Cyrillic letters"),
        ("g.csv:10:", "'?' where letters should be"),
    ]
    for where, what in expected:
        assert any(p.startswith(where) and what in p for p in problems), (where, what, problems)


def test_nested_terms_are_not_overlaps():
    text = HEADER + ROWS + "Space Days in Kazakhstan,a,b,c,event,\n"
    assert lint(text) == []


def test_wrong_delimiter_is_a_note_not_a_problem_and_is_read():
    text = (HEADER + ROWS).replace(",", ";")
    assert lint(text) == []
    (note,) = parse_glossary(text.encode(), "g.csv").notes
    assert str(note).startswith("g.csv:1:") and "separated by ';'" in str(note)
    assert "Excel" in str(note) and "LibreOffice" in str(note)
    assert len(read(text.encode())) == 2


def test_wrong_encoding_is_reported_with_its_line_and_is_fatal():
    data = (HEADER + "Astana,Астана,Астана,Astana,place,\n").encode("cp1251")
    (problem,) = lint(data)
    assert problem.startswith("g.csv:2:") and "not UTF-8" in problem and "CSV UTF-8" in problem
    with pytest.raises(InputError) as err:
        read(data)
    assert err.value.problems and err.value.problems[0].line == 2


def test_unbalanced_quote_swallows_the_rest_and_says_where_it_opened():
    text = 'en,kk,ru,fr\nAstana,"Астана,Астана,Astana\nFrance,Франция,Франция,France\n'
    problems = lint(text)
    assert problems[0] == (
        "g.csv:2: unbalanced quote: a cell opens a quotation mark it never closes"
    )


def test_extra_cells_and_bad_flags():
    text = (
        "en,kk,ru,fr,case_sensitive\n"
        "France,Франция,Франция,France,maybe\n"
        "Paris,Париж,Париж,Paris,no,extra\n"
    )
    assert lint(text) == [
        "g.csv:2: column 'case_sensitive': 'maybe' is not yes or no",
        "g.csv:3: 6 cells but the header has 5 columns (a comma in an unquoted cell?)",
    ]


def test_no_en_column_is_fatal():
    with pytest.raises(InputError) as err:
        read(b"term,kk\nAstana,\xd0\x90\n")
    assert "no 'en' column" in str(err.value)
    assert "polyglot glossary lint" in (err.value.hint or "")


def test_fatal_problems_are_raised_together():
    text = HEADER + "Astana,А,А,A,place,\nAstana,Б,Б,B,place,\n,x,y,z,place,\n"
    with pytest.raises(InputError) as err:
        read(text.encode())
    assert [p.line for p in err.value.problems] == [3, 4]


# --- edits keep the bytes of everything they do not touch ---------------------------------------

ORIGINAL = (
    codecs.BOM_UTF8
    + (
        'en,kk,ru,fr,type,note\r\n# researched 2017-09; "quoted" comment\r\n'
        '"Astana","Астана","Астана","Astana","place","akorda.kz"\r\n'
        "Kazakhstan,Қазақстан,Казахстан,Kazakhstan,place,\r\n"
        '"France",Франция,Франция,France,place,"la France"\r\n'
    ).encode()
)


def test_add_appends_one_row_and_keeps_every_other_byte():
    parsed = parse_glossary(ORIGINAL)
    entry = Entry(
        "Nur-Sultan",
        {"kk": "Нұр-Сұлтан", "ru": "Нур-Султан", "fr": "Nur-Sultan"},
        type="place",
        note='2019–2022, with a comma, and "quotes"',
    )
    assert add_entry(parsed, entry) == "added"
    data = parsed.to_bytes()
    assert data.startswith(ORIGINAL)
    added = data[len(ORIGINAL) :].decode()
    assert (
        added == "Nur-Sultan,Нұр-Сұлтан,Нур-Султан,Nur-Sultan,place,"
        '"2019–2022, with a comma, and ""quotes"""\r\n'
    )
    assert read(data).find("Nur-Sultan").note == entry.note


def test_replace_rewrites_only_that_row():
    parsed = parse_glossary(ORIGINAL)
    with pytest.raises(InputError, match="already in the glossary"):
        add_entry(parsed, Entry("kazakhstan", {"kk": "X"}))
    add_entry(
        parsed,
        Entry(
            "Kazakhstan",
            {"kk": "Қазақстан", "ru": "Казахстан", "fr": "le Kazakhstan"},
            type="place",
        ),
        replace=True,
    )
    before, after = ORIGINAL.split(b"\r\n"), parsed.to_bytes().split(b"\r\n")
    assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [3]


def test_remove_deletes_only_that_record_and_a_missing_newline_is_handled():
    parsed = parse_glossary(ORIGINAL)
    assert remove_entry(parsed, "Kazakhstan").line == 4
    assert remove_entry(parsed, "Paris") is None
    assert parsed.to_bytes() == ORIGINAL.replace(
        "Kazakhstan,Қазақстан,Казахстан,Kazakhstan,place,\r\n".encode(), b""
    )
    no_final_newline = parse_glossary((HEADER + ROWS).rstrip("\n").encode())
    add_entry(no_final_newline, Entry("France", {"fr": "France"}))
    assert no_final_newline.to_bytes().decode().endswith("place,\nFrance,,,France,other,\n")


def test_utf16_and_semicolon_files_are_written_back_in_their_own_form():
    data = codecs.BOM_UTF16_LE + (HEADER + ROWS).replace(",", ";").encode("utf-16-le")
    parsed = parse_glossary(data)
    add_entry(parsed, Entry("France", {"kk": "Франция"}))
    out = parsed.to_bytes()
    assert out.startswith(data)
    assert out[len(data) :].decode("utf-16-le") == "France;Франция;;;other;\n"


def test_control_characters_in_a_cell_are_a_fatal_problem_with_their_line():
    """Invisible in a spreadsheet, and XML (TMX, TBX) cannot hold them: lint and loading
    say where, instead of a translation run failing on them later."""
    data = (
        HEADER
        + ROWS
        + "Nazarbayev,Назарбаев,Наз\x01арбаев,Nazarbaïev,person,\n"
        + "Akorda,Ақорда,Акорда,Akorda\x0b,place,note\x85\n"  # \x0b, \x85: str.split() eats them
    )
    problems = lint(data)
    assert problems == [
        "g.csv:4: column 'ru': control character(s) U+0001 in 'Наз\\x01арбаев': delete them in "
        "the spreadsheet (invisible there; TMX and TBX cannot hold them)",
        "g.csv:5: column 'fr': control character(s) U+000B in 'Akorda\\x0b': delete them in "
        "the spreadsheet (invisible there; TMX and TBX cannot hold them)",
        "g.csv:5: column 'note': control character(s) U+0085 in 'note\\x85': delete them in "
        "the spreadsheet (invisible there; TMX and TBX cannot hold them)",
    ]
    with pytest.raises(InputError) as caught:
        read(data.encode("utf-8"))
    assert [p.line for p in caught.value.problems] == [4, 5, 5]
    assert lint(HEADER + ROWS + "Tab,\tТаб,Таб,Tab,other,\n") == [
        "g.csv:4: column 'kk': stray whitespace in '\\tТаб'"  # tab, LF, CR are whitespace
    ]


def test_unbalanced_quote_is_one_bad_row_and_lint_reads_on():
    text = (
        "en,kk,ru,fr,type\n"
        "Astana,Астана,Астана,Astana,place\n"
        '"Unclosed quote,Астана,Астана,Astana,place\n'
        "Paris,Париж,Париж,Paris,bogus\n"
        "France,Франция,Франция,France,place\n"
        "Paris,Париж,Париж,Paris,place\n"
    )
    assert lint(text) == [
        "g.csv:3: unbalanced quote: a cell opens a quotation mark it never closes",
        "g.csv:4: unknown type 'bogus' (use one of: person, organisation, place, product, "
        "event, title, other)",
        "g.csv:6: duplicate entry: 'Paris' is also on line 4",
    ]
    assert parse_glossary(text.encode()).to_bytes() == text.encode()


def test_a_quote_that_closes_mid_cell_lines_later_does_not_swallow_rows_between():
    # line 2's stray quote would pair with the quote that opens line 4's cell
    text = 'en,kk\n"Unclosed,a\nAstana,Астана\nNote,"b, c"\nParis,Париж\n'
    parsed = parse_glossary(text.encode())
    assert [r.line for r in parsed.records] == [1, 2, 3, 4, 5]
    assert [e.en for e in parsed.glossary.entries] == ["Astana", "Note", "Paris"]
    assert parsed.to_bytes() == text.encode()


def test_a_quoted_cell_over_several_lines_is_still_one_record():
    text = 'en,kk,note\nAstana,Астана,"first line\nsecond line"\nParis,Париж,\n'
    parsed = parse_glossary(text.encode())
    assert [r.line for r in parsed.records] == [1, 2, 4]
    assert [e.en for e in parsed.glossary.entries] == ["Astana", "Paris"]


def test_overlap_lint_does_not_compare_every_pair(monkeypatch):
    # 3,000 terms: the pairwise check made ~4.5 million comparisons
    from polyglot.glossary import csvfile

    calls = 0
    crossing = csvfile._crossing

    def counting(first, second):
        nonlocal calls
        calls += 1
        return crossing(first, second)

    monkeypatch.setattr(csvfile, "_crossing", counting)
    rows = [f"Ministry of Term{n},Министрлігі {n}" for n in range(3000)]
    rows += ["Foreign Affairs Committee,Комитет", "Ministry of Foreign Affairs,Министрлігі"]
    problems = lint("en,kk\n" + "\n".join(rows) + "\n")
    assert problems == [
        "g.csv:3003: overlapping terms: 'Ministry of Foreign Affairs' and "
        "'Foreign Affairs Committee' (line 3002) share 'foreign affairs'; where both occur "
        "only the longer one is matched"
    ]
    assert calls < 100
