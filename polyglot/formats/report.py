"""report.json: what a run did, per segment and per language, for people and tools."""

from __future__ import annotations

import json
from typing import IO, Any, ClassVar

from polyglot.formats.base import LanguageRun, OutputFile, OutputFormat, RunInfo
from polyglot.model import Document, Translation

__all__ = ["LanguageRun", "ReportFormat", "RunInfo", "render_report", "write_report"]


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
                "checks": lr.issues,
                "errors": lr.errors,
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
                        "checks": _checks(tr),
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


def _checks(tr: Translation) -> list[dict[str, Any]]:
    """The QA checks' findings on a translation: check, severity, message and spans, and
    the message as data: ``code`` (stable; null for a plain message) and ``args``, for a
    program that shows findings in its own language.  ``message`` stays English: a report
    is read by programs and logs, and the run has no UI language of its own (pages take
    the language they are in)."""
    return [
        {
            "check": issue.check,
            "severity": str(issue.severity),
            "message": issue.message,
            "code": issue.code,
            "args": dict(issue.args),
            "spans": [[span.side, span.start, span.end] for span in issue.spans],
        }
        for issue in tr.issues
    ]


class ReportFormat(OutputFormat):
    """``report.json``, written after every other format (it lists their files)."""

    name: ClassVar[str] = "report"
    last: ClassVar[bool] = True

    def files(self, doc: Document, run: RunInfo) -> list[OutputFile]:
        def write(fp: IO[str]) -> list[str]:
            write_report(fp, doc, run)
            return []

        return [OutputFile("report.json", write)]
