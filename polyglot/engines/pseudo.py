"""Pseudo-localisation: visibly transformed text, NOT a translation.

Lets anyone preview the pipeline and every output without models: the text is
wrapped in ⟦…⟧, tagged with the target language, accented and lengthened by
about a third (translations into French and Russian run longer than English),
so untranslated or truncated strings stand out in a layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from polyglot.engines.base import Engine, EngineInfo
from polyglot.model import Origin

_ACCENTS = str.maketrans(
    "AaCcDdEeGgHhIiJjKkLlNnOoRrSsTtUuWwYyZz",
    "ÅåÇçĐđÉéĜĝĤĥÎîĴĵĶķĻļÑñÖöŘřŠšŢţÛûŴŵÝýŽž",
)


class PseudoEngine(Engine):
    """Pseudo-translation for previews and tests; never presented as translation."""

    name: ClassVar[str] = "pseudo"
    origin: ClassVar[Origin] = Origin.PSEUDO

    def prepare(self, source: str, target: str) -> EngineInfo:
        return EngineInfo(self.name, "pseudo-localisation (not a translation)", self.origin)

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return [pseudo_translate(text, target) for text in texts]


def pseudo_translate(text: str, target: str) -> str:
    """``"Astana"`` -> ``"⟦kk: Åšţåñå·····⟧"``: recognisably fake, about 1.3× long."""
    padding = "·" * max(1, len(text) // 3)
    return f"⟦{target}: {text.translate(_ACCENTS)}{padding}⟧"
