"""The consistency check: one source sentence translated differently within a run.

A run-level check (it needs every segment of a language): sentences whose
sources are the same, spaces aside, must have the same translation.  Every
occurrence of a sentence with more than one translation gets a warning that
names the other segments.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from polyglot.checks.base import Check
from polyglot.i18n import N_, Nn_
from polyglot.model import Issue, MessageId, Severity

VARIANTS = MessageId(
    "consistency-variants",
    # TRANSLATORS: %(segments)s: segment ids ("p1s2, p4s1");
    # %(count)d: how many different translations the sentence has.
    *Nn_(
        "the same sentence is translated differently in %(segments)s (%(count)d translation)",
        "the same sentence is translated differently in %(segments)s (%(count)d translations)",
    ),
)


def _key(text: str) -> str:
    return " ".join(text.split())


class ConsistencyCheck(Check):
    """The same sentence, the same translation."""

    name: ClassVar[str] = "consistency"
    label: ClassVar[str] = N_("consistency")
    severity: ClassVar[Severity] = Severity.WARNING
    run_level: ClassVar[bool] = True

    def check(self, source: str, target: str) -> list[Issue]:
        return []  # judged over the whole run: see check_run

    def check_run(self, pairs: Mapping[str, tuple[str, str]]) -> dict[str, list[Issue]]:
        groups: dict[str, list[str]] = {}
        for key, (source, _) in pairs.items():
            if source.strip():
                groups.setdefault(_key(source), []).append(key)
        found: dict[str, list[Issue]] = {}
        for keys in groups.values():
            variants = {_key(pairs[key][1]) for key in keys}
            if len(variants) < 2:
                continue
            for key in keys:
                others = [other for other in keys if _key(pairs[other][1]) != _key(pairs[key][1])]
                found[key] = [self.issue(VARIANTS, segments=", ".join(others), count=len(variants))]
        return found
