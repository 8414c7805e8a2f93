"""SRX 2.0 files: the segmenter's rules for CAT tools (OmegaT, Okapi, memoQ, Trados).

``render_srx`` builds the document, ``write_srx`` writes it to a binary file
object, ``read_srx`` reads the rules of one language back (for round trips and
for checking a file a CAT tool will use).
"""

from __future__ import annotations

import re
from typing import BinaryIO

from lxml import etree

from polyglot.segment.langs import DEFAULT, LANGUAGES
from polyglot.segment.rules import LanguageRules
from polyglot.segment.srxrules import SrxRule, build_rules

SRX_NS = "http://www.lisa.org/srx20"
_E = f"{{{SRX_NS}}}"


def _rule_name(rules: LanguageRules) -> str:
    return f"polyglot-{rules.lang or 'default'}"


def render_srx(languages: list[LanguageRules] | None = None) -> etree._ElementTree:
    """An SRX 2.0 document with one language rule per language, plus a default.

    ``cascade="no"``: a CAT tool applies only the first matching language map, so
    each language's rules are complete on their own.
    """
    langs = list(LANGUAGES.values()) if languages is None else languages
    root = etree.Element(_E + "srx", nsmap={None: SRX_NS}, version="2.0")
    header = etree.SubElement(root, _E + "header", segmentsubflows="yes", cascade="no")
    for kind, include in (("start", "no"), ("end", "yes"), ("isolated", "no")):
        etree.SubElement(header, _E + "formathandle", type=kind, include=include)
    body = etree.SubElement(root, _E + "body")
    languagerules = etree.SubElement(body, _E + "languagerules")
    for rules in [*langs, DEFAULT]:
        lr = etree.SubElement(
            languagerules, _E + "languagerule", languagerulename=_rule_name(rules)
        )
        for rule in build_rules(rules):
            lr.append(etree.Comment(f" {rule.name} "))
            flag = "yes" if rule.is_break else "no"
            el = etree.SubElement(lr, _E + "rule", attrib={"break": flag})
            etree.SubElement(el, _E + "beforebreak").text = rule.before
            etree.SubElement(el, _E + "afterbreak").text = rule.after
    maprules = etree.SubElement(body, _E + "maprules")
    for rules in langs:
        etree.SubElement(
            maprules,
            _E + "languagemap",
            languagepattern=f"{re.escape(rules.lang)}([-_].*)?",
            languagerulename=_rule_name(rules),
        )
    etree.SubElement(
        maprules, _E + "languagemap", languagepattern=".*", languagerulename=_rule_name(DEFAULT)
    )
    return etree.ElementTree(root)


def render_srx_bytes(languages: list[LanguageRules] | None = None) -> bytes:
    """The SRX 2.0 document as UTF-8 bytes, with an XML declaration."""
    return etree.tostring(
        render_srx(languages), encoding="UTF-8", xml_declaration=True, pretty_print=True
    )


def write_srx(fp: BinaryIO, languages: list[LanguageRules] | None = None) -> None:
    """Write the SRX 2.0 rules (UTF-8) to a binary file object."""
    fp.write(render_srx_bytes(languages))


def read_srx(fp: BinaryIO, lang: str) -> list[SrxRule]:
    """The ordered rules an SRX 2.0 file applies to ``lang`` (first matching map only)."""
    tree = etree.parse(fp)
    body = tree.getroot().find(_E + "body")
    if body is None:
        raise ValueError("not an SRX 2.0 document: no <body>")
    by_name = {
        lr.get("languagerulename"): lr
        for lr in body.iterfind(f"{_E}languagerules/{_E}languagerule")
    }
    for lm in body.iterfind(f"{_E}maprules/{_E}languagemap"):
        if re.fullmatch(lm.get("languagepattern", ""), lang):
            lr = by_name[lm.get("languagerulename")]
            return [
                SrxRule(
                    name="",
                    is_break=rule.get("break", "yes") == "yes",
                    before=rule.findtext(_E + "beforebreak") or "",
                    after=rule.findtext(_E + "afterbreak") or "",
                )
                for rule in lr.iterfind(_E + "rule")
            ]
    return []
