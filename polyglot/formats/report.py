"""report.json: what a run did, per segment and per language, for people and tools."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import IO, Any

from polyglot.model import Document


@dataclass
class LanguageRun:
    """How one target language was produced."""

    lang: str
    engine: str
    model: str | None
    seconds: float = 0.0
    segments: int = 0
    from_engine: int = 0
    from_memory: int = 0
    from_glossary: int = 0
    terms: dict[str, int] = field(default_factory=dict)  # status -> count


@dataclass
class RunInfo:
    """A run's settings and results, apart from the document itself."""

    tool_version: str
    created: str  # ISO 8601 UTC
    source: str  # the input file as given
    languages: list[LanguageRun] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # what exporters left out or changed


def render_report(doc: Document, run: RunInfo) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    return {
        "tool": {"name": "polyglot", "version": run.tool_version},
        "created": run.created,
        "source": {
            "file": run.source,
            "lang": doc.source_lang,
            "date": doc.date.isoformat() if doc.date else None,
            "dateline": doc.dateline,
            "title": doc.title,
            "paragraphs": len(doc.paragraphs),
            "segments": sum(1 for _ in doc.segments()),
        },
        "settings": run.settings,
        "languages": [
            {
                "lang": lr.lang,
                "engine": lr.engine,
                "model": lr.model,
                "seconds": round(lr.seconds, 3),
                "segments": lr.segments,
                "from_engine": lr.from_engine,
                "from_memory": lr.from_memory,
                "from_glossary": lr.from_glossary,
                "terms": lr.terms,
            }
            for lr in run.languages
        ],
        "files": run.files,
        "warnings": run.warnings,
        "segments": [
            {
                "id": seg.id,
                "paragraph": paragraph.index,
                "kind": str(seg.kind),
                "start": seg.start,
                "end": seg.end,
                "source": seg.source,
                "flags": seg.flags,
                "notes": seg.notes,
                "translations": {
                    lang: {
                        "text": tr.text,
                        "origin": str(tr.origin),
                        "engine": tr.engine,
                        "model": tr.model,
                        "terms": [
                            {
                                "source": t.source,
                                "expected": t.expected,
                                "status": str(t.status),
                                "found": t.found,
                            }
                            for t in tr.terms
                        ],
                        "notes": tr.notes,
                    }
                    for lang, tr in seg.translations.items()
                },
            }
            for paragraph in doc.paragraphs
            for seg in paragraph.segments
        ],
    }


def write_report(fp: IO[str], doc: Document, run: RunInfo) -> None:
    """Write the report as pretty-printed UTF-8 JSON."""
    json.dump(render_report(doc, run), fp, ensure_ascii=False, indent=2)
    fp.write("\n")
