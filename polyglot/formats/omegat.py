"""An OmegaT project per target language, ready to open: every segment pre-filled.

:func:`project_files` lists the project's folders and files, each with the
function that writes it (only the pipeline touches paths):

``omegat.project``
    source and target language, sentence segmentation on, default folders.
``source/<stem>.txt``
    the article as polyglot segmented it: paragraphs separated by blank lines,
    without the `` date`` header (polyglot reads it as metadata; OmegaT would
    make it part of the first segment, and that segment would match nothing).
``omegat/segmentation.srx``
    polyglot's segmentation rules (``polyglot segment --export-srx``), which
    later OmegaT versions read; ``omegat/segmentation.conf`` holds the same
    rules for OmegaT 3.6, which reads only that file (a Java ``XMLEncoder``
    document) and ignores ``segmentation.srx``: with the SRX alone it splits
    "ASTANA. KAZINFORM" and two segments of the sample match nothing.  With
    them OmegaT splits the source exactly where polyglot did, so that every
    segment has its exact match in the memory.
``tm/auto/<stem>.<src>-<lang>.tmx``
    the pair's TMX: OmegaT inserts its translations into the empty segments
    when the project opens.
``glossary/polyglot.txt``
    the glossary in OmegaT's tab-separated format (when there is one); OmegaT
    shows its terms beside each segment.
``target/``, ``dictionary/``
    empty: OmegaT 3.6 refuses a project without them.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import IO, Any, ClassVar

from lxml import etree

from polyglot.formats.base import OutputFile, OutputFormat, RunInfo
from polyglot.formats.text import render_text
from polyglot.formats.tmx import XML_DECLARATION, write_tmx
from polyglot.glossary.model import Glossary
from polyglot.languages import render_lang_tag
from polyglot.model import Document
from polyglot.segment import rules_for
from polyglot.segment.srx import render_srx_bytes
from polyglot.segment.srxrules import build_rules

#: The version OmegaT 3.6 writes into ``segmentation.conf``; an older one makes it
#: merge its own default rules into the file's, which would change the segmentation.
SEGMENTATION_CONF_VERSION = "0.2.2"
GLOSSARY_NAME = "polyglot.txt"
_OMEGAT = "org.omegat.core.segmentation"  # the Java package of the classes in segmentation.conf
#: Folders OmegaT 3.6 refuses to open a project without, even empty.
FOLDERS = ("target/", "dictionary/", "glossary/", "tm/auto/")


def project_name(lang: str) -> str:
    """The project's folder name: ``omegat-<lang>``."""
    return f"omegat-{lang}"


def project_files(
    doc: Document,
    lang: str,
    *,
    glossary: Glossary | None = None,
    region_tags: bool = False,
    now: dt.datetime,
    tool_version: str,
) -> list[OutputFile]:
    """The OmegaT project for translating ``doc`` into ``lang`` (see the module
    docstring), paths relative to the project folder; ``target/`` and the other
    folders OmegaT wants are entries ending in ``/``."""
    source = doc.source_lang
    settings = render_project_file(
        render_lang_tag(source, region_tags), render_lang_tag(lang, region_tags)
    )
    files = [
        OutputFile("omegat.project", functools.partial(_write_bytes, data=settings), True),
        OutputFile(f"source/{doc.name}.txt", functools.partial(_write_source, doc=doc)),
        OutputFile(
            "omegat/segmentation.srx",
            functools.partial(_write_bytes, data=render_srx_bytes()),
            True,
        ),
        OutputFile(
            "omegat/segmentation.conf",
            functools.partial(_write_bytes, data=render_segmentation_conf(source)),
            True,
        ),
        OutputFile(
            f"tm/auto/{doc.name}.{source}-{lang}.tmx",
            functools.partial(
                _write_tmx,
                doc=doc,
                lang=lang,
                region_tags=region_tags,
                now=now,
                tool_version=tool_version,
            ),
            True,
        ),
    ]
    if glossary is not None and glossary.for_lang(lang):
        files.append(
            OutputFile(
                f"glossary/{GLOSSARY_NAME}",
                functools.partial(_write_glossary, glossary=glossary, lang=lang),
            )
        )
    named = {f.name for f in files}
    for folder in FOLDERS:
        if not any(name.startswith(folder) for name in named):
            files.append(OutputFile(folder, _write_nothing))
    return files


