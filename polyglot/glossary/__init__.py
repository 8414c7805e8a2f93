"""The glossary: names and terms that must come out right in every language.

``model`` holds the data, ``csvfile`` reads, lints and edits glossary.csv,
``tbx`` exchanges it with CAT tools (TBX-Basic, OmegaT), ``match`` finds terms
in English text, ``inflect`` declines them (ru, kk), ``enforce`` makes an
engine's output comply, and ``apply`` picks a run's glossary file and counts term
statuses.  Translators use it through :mod:`polyglot.translators.glossary`, checks
through :mod:`polyglot.checks.glossary`.
"""

from __future__ import annotations

from polyglot.glossary.model import ENTRY_TYPES, Entry, Glossary

__all__ = ["ENTRY_TYPES", "Entry", "Glossary"]
