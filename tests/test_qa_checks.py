"""The QA checks: each on its own, numbers as properties across en/kk/ru/fr formats, and
through the real engine on copy models wired to fail (tools/build_test_packages.py)."""

from __future__ import annotations

import importlib.util
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from babel.numbers import format_decimal, format_percent
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from polyglot.checks import CheckContext, load_check
from polyglot.checks.numbers import match_numbers
from polyglot.cli import app
from polyglot.engines import EngineOptions, load_engine
from polyglot.glossary.model import Entry, Glossary
from polyglot.languages import LanguagePair
from polyglot.model import Severity
from polyglot.pipeline import read_document

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent
TARGETS = ("kk", "ru", "fr")


def findings(name: str, source: str, target: str, lang: str = "ru", glossary=None):
    check = load_check(name, CheckContext(LanguagePair("en", lang), glossary))
    return check.check(source, target)


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        ("It employs 1,550,000 people.", "Онда 1\u00a0550\u00a0000 адам жұмыс істейді.", "kk"),
        ("It employs 1,550,000 people.", "Там работают 1 550 000 человек.", "ru"),
        ("It employs 1,550,000 people.", "Elle emploie 1\u202f550\u202f000 personnes.", "fr"),
        ("Growth was 4.5% (8.3% in 2017).", "Рост составил 4,5% (8,3 % в 2017 году).", "ru"),
        ("Growth was 4.5%.", "La croissance a été de 4,5 %.", "fr"),
        ("The 5th forum opens.", "5-й форум открывается.", "ru"),
        ("The 5th forum opens.", "Le 5e forum ouvre.", "fr"),
        ("The 5th forum opens.", "5-ші форум ашылады.", "kk"),
        ("In 2017-2018 it grew.", "В 2017–2018 годах он вырос.", "ru"),
        ("In the 19th century.", "Au XIXe siècle.", "fr"),
        ("It costs $1,500.", "It costs $1,500.", "fr"),  # the source's format kept
    ],
)
def test_numbers_written_the_target_languages_way_pass(source, target, lang):
    assert findings("numbers", source, target, lang) == []


def test_a_changed_number_is_an_error_with_both_places_marked():
    [issue] = findings("numbers", "It employs 1,550,000 people.", "Там работают 1 650 000 человек.")
    assert issue.severity is Severity.ERROR and "1,550,000" in issue.message
    assert [(s.side, s.start) for s in issue.spans] == [("source", 11), ("target", 13)]


def test_a_missing_number_is_an_error_and_an_added_one_a_warning():
    [missing] = findings("numbers", "It grew 4.5% in 2017.", "Он вырос на 4,5%.")
    assert missing.severity is Severity.ERROR and "2017" in missing.message
    [added] = findings("numbers", "It grew.", "Он вырос на 5%.")
    assert added.severity is Severity.WARNING


def test_a_decimal_is_not_a_thousands_group():
    # 1,500 (one thousand five hundred) must not pass as 1,5 (one and a half) in Russian
    assert findings("numbers", "It costs 1,500 tenge.", "Это стоит 1,5 тенге.")


_values = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(Decimal),
    st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False),
)


@settings(max_examples=200, deadline=None)
@given(value=_values, lang=st.sampled_from(TARGETS))
def test_property_a_number_in_the_targets_format_matches(value, lang):
    source = f"It reached {format_decimal(value, locale='en')} on Monday."
    target = f"Итог: {format_decimal(value, locale=lang)}."
    assert match_numbers(source, target, "en", lang) == ([], [])
    percent = value / 100
    source = f"Up {format_percent(percent, '#,##0.##%', locale='en')} today."
    target = f"Рост: {format_percent(percent, '#,##0.##%', locale=lang)}."
    assert match_numbers(source, target, "en", lang) == ([], [])


@settings(max_examples=200, deadline=None)
@given(value=_values, delta=st.integers(min_value=1, max_value=999), lang=st.sampled_from(TARGETS))
def test_property_a_different_number_in_the_targets_format_is_found(value, delta, lang):
    source = f"It reached {format_decimal(value, locale='en')} on Monday."
    changed = value + delta
    target = f"Итог: {format_decimal(changed, locale=lang)}."
    missing, _extra = match_numbers(source, target, "en", lang)
    assert [n.value for n in missing] == [value]


