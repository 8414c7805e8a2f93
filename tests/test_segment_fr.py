"""French sentence segmentation: the rules of polyglot.segment.langs.fr, from our own examples.

Each case names the part of the French rules it needs; ``test_each_rule_is_needed``
turns that part off and checks that the case then fails, so no case passes by
accident.  The SRX export must break like the engine on French text too: the
reference interpreter and the Java SRX engines (OmegaT, net.sourceforge.segment)
are run on these cases, on generated text and on the French development sets.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_segment_srx import SrxInterpreter, java_segmenter  # noqa: F401 (a fixture)

from polyglot.segment import rules_for, segmenter_for
from polyglot.segment.engine import Segmenter
from polyglot.segment.langs import fr
from polyglot.segment.srxrules import build_rules

ROOT = Path(__file__).resolve().parent.parent
SBD = ROOT / "benchmarks" / "data" / "sbd"

#: What turns each rule off: replacements for fr.RULES.
_OFF: dict[str, dict[str, Any]] = {
    "inflections": {"inflections": frozenset()},
    "joiners": {"joiners": ""},
    "names": {"name_min": 0},
    "closed-stop": {"closed_stop": False},
    "continuers": {"continuers": frozenset()},
    "starter De": {"starters": fr.STARTERS - {"De"}},
    "starter Ça": {"starters": fr.STARTERS - {"Ça"}},
    "not mer": {"conditional": fr.CONDITIONAL | {"mer"}},
    "not km": {"conditional": fr.CONDITIONAL | {"km"}},
    "never Mr": {"never": fr.NEVER - {"Mr"}},
    "conditional prof": {"conditional": fr.CONDITIONAL - {"prof"}},
}

#: (rule, text, sentences); rule None: no switch (an engine rule, or a case kept as it was).
CASES: list[tuple[str | None, str, list[str]]] = [
    # A lower-case start after an inflected word unknown to the word list (French
    # clippings end before a vowel, so these endings mark ordinary words).
    (
        "inflections",
        "Nous avons mangé des clémentines. ensuite nous sommes partis.",
        ["Nous avons mangé des clémentines.", "ensuite nous sommes partis."],
    ),
    (
        "inflections",
        "Les poules dorment dans le poulailler. à midi, elles picorent.",
        ["Les poules dorment dans le poulailler.", "à midi, elles picorent."],
    ),
    (None, "La bibliogr. complète est en annexe.", ["La bibliogr. complète est en annexe."]),
    (None, "Voir les suppl. techniques du dossier.", ["Voir les suppl. techniques du dossier."]),
    # Elision (a typographic apostrophe; a straight one ends a token anyway) and
    # compounds: the word after the apostrophe or hyphen is judged.
    (
        "joiners",
        "Il a étudié l’astrophysique. après cela, il a enseigné.",
        ["Il a étudié l’astrophysique.", "après cela, il a enseigné."],
    ),
    (
        None,
        "Il a étudié l'astrophysique. après cela, il a enseigné.",
        ["Il a étudié l'astrophysique.", "après cela, il a enseigné."],
    ),
    (
        "joiners",
        "Elle a revu son arrière-grand-père. ensuite elle est rentrée.",
        ["Elle a revu son arrière-grand-père.", "ensuite elle est rentrée."],
    ),
    # A name (a capitalised word of six letters or more) before a lower-case start.
    (
        "names",
        "Il a longtemps vécu à Grenoble. après la guerre, il est parti.",
        ["Il a longtemps vécu à Grenoble.", "après la guerre, il est parti."],
    ),
    (
        "names",
        "Le rapport cite Durandeau. selon lui, rien ne change.",
        ["Le rapport cite Durandeau.", "selon lui, rien ne change."],
    ),
    # Shorter capitalised forms may be clipped: no break.
    (None, "Voir Bull. mensuel de la société.", ["Voir Bull. mensuel de la société."]),
    # A stop after a closing bracket or quote is no abbreviation's.
    (
        "closed-stop",
        "Le contrat est signé (voir l'annexe). la suite dépend du juge.",
        ["Le contrat est signé (voir l'annexe).", "la suite dépend du juge."],
    ),
    (
        "closed-stop",
        'Il a qualifié la loi de "scandale". personne ne l’a contredit.',
        ['Il a qualifié la loi de "scandale".', "personne ne l’a contredit."],
    ),
    (
        "closed-stop",
        "On parle de «crise». les marchés baissent.",
        ["On parle de «crise».", "les marchés baissent."],
    ),
    # A question or exclamation before a verb of saying continues the sentence.
    (
        "continuers",
        "Tu viens ? demanda-t-il. Elle a souri.",
        ["Tu viens ? demanda-t-il.", "Elle a souri."],
    ),
    (
        "continuers",
        "Quelle joie\u00a0! dit-elle en riant. Puis elle partit.",
        ["Quelle joie\u00a0! dit-elle en riant.", "Puis elle partit."],
    ),
    # Sentence starters after an initial or a conditional abbreviation.
    (
        "starter De",
        "La station est au point C. De là, on voit la mer.",
        ["La station est au point C.", "De là, on voit la mer."],
    ),
    (
        "starter Ça",
        "Il a choisi l'option B. Ça lui a coûté cher.",
        ["Il a choisi l'option B.", "Ça lui a coûté cher."],
    ),
    # Ordinary words and unit symbols are not abbreviations.
    (
        "not mer",
        "Il nage dans la mer. Pierre l'attend sur la plage.",
        ["Il nage dans la mer.", "Pierre l'attend sur la plage."],
    ),
    (
        "not km",
        "Le refuge est à 5 km. Marie y arrive à midi.",
        ["Le refuge est à 5 km.", "Marie y arrive à midi."],
    ),
    # Titles.
    ("never Mr", "Surnommé Mr. Propre, il rit.", ["Surnommé Mr. Propre, il rit."]),
    ("conditional prof", "Le prof. Martin enseigne.", ["Le prof. Martin enseigne."]),
    (None, "Il parle au prof. Il rit.", ["Il parle au prof.", "Il rit."]),
    # A dash after a bare full stop opens a list item or the next sentence (engine rule
    # dash-attribution applies after a quotation's end only).
    (
        None,
        "Ne prenez pas ce médicament : - si vous êtes allergique. - si vous êtes enceinte.",
        [
            "Ne prenez pas ce médicament : - si vous êtes allergique.",
            "- si vous êtes enceinte.",
        ],
    ),
    (
        None,
        "Il a crié « Au secours ! » — dit un témoin. La police est venue.",
        ["Il a crié « Au secours ! » — dit un témoin.", "La police est venue."],
    ),
    # French typography: spaced and no-break-spaced ? ! : and guillemets.
    (None, "Vient-il\u00a0? Oui, il vient.", ["Vient-il\u00a0?", "Oui, il vient."]),
    (None, "Vient-il\u202f? Oui.", ["Vient-il\u202f?", "Oui."]),
    (
        None,
        "Il a dit\u202f: «\u202fNon\u202f!\u202f» Puis il est parti.",
        ["Il a dit\u202f: «\u202fNon\u202f!\u202f»", "Puis il est parti."],
    ),
    (None, "« Non ! » dit-il. Elle rit.", ["« Non ! » dit-il.", "Elle rit."]),
    (
        None,
        "Il a dit : « Je viens. » et il est parti.",
        ["Il a dit : « Je viens. » et il est parti."],
    ),
    # Abbreviations.
    (
        None,
        "La ville fut fondée en 52 av. J.-C. Les Romains la nommèrent Lutèce.",
        ["La ville fut fondée en 52 av. J.-C.", "Les Romains la nommèrent Lutèce."],
    ),
    (
        None,
        "La ville fut fondée en 52 av. J.-C. par les Romains.",
        ["La ville fut fondée en 52 av. J.-C. par les Romains."],
    ),
    (
        None,
        "M.\u00a0Dupont a lu la p.\u00a012 du rapport. Mme\u202fMartin aussi.",
        ["M.\u00a0Dupont a lu la p.\u00a012 du rapport.", "Mme\u202fMartin aussi."],
    ),
    (None, "Voir l'art. 12 du code. Le juge a dit.", ["Voir l'art. 12 du code.", "Le juge a dit."]),
    (
        None,
        "Il a acheté des fruits, des légumes, etc. Les prix ont monté.",
        ["Il a acheté des fruits, des légumes, etc.", "Les prix ont monté."],
    ),
]  # fmt: skip


def _sentences(seg: Segmenter, text: str) -> list[str]:
    return [text[s:e] for s, e in seg.split(text)]


@pytest.mark.parametrize(("rule", "text", "expected"), CASES)
def test_french_cases(rule: str | None, text: str, expected: list[str]) -> None:
    assert _sentences(segmenter_for("fr"), text) == expected


@pytest.mark.parametrize(
    ("rule", "text", "expected"), [case for case in CASES if case[0] is not None]
)
def test_each_rule_is_needed(rule: str, text: str, expected: list[str]) -> None:
    without = Segmenter(dataclasses.replace(fr.RULES, **_OFF[rule]))
    assert _sentences(without, text) != expected


def _french_texts() -> list[str]:
    texts = [text for _, text, _ in CASES]
    # Development parts only: the set-aside parts are read by the final benchmark run.
    for path in sorted(SBD.glob("ud_*_fr.dev.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            texts.append(json.loads(line)["text"])
    return texts


def test_srx_rules_segment_french_like_the_engine() -> None:
    srx = SrxInterpreter(build_rules(rules_for("fr")))
    seg = segmenter_for("fr")
    texts = _french_texts()
    assert len(texts) > len(CASES)
    for text in texts:
        assert srx.split(text) == seg.split(text), text


_PIECES = st.sampled_from(
    [
        "l'", "qu’", "l’", "-", " - ", " — ", "arrière-", "astrophysique", "poulailler", "Grenoble",
        "Bull", "annexe", "mer", "km", "prof", "Mr", "De", "Ça", "C", "J.-C", "av", "p", "12",
        "dit", "demanda", ".", ". ", "?", " ?", "!", "\u00a0!", "\u202f?", ")", "(", '"', "»",
        "« ", " »", "«", " ", "\u00a0", "\n", "é", "à", "suppl", "ensuite", "Il", "il", "e",
    ]
)  # fmt: skip
_FR_SRX = SrxInterpreter(build_rules(rules_for("fr")))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_srx_rules_break_where_the_engine_breaks_in_french(text: str) -> None:
    assert _FR_SRX.split(text) == segmenter_for("fr").split(text)


def test_java_srx_segments_french_like_polyglot(java_segmenter) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    # The cases and every third development text (the Java engines are slow).
    texts = _french_texts()
    texts = texts[: len(CASES)] + texts[len(CASES) :: 3]
    seg = segmenter_for("fr")
    for text, java in zip(texts, java_segmenter(texts, "fr"), strict=True):
        assert java == _sentences(seg, text), text