def render_project_file(source_tag: str, target_tag: str) -> bytes:
    """``omegat.project``: default folders, the languages, sentence segmentation on."""
    root = etree.Element("omegat")
    project = etree.SubElement(root, "project", version="1.0")
    settings = [
        ("source_dir", "__DEFAULT__"),
        ("target_dir", "__DEFAULT__"),
        ("tm_dir", "__DEFAULT__"),
        ("glossary_dir", "__DEFAULT__"),
        ("glossary_file", "__DEFAULT__"),
        ("dictionary_dir", "__DEFAULT__"),
        ("source_lang", source_tag),
        ("target_lang", target_tag),
        ("sentence_seg", "true"),
        ("support_default_translations", "true"),
        ("remove_tags", "false"),
    ]
    for name, value in settings:
        etree.SubElement(project, name).text = value
    etree.indent(root)
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8") + b"\n"


def render_segmentation_conf(source_lang: str) -> bytes:
    """polyglot's rules for ``source_lang`` as OmegaT 3.6 stores project segmentation
    (``omegat/segmentation.conf``, a ``java.beans.XMLEncoder`` document).

    One language rule, for every language: OmegaT applies every rule whose
    pattern matches the language (it cascades), and the project segments only
    its source language.
    """
    rules = rules_for(source_lang)
    root = etree.Element("java", version="1.8.0", **{"class": "java.beans.XMLDecoder"})
    srx = etree.SubElement(root, "object", {"class": f"{_OMEGAT}.SRX"})
    mapping = etree.SubElement(
        etree.SubElement(srx, "void", property="mappingRules"), "void", method="add"
    )
    map_rule = etree.SubElement(
        mapping, "object", {"class": "org.omegat.core.segmentation.MapRule"}
    )
    _conf_property(map_rule, "language", "string", f"polyglot-{rules.lang or 'default'}")
    _conf_property(map_rule, "pattern", "string", ".*")
    rule_list = etree.SubElement(
        etree.SubElement(map_rule, "void", property="rules"),
        "object",
        {"class": "java.util.ArrayList"},
    )
    for rule in build_rules(rules):
        item = etree.SubElement(
            etree.SubElement(rule_list, "void", method="add"),
            "object",
            {"class": f"{_OMEGAT}.Rule"},
        )
        _conf_property(item, "afterbreak", "string", rule.after)
        _conf_property(item, "beforebreak", "string", rule.before)
        _conf_property(item, "breakRule", "boolean", "true" if rule.is_break else "false")
    _conf_property(srx, "version", "string", SEGMENTATION_CONF_VERSION)
    etree.indent(root, space=" ")
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8") + b"\n"


def _conf_property(parent: etree._Element, name: str, kind: str, value: str) -> None:
    etree.SubElement(etree.SubElement(parent, "void", property=name), kind).text = value


def _write_bytes(fp: IO[bytes], data: bytes) -> list[str]:
    fp.write(data)
    return []


def _write_nothing(fp: IO[Any]) -> list[str]:
    return []


def _write_source(fp: IO[str], doc: Document) -> list[str]:
    fp.write(render_text(doc))
    return []


def _write_tmx(
    fp: IO[bytes],
    doc: Document,
    lang: str,
    region_tags: bool,
    now: dt.datetime,
    tool_version: str,
) -> list[str]:
    report = write_tmx(
        fp,
        doc,
        [lang],
        source_lang=doc.source_lang,
        region_tags=region_tags,
        now=now,
        tool_version=tool_version,
    )
    return report.warnings


def _write_glossary(fp: IO[str], glossary: Glossary, lang: str) -> list[str]:
    from polyglot.glossary.tbx import write_omegat

    write_omegat(fp, glossary, lang)
    return []


# --------------------------------------------------------------------------- output format


@dataclass(frozen=True)
class OmegatOptions:
    """Options of the OmegaT projects."""

    region_tags: bool = False  # en-US, kk-KZ, ... in omegat.project and the TMX


class OmegatFormat(OutputFormat):
    """``omegat-<lang>/`` per target: an OmegaT project, every segment pre-filled."""

    name: ClassVar[str] = "omegat"
    Options: ClassVar[type] = OmegatOptions

    def files(self, doc: Document, run: RunInfo) -> list[OutputFile]:
        options: OmegatOptions = self.options
        created = dt.datetime.strptime(run.created, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
        files = []
        for lr in run.languages:
            top = project_name(lr.lang)
            for file in project_files(
                doc,
                lr.lang,
                glossary=run.glossary,
                region_tags=options.region_tags,
                now=created,
                tool_version=run.tool_version,
            ):
                files.append(OutputFile(f"{top}/{file.name}", file.write, file.binary))
        return files