# --- the other checks, one by one --------------------------------------------------------


def test_untranslated_source_copy_mostly_source_words_and_wrong_script():
    source = "The minister met the ambassador in Astana on Monday."
    assert findings("untranslated", source, source, "fr")[0].message.startswith("not translated")
    mostly = findings(
        "untranslated", source, "The minister a rencontré the ambassador on Monday.", "fr"
    )
    assert mostly and mostly[0].message.startswith("mostly untranslated")
    latin = findings("untranslated", source, "Ministr met the elshi in Astana on Monday.", "kk")
    assert latin and "Cyrillic" in latin[0].message
    assert (
        findings(
            "untranslated", source, "Le ministre a rencontré l'ambassadeur à Astana lundi.", "fr"
        )
        == []
    )


def test_untranslated_allows_codes_urls_and_do_not_translate_terms():
    glossary = Glossary([Entry("Space Agency Hub", do_not_translate=True)], ["kk"])
    source = "KADEX-2018 and Space Agency Hub: see https://kadex.kz/en now."
    target = "KADEX-2018 және Space Agency Hub: https://kadex.kz/en қараңыз."
    assert findings("untranslated", source, target, "kk", glossary) == []


def test_omission_far_short_truncated_and_far_long():
    source = "The minister met the ambassador of France in Astana on Monday to discuss space."
    assert findings("omission", source, "Министр встретился.")  # far shorter
    cut = findings("omission", source, "Министр встретился с послом Франции в Астане в понедельник")
    assert cut and "stops before the end" in cut[0].message
    long = findings("omission", source, "Министр " * 40 + ".")
    assert long and long[0].severity is Severity.WARNING
    fine = "Министр встретился с послом Франции в Астане в понедельник, чтобы обсудить космос."
    assert findings("omission", source, fine) == []


def test_repetition_loops_and_doubled_words_but_not_the_sources_own():
    assert (
        findings("repetition", "Kazakhstan grew.", "Kazakhstanstanstan a grandi.", "fr")[0].severity
        is Severity.ERROR
    )
    [loop] = findings("repetition", "The salad.", "La salade salade salade salade.", "fr")
    assert loop.severity is Severity.ERROR and "4 times" in loop.message
    [double] = findings("repetition", "He came.", "Он он пришёл.")
    assert double.severity is Severity.WARNING
    assert findings("repetition", "Do you argue?", "Est-ce que vous vous disputez ?", "fr") == []
    assert findings("repetition", "Bye bye, he said.", "Bye bye, a-t-il dit.", "fr") == []


def test_punctuation_by_the_targets_conventions():
    assert findings("punctuation", 'He said "yes."', "Он сказал «да».") == []
    assert findings("punctuation", "Is it?", "Est-ce vrai ?", "fr") == []
    assert findings("punctuation", "He left.", "Он ушёл")
    assert findings("punctuation", "He (the minister) left.", "Он (министр ушёл.")
    assert findings("punctuation", 'He said "yes".', "Он сказал «да.")


def test_urls_emails_and_handles_kept_verbatim():
    source = "See https://kazinform.kz/news, write to info@kazinform.kz or @kazinform."
    assert (
        findings(
            "urls",
            source,
            "Смотрите https://kazinform.kz/news, пишите на info@kazinform.kz или @kazinform.",
        )
        == []
    )
    flagged = findings(
        "urls", source, "Смотрите https://kazinform.kz/new, пишите на info@kazinform.kz."
    )
    assert sorted(i.message.split()[0] for i in flagged) == [
        "@kazinform",
        "https://kazinform.kz/news",
    ]


def test_placeholders_labels_and_unknown_tokens_left_in_the_text():
    found = findings(
        "placeholders", "He met Nazarbayev.", ">>kaz_Cyrl<< Ол Z101 ⁇ кездесті \ufffd.", "kk"
    )
    assert sorted(i.message.removeprefix("left in the text: ") for i in found) == [
        ">>kaz_Cyrl<<",
        "U+FFFD",
        "Z101",
        "⁇",
    ]
    assert findings("placeholders", "Model Z101 flew.", "Модель Z101 полетела.") == []


