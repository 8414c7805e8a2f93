"""Term matching in English source, and Russian/Kazakh case forms."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from polyglot.glossary.inflect import case_of, kk_forms, kk_suffix_case, ru_forms
from polyglot.glossary.match import Suffix, find_terms
from polyglot.glossary.model import Entry, Glossary


def glossary(*entries: Entry) -> Glossary:
    return Glossary(list(entries), ["kk", "ru", "fr"])


def e(en: str, kk: str = "", ru: str = "", **kw) -> Entry:
    return Entry(en, {"kk": kk or en, "ru": ru or en, "fr": en}, **kw)


def found(text: str, g: Glossary) -> list[tuple[str, str]]:
    return [(m.text, m.suffix.value) for m in find_terms(text, g)]


def test_longest_match_first_and_nested_terms():
    g = glossary(
        e("Kazakhstan"),
        e("Ministry of Defense and Aerospace Industry of Kazakhstan"),
        e("Space Days in Kazakhstan"),
    )
    text = (
        "the Ministry of Defense and Aerospace Industry of Kazakhstan says Kazakhstan "
        "hosts the Space Days in Kazakhstan"
    )
    assert found(text, g) == [
        ("Ministry of Defense and Aerospace Industry of Kazakhstan", ""),
        ("Kazakhstan", ""),
        ("Space Days in Kazakhstan", ""),
    ]


def test_crossing_overlaps_keep_the_longer_term():
    g = glossary(e("Space Days"), e("Days in Kazakhstan today"))
    assert found("Space Days in Kazakhstan today", g) == [("Days in Kazakhstan today", "")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KazEOSat-1 and KazEOSat-12", [("KazEOSat-1", "")]),  # digits continue the word
        ("an Astana-based firm in Astana.", [("Astana", "")]),  # hyphen joins words
        ("Greater-Astana and Astanas", [("Astana", "plural")]),
        ("Kazakhstan's system", [("Kazakhstan", "possessive")]),
        ("Kazakhstan’s system", [("Kazakhstan", "possessive")]),
        ("Francis' visit", [("Francis", "possessive")]),
        ("Kazakhstani firms", []),
        ("Jean-Baptiste  Lemoyne\narrived", [("Jean-Baptiste  Lemoyne\narrived"[:22], "")]),
    ],
)
def test_word_boundaries_possessives_plurals_hyphens(text, expected):
    g = glossary(
        e("KazEOSat-1", case_sensitive=True),
        e("Astana"),
        e("Kazakhstan"),
        e("Francis"),
        e("Jean-Baptiste Lemoyne"),
    )
    assert found(text, g) == expected


def test_case_rules_per_entry():
    g = glossary(e("KADEX", case_sensitive=True), e("Astana"))
    assert found("kadex in ASTANA and astana, KADEX", g) == [
        ("ASTANA", ""),
        ("astana", ""),
        ("KADEX", ""),
    ]


def test_exact_case_entry_wins_over_case_insensitive_one():
    g = glossary(e("Astana", "Астана"), e("ASTANA", "АСТАНА", case_sensitive=True))
    (match,) = find_terms("ASTANA. KAZINFORM", g)
    assert match.entry.en == "ASTANA" and match.expected("kk") == "АСТАНА"


def test_all_caps_source_gives_all_caps_target_for_a_case_insensitive_entry():
    g = glossary(e("Kazinform", "ҚазАқпарат"))
    (match,) = find_terms("ASTANA. KAZINFORM", g)
    assert match.expected("kk") == "ҚАЗАҚПАРАТ"
    assert match.suffix is Suffix.NONE


def test_entries_without_a_form_in_the_language_are_skipped():
    g = Glossary([Entry("Astana", {"kk": "Астана", "ru": ""})], ["kk", "ru"])
    assert [m.text for m in find_terms("Astana", g, "kk")] == ["Astana"]
    assert find_terms("Astana", g, "ru") == []


# --- Russian -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "kind", "case", "form"),
    [
        ("Жан-Батист Лемуан", "person", "ins", "Жан-Батистом Лемуаном"),
        ("Бейбут Атамкулов", "person", "ins", "Бейбутом Атамкуловым"),
        ("Бейбут Атамкулов", "person", "acc", "Бейбута Атамкулова"),
        ("Нурлан Даненов", "person", "gen", "Нурлана Даненова"),
        ("Франсис Этьен", "person", "dat", "Франсису Этьену"),
        ("Астана", "place", "loc", "Астане"),
        ("Астана", "place", "ins", "Астаной"),
        ("Казахстан", "place", "gen", "Казахстана"),
        ("Казахстан", "place", "acc", "Казахстан"),
        ("Франция", "place", "ins", "Францией"),
        ("Казинформ", "organisation", "gen", "Казинформа"),
        (
            "Национальный космический центр",
            "organisation",
            "gen",
            "Национального космического центра",
        ),
        (
            "Национальный космический центр",
            "organisation",
            "loc",
            "Национальном космическом центре",
        ),
        (
            "Министерство Европы и иностранных дел",
            "organisation",
            "ins",
            "Министерством Европы и иностранных дел",
        ),
        ("Французская Республика", "place", "gen", "Французской Республики"),
        ("Международная выставка вооружения", "event", "acc", "Международную выставку вооружения"),
        ("KazEOSat-1", "product", "gen", "KazEOSat-1"),
        ("Осло", "place", "gen", "Осло"),
    ],
)
def test_russian_case_forms(phrase, kind, case, form):
    assert ru_forms(phrase, kind)[case] == form


def test_russian_case_of_what_the_engine_wrote():
    assert case_of("Атамкуловым", "Бейбіт Атамқұлов", "kk") == "nom"
    assert case_of("Лемуаном", "Жан-Батист Лемуан", "ru", "person") == "ins"
    assert case_of("Астане", "Астана", "ru", "place") in ("dat", "loc")
    assert case_of("Казахстан", "Казахстан", "ru", "place") == "nom"


# --- Kazakh --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "case", "form"),
    [
        ("Астана", "loc", "Астанада"),
        ("Астана", "dat", "Астанаға"),
        ("Қазақстан", "gen", "Қазақстанның"),
        ("Қазақстан", "abl", "Қазақстаннан"),
        ("Қазақстан", "ins", "Қазақстанмен"),
        ("Франция", "gen", "Францияның"),
        ("Бейбіт Атамқұлов", "dat", "Бейбіт Атамқұловқа"),  # only the last word
        ("Жан-Батист Лемуан", "ins", "Жан-Батист Лемуанмен"),
        ("Франсис Этьен", "dat", "Франсис Этьенге"),  # front vowels
        ("ҚазАқпарат", "gen", "ҚазАқпараттың"),
        ("Ұлттық ғарыш орталығы", "dat", "Ұлттық ғарыш орталығына"),  # izafet: pronominal -н-
        ("Ұлттық ғарыш орталығы", "acc", "Ұлттық ғарыш орталығын"),
        (
            "Қорғаныс және аэроғарыш өнеркәсібі министрлігі",
            "loc",
            "Қорғаныс және аэроғарыш өнеркәсібі министрлігінде",
        ),
        ("KADEX-2018", "dat", "KADEX-2018-ге"),  # «сегіз»: front, hyphen after digits
        ("KazEOSat-1", "gen", "KazEOSat-1-дің"),  # «бір»
        ("KazEOSat-2", "gen", "KazEOSat-2-нің"),  # «екі»
        ("АСТАНА", "loc", "АСТАНАДА"),
    ],
)
def test_kazakh_case_forms(phrase, case, form):
    assert kk_forms(phrase)[case] == form


def test_kazakh_suffix_after_a_placeholder_names_its_case():
    assert kk_suffix_case("ға") == "dat"
    assert kk_suffix_case("нің") == "gen"
    assert kk_suffix_case("мен") == "ins"
    assert kk_suffix_case("қала") is None
    assert case_of("Астанада", "Астана", "kk") == "loc"


def test_matching_compiles_and_tries_only_entries_whose_first_word_is_in_the_text(monkeypatch):
    # 5,000 terms: one regex per entry, each run over every segment, made a big glossary
    # take minutes; now a text is only tried against entries whose first word it has
    from polyglot.glossary import match

    compiled: list[str] = []
    pattern = match._pattern

    def counting(entry):
        compiled.append(entry.en)
        return pattern(entry)

    monkeypatch.setattr(match, "_pattern", counting)
    entries = [Entry(f"Term{n}", {"kk": f"Терм{n}"}) for n in range(5000)]
    entries += [Entry("Astana", {"kk": "Астана"}), Entry("Satellite", {"kk": "Серік"})]
    matcher = match.Matcher(Glossary(entries, ["kk"]))
    text = "In Astana, Term42's author met Satellites and TERM7 (Astana again)."
    found = [(m.entry.en, m.suffix) for m in matcher.find(text, "kk")]
    assert found == [
        ("Astana", Suffix.NONE),
        ("Term42", Suffix.POSSESSIVE),
        ("Satellite", Suffix.PLURAL),
        ("Term7", Suffix.NONE),
        ("Astana", Suffix.NONE),
    ]
    assert sorted(compiled) == ["Astana", "Satellite", "Term42", "Term7"]


_WORDS = ["Astana", "astana", "KazEOSat", "KazEOSat-1", "İstanbul", "istanbul", "ſun", "Sun"]
_WORDS += ["Straße", "STRASSE", "K", "U.S.", "(R)", "Minister", "of", "Foreign", "Affairs"]
_SEPARATORS = [" ", "  ", "\n", "-", "'s ", "s ", "’ ", "s' ", "(", ")", ", ", ""]


@given(
    terms=st.lists(
        st.tuples(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3), st.booleans()),
        min_size=1,
        max_size=6,
    ),
    pieces=st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), max_size=10),
)
@settings(max_examples=300, deadline=None)
def test_the_index_finds_what_trying_every_entry_finds(terms, pieces):
    from polyglot.glossary import match

    class TryEveryEntry(match.Matcher):
        def _candidates(self, text):
            return list(range(len(self.entries)))

    entries = [Entry(" ".join(words), {"kk": "x"}, case_sensitive=cs) for words, cs in terms]
    text = "".join(word + sep for word, sep in pieces)
    indexed = match.Matcher(entries).find(text, "kk")
    assert indexed == TryEveryEntry(entries).find(text, "kk")
