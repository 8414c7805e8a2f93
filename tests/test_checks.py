"""QA checks: a registry of name -> module:Class; their issues rendered by every exporter."""

from __future__ import annotations

import json
import sys
from typing import ClassVar

import pytest
from lxml import etree
from typer.testing import CliRunner

from polyglot import checks
from polyglot.checks import CHECKS, CheckContext, default_checks, load_check, run_checks
from polyglot.checks.base import Check
from polyglot.checks.glossary import GlossaryCheck
from polyglot.cli import app
from polyglot.errors import UsageError
from polyglot.glossary.model import Entry, Glossary
from polyglot.languages import LanguagePair
from polyglot.model import Issue, MessageId, Severity, Span, Translation

runner = CliRunner()
EN_RU = LanguagePair("en", "ru")
GLOSSARY = Glossary([Entry("Astana", {"ru": "Астана"}, type="place")], ["ru"])


#: Not marked for extraction: no catalog has it, so every page shows it in English.
MARKER = MessageId("marker-fired", "the marker check fired")


class MarkerCheck(Check):
    """A stand-in check no exporter knows: flags every translation of a source with 'Astana'."""

    name: ClassVar[str] = "marker"

    def check(self, source: str, target: str) -> list[Issue]:
        if "Astana" not in source:
            return []
        return [self.issue(MARKER, Span("target", 0, 1))]


@pytest.fixture
def marker(monkeypatch):
    monkeypatch.setitem(CHECKS, "marker", f"{__name__}:MarkerCheck")


def test_the_glossary_check_is_registered_and_made_per_pair():
    check = load_check("glossary", CheckContext(EN_RU, GLOSSARY))
    assert isinstance(check, GlossaryCheck)
    [issue] = check.check("We met in Astana.", "Мы встретились в городе.")
    assert (issue.check, issue.severity, issue.message, issue.spans) == (
        "glossary",
        Severity.ERROR,
        "glossary term missing: Astana = Астана",
        (Span("source", 10, 16),),
    )
    assert (issue.code, dict(issue.args)) == (
        "glossary-missing",
        {"term": "Astana", "expected": "Астана"},
    )
    assert check.check("We met in Astana.", "Мы встретились в Астане.") == []


def test_an_unknown_check_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown check 'spelling'") as info:
        load_check("spelling", CheckContext(EN_RU))
    assert "glossary" in (info.value.hint or "")


def test_a_run_applies_every_check_that_applies_but_the_translators_own(marker):
    with_glossary = [c.name for c in default_checks(CheckContext(EN_RU, GLOSSARY))]
    assert "marker" in with_glossary  # the glossary translator runs the glossary check:
    assert "glossary" not in with_glossary
    assert set(with_glossary) == set(CHECKS) - {"glossary"}
    assert [c.name for c in default_checks(CheckContext(EN_RU), ["marker"])] == ["marker"]


def test_run_checks_adds_issues_without_changing_what_it_is_given(marker):
    given = {"a": Translation("Астана."), "b": Translation("Город.")}
    checked = run_checks(
        default_checks(CheckContext(EN_RU)), {"a": "Astana.", "b": "A city."}, given
    )
    assert [i.check for i in checked["a"].issues] == ["marker"]
    assert checked["b"].issues == [] and given["a"].issues == []


def test_every_exporter_renders_a_new_checks_issues(marker, seed_path, tmp_path, monkeypatch):
    for name in list(CHECKS):  # the marker alone, so that its counts are exact
        if name != "marker":
            monkeypatch.delitem(CHECKS, name)
    out = tmp_path / "o"
    result = runner.invoke(
        app, ["translate", str(seed_path), "--to", "ru", "--engine", "pseudo", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    flagged = [line for line in seed_path.read_text().split("\n") if "Astana" in line]
    assert flagged
    # CLI summary
    assert "ru: issues: " in result.output and "(marker " in result.output
    # report.json
    report = json.loads((out / "report.json").read_text())
    issues = [issue for seg in report["segments"] for issue in seg["translations"]["ru"]["checks"]]
    assert issues and all(
        i == {"check": "marker", "severity": "warning", "message": "the marker check fired",
              "code": "marker-fired", "args": {}, "spans": [["target", 0, 1]]}
        for i in issues
    )  # fmt: skip
    assert report["languages"][0]["checks"] == {"marker": len(issues)}
    assert report["languages"][0]["errors"] == 0
    # TMX notes
    tmx = etree.parse(str(out / f"{seed_path.stem}.en-ru.tmx"))
    assert len(tmx.xpath("//tuv[@xml:lang='ru']/note[.='the marker check fired']")) == len(issues)
    # the review page marks the span, with the message
    review = (out / "review-ru.html").read_text()
    assert review.count('<mark class="issue issue-warning" title="the marker check fired">') == len(
        issues
    )


def test_checks_are_imported_only_when_used():
    import subprocess

    code = "import sys, polyglot.checks; print('polyglot.checks.glossary' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert checks.check_class("glossary") is GlossaryCheck


def test_a_missing_terms_issue_marks_the_occurrence_that_is_missing():
    check = load_check("glossary", CheckContext(EN_RU, GLOSSARY))
    source = "Astana and astana."  # the second one is the match the output lacks
    [issue] = check.check(source, "Астана и город.")
    [span] = issue.spans
    assert (span.side, source[span.start : span.end]) == ("source", "astana")
    assert span.start == 11