def test_language_kazakh_that_is_russian_and_russian_that_is_kazakh():
    source = "The minister met the ambassador in Astana on Monday to discuss cooperation in space."
    russian = "Министр в понедельник встретился в Астане с послом, чтобы обсудить сотрудничество."
    kazakh = "Министр дүйсенбі күні Астанада елшімен кездесіп, ынтымақтастықты талқылады."
    assert findings("language", source, russian, "kk")
    assert findings("language", source, kazakh, "kk") == []
    assert findings("language", source, kazakh, "ru")
    assert findings("language", source, russian, "ru") == []


def test_consistency_the_same_sentence_translated_two_ways():
    check = load_check("consistency", CheckContext(LanguagePair("en", "ru")))
    assert check.check("He came.", "Он пришёл.") == []
    assert check.check("He  came.", "Он пришёл. ") == []  # typing noise is not a difference
    [issue] = check.check("He came.", "Он прибыл.")
    assert "Он пришёл." in issue.message


# --- through the real engine: copy models wired to fail -------------------------------------


def _benchmark_sentences() -> list[str]:
    spec = importlib.util.spec_from_file_location(
        "translate_speed", REPO / "benchmarks" / "translate_speed.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_sentences(200)


@pytest.fixture(scope="module")
def clean_sources(seed_path_module) -> list[str]:
    doc = read_document(seed_path_module)
    return [seg.source for seg in doc.segments()] + _benchmark_sentences()


@pytest.fixture(scope="module")
def seed_path_module() -> Path:
    return REPO / "seeds" / "000_ab846ab5c136d731.txt"


@pytest.fixture(scope="module")
def fault_packages(tmp_path_factory, package_builder) -> dict[str, Path]:
    """fault -> a packages folder holding the en-ru fault package, built and installed."""
    builder = package_builder
    folders = {}
    home = tmp_path_factory.mktemp("fault-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            patch.setenv(var, str(home / var.lower()))
        for fault in builder.FAULTS:
            out = tmp_path_factory.mktemp(f"fault-{fault}")
            package = builder.build_fault_package(out, "en", "ru", fault)
            folders[fault] = out / "installed"
            builder.install_packages([package], folders[fault])
    return folders


def _translate(models_dir: Path, texts: list[str], target: str = "ru") -> list[str]:
    engine = load_engine("argos", EngineOptions(models_dir=models_dir))
    engine.prepare("en", target)
    return engine.translate_texts(texts, "en", target)


def _flagged(name: str, sources: list[str], outputs: list[str], target: str = "ru") -> list[bool]:
    check = load_check(name, CheckContext(LanguagePair("en", target)))
    return [bool(check.check(s, t)) for s, t in zip(sources, outputs, strict=True)]


@pytest.mark.parametrize(
    ("fault", "check", "affected"),
    [
        # a segment is affected when the fault changed its output; digits: when it has one
        ("digits", "numbers", lambda s, t: s != t),
        ("comma", "omission", lambda s, t: s != t),
        ("repeat", "repetition", lambda s, t: s != t),
    ],
)
def test_every_segment_a_fault_model_spoils_is_flagged(
    fault_packages, clean_sources, fault, check, affected
):
    outputs = _translate(fault_packages[fault], clean_sources)
    hit = [affected(s, t) for s, t in zip(clean_sources, outputs, strict=True)]
    assert sum(hit) >= 20, f"the {fault} model spoils too few segments to test"
    flagged = _flagged(check, clean_sources, outputs)
    missed = [
        (s, t)
        for s, t, h, f in zip(clean_sources, outputs, hit, flagged, strict=True)
        if h and not f
    ]
    assert missed == []
    # and only those: a segment the fault left alone is not flagged
    assert [f for f, h in zip(flagged, hit, strict=True) if not h] == [False] * (
        len(hit) - sum(hit)
    )


def test_the_clean_copy_model_raises_no_numbers_omission_repetition_flags(
    test_packages_dir, clean_sources
):
    for target in TARGETS:
        outputs = _translate(test_packages_dir, clean_sources, target)
        assert outputs == clean_sources  # the copy model copies
        for name in ("numbers", "omission", "repetition", "punctuation", "urls", "placeholders"):
            assert not any(_flagged(name, clean_sources, outputs, target)), (target, name)


def test_the_copy_model_answers_kazakh_and_russian_in_the_wrong_script(
    test_packages_dir, clean_sources
):
    # the copy model "translates" into kk and ru in English, Latin letters: the wrong-script fault
    for target in ("kk", "ru"):
        outputs = _translate(test_packages_dir, clean_sources, target)
        # every segment but those in capitals only (acronyms, kept in any script: the dateline)
        expected = [any(c.islower() for c in source) for source in clean_sources]
        assert expected.count(False) == 1
        assert _flagged("untranslated", clean_sources, outputs, target) == expected


# --- where a user sees them ---------------------------------------------------------------


def test_translate_reports_checks_everywhere_and_strict_fails(
    test_packages_dir, seed_path, tmp_path
):
    out = tmp_path / "o"
    args = ["translate", str(seed_path), "--to", "kk,fr", "--out", str(out), "--no-tm",
            "--no-glossary", "--models-dir", str(test_packages_dir)]  # fmt: skip
    plain = runner.invoke(app, args)
    assert plain.exit_code == 0, plain.output
    assert "kk: issues: " in plain.output and "untranslated " in plain.output
    report = json.loads((out / "report.json").read_text())
    for seg in report["segments"]:
        for tr in seg["translations"].values():
            assert all({"check", "severity", "message", "spans"} <= set(c) for c in tr["checks"])
    flagged = [seg["id"] for seg in report["segments"] if seg["translations"]["kk"]["checks"]]
    assert flagged
    review = (out / "review-kk.html").read_text()
    for seg_id in flagged:
        assert (
            f'id="{seg_id}" data-seg="{seg_id}" class="row-sentence row-flagged row-error"'
            in review
        )
    assert 'id="only-flagged"' in review and 'data-check="untranslated"' in review
    assert "not translated" in (out / f"{seed_path.stem}.en-kk.tmx").read_text()
    strict = runner.invoke(app, [*args, "--strict", "--reviewed"])
    assert strict.exit_code == 1
    assert "--strict: " in strict.output and "error-level check results remain" in strict.output
    assert "--reviewed is not applied to kk" in strict.output
    assert 'content="noindex"' in (out / "kk.html").read_text()  # not published as reviewed


def test_check_command_lists_each_problem_with_file_and_line(
    test_packages_dir, seed_path, tmp_path
):
    out = tmp_path / "o"
    args = ["translate", str(seed_path), "--to", "ru", "--out", str(out), "--no-tm",
            "--no-glossary", "--models-dir", str(test_packages_dir)]  # fmt: skip
    assert runner.invoke(app, args).exit_code == 0
    tmx = out / f"{seed_path.stem}.en-ru.tmx"
    result = runner.invoke(app, ["check", str(tmx)])
    assert result.exit_code == 1
    lines = tmx.read_text().splitlines()
    problems = [
        line.strip() for line in result.output.splitlines() if line.strip().startswith(str(tmx))
    ]
    assert problems
    for problem in problems:
        where, _, message = problem.partition(": ")
        line = int(where.rsplit(":", 1)[1])
        assert "<tuv" in lines[line - 1] and 'xml:lang="ru"' in lines[line - 1]
        assert message.startswith("ru untranslated error")
    # a post-edited file with a changed number: the number is found, at its line
    edited = tmp_path / "edited.tmx"
    text = tmx.read_text()
    assert "2009" in text
    edited.write_text(
        re.sub(
            r'<tuv xml:lang="ru".*?</tuv>',
            lambda m: m.group().replace("2009", "2019"),
            text,
            flags=re.DOTALL,
        )
    )
    result = runner.invoke(app, ["check", str(edited), "--no-glossary"])
    assert result.exit_code == 1 and "ru numbers error: number 2009" in result.output
