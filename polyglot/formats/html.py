"""HTML pages: one per language, a language chooser, bilingual review pages.

Pages are rendered with Jinja2 templates (autoescaping on, so nothing from the
article can become markup) from ``polyglot/templates/``, or from a publisher's
folder that overrides any of them.  Every UI string comes from the gettext
catalogs of :mod:`polyglot.i18n`; dates and language names from Babel.

Each sentence is ``<span class="seg" id="p1s2" data-seg="p1s2">``: the same id
marks the same sentence in every language and in the review pages.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, ClassVar
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from polyglot.checks import check_label
from polyglot.cleaning import strip_controls
from polyglot.errors import InputError, UsageError
from polyglot.formats.base import OutputFile, OutputFormat, RunInfo
from polyglot.i18n import (
    N_,
    format_article_date,
    language_name,
    og_locale,
    render_issue,
    text_direction,
    ui_translations,
)
from polyglot.model import Document, Issue, Origin, Segment, SegmentKind, Severity, TermStatus

INDEX_NAME = "index.html"
STYLESHEET_NAME = "polyglot.css"
TEMPLATES = ("page.html", "index.html", "review.html", STYLESHEET_NAME)

#: Writes one file of the site to a text file object.
Writer = Callable[[IO[str]], None]

_HEADLINE_CHARS = 110  # Schema.org's limit for NewsArticle.headline
_DESCRIPTION_CHARS = 160  # what search results show of a meta description
_MIN_CLAUSE_CHARS = 40  # a shorter first clause does not make a headline
_CLAUSE_BREAK = re.compile(r"[,;:–—](?=\s)")
_MACHINE = frozenset({Origin.MT, Origin.TM})

# UI strings the index shows in every language at once (templates get one language).
_CHOOSE_LANGUAGE = N_("Choose a language")
_INDEX_NOTICES = {
    "machine": N_("Machine translation"),
    "pseudo": N_("Pseudo-translation preview, not a translation"),
}


def page_name(lang: str) -> str:
    """The file name of the page in ``lang``: ``kk.html``."""
    return f"{lang}.html"


def review_name(lang: str) -> str:
    """The file name of the review page of ``lang``: ``review-kk.html``."""
    return f"review-{lang}.html"


@dataclass(frozen=True)
class PageOptions:
    """What rendering needs beyond the document."""

    #: Languages that get a page (the source is always one); empty: the source
    #: plus every language the document has translations for.
    languages: Sequence[str] = ()
    #: Where the pages will be published ("https://example.com/news/"); None:
    #: links between the pages are relative.
    base_url: str | None = None
    #: A folder whose templates replace the shipped ones, file by file.
    template_dir: Path | None = None
    #: A human reviewed the machine translation: no MT notice, no robots noindex.
    reviewed: bool = False
    #: When the translations were made (ISO 8601), for JSON-LD ``dateCreated``.
    created: str | None = None
    #: "polyglot 0.1.0", for ``<meta name="generator">``.
    generator: str | None = None


# --- what templates see ---------------------------------------------------------------


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the language switcher."""

    code: str
    name: str  # the language's own name: "Қазақ тілі"
    href: str
    dir: str
    current: bool = False


@dataclass(frozen=True)
class SegmentView:
    """A sentence (or the dateline) as shown on a page."""

    id: str
    text: str
    kind: str  # "sentence" or "dateline"
    origin: str | None  # None on the source page
    lang: str | None  # set when the text is not in the page's language (untranslated)
    space_before: bool


@dataclass(frozen=True)
class ParagraphView:
    """A paragraph of segments."""

    id: str
    segments: list[SegmentView]


@dataclass(frozen=True)
class PageHead:
    """Everything ``base.html`` puts in ``<head>`` and on ``<html>``."""

    lang: str
    dir: str
    title: str
    description: str | None
    robots: str | None
    canonical: str
    alternates: list[tuple[str, str]]  # (hreflang, href), x-default last
    og_locale: str
    og_alternates: list[str]
    og_url: str | None  # only with a base URL: Open Graph wants absolute URLs
    json_ld: Markup | None


@dataclass(frozen=True)
class Piece:
    """A run of text on the review page; ``mark`` names a glossary status, or with
    ``title`` (the issue's message) the severity of an issue found there."""

    text: str
    mark: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class IssueView:
    """A check's finding on the review page."""

    check: str
    severity: str
    message: str  # in the page's language where the catalog has it
    label: str  # the check's name for people, likewise


@dataclass(frozen=True)
class TermView:
    """A glossary check on the review page."""

    source: str
    expected: str
    status: str
    found: str | None


@dataclass(frozen=True)
class ReviewRow:
    """One segment on the review page."""

    id: str
    kind: str
    source: list[Piece]
    target: list[Piece] | None  # None: not translated
    origin: str | None
    terms: list[TermView]
    missing: bool  # a glossary term is missing
    #: The QA checks' issues (those with a span are also marked in the text), but the
    #: glossary's marked ones: the terms column shows them.
    issues: list[IssueView]
    page_href: str
    source_href: str
    flagged: bool = False  # some check has an issue here
    error: bool = False  # some issue here is an error


@dataclass
class _Site:
    """The set of pages of one article, and how they link to each other."""

    doc: Document
    options: PageOptions
    languages: list[str] = field(default_factory=list)
    base_url: str | None = None  # normalised: ends with "/"

    def href(self, name: str) -> str:
        return f"{self.base_url}{name}" if self.base_url else name

    @property
    def index_href(self) -> str:
        return self.base_url or INDEX_NAME

    def links(self, current: str | None) -> list[LanguageLink]:
        return [
            LanguageLink(
                code=lang,
                name=language_name(lang),
                href=page_name(lang),
                dir=text_direction(lang),
                current=lang == current,
            )
            for lang in self.languages
        ]

    def alternates(self) -> list[tuple[str, str]]:
        pairs = [(lang, self.href(page_name(lang))) for lang in self.languages]
        return [*pairs, ("x-default", self.index_href)]


def _site(doc: Document, options: PageOptions) -> _Site:
    langs = [doc.source_lang]
    for lang in options.languages or doc.target_langs():
        if lang not in langs:
            langs.append(lang)
    base = normalise_base_url(options.base_url) if options.base_url else None
    return _Site(doc, options, langs, base)


def normalise_base_url(url: str) -> str:
    """Check a base URL and end it with ``/`` ("https://x.kz/news" -> "https://x.kz/news/")."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(
            f"the base URL {url!r} is not an absolute http(s) URL",
            "give where the pages will be published, e.g. https://example.com/news/2017/",
        )
    if parts.query or parts.fragment:
        raise UsageError(
            f"the base URL {url!r} has a query or fragment",
            "give the folder the pages will be published in, e.g. https://example.com/news/",
        )
    text = parts.geturl()
    return text if text.endswith("/") else text + "/"


def site_files(doc: Document, options: PageOptions | None = None) -> dict[str, Writer]:
    """Every file of the article's pages, by name, with the function that writes it:
    ``<lang>.html`` per language (source first), ``index.html``,
    ``review-<lang>.html`` per translation, and the stylesheet."""
    options = options or PageOptions()
    site = _site(doc, options)
    files: dict[str, Writer] = {}
    for lang in site.languages:
        files[page_name(lang)] = functools.partial(write_page, doc=doc, lang=lang, options=options)
    files[INDEX_NAME] = functools.partial(write_index, doc=doc, options=options)
    for lang in site.languages[1:]:
        files[review_name(lang)] = functools.partial(
            write_review, doc=doc, lang=lang, options=options
        )
    files[STYLESHEET_NAME] = functools.partial(write_stylesheet, options=options)
    return files


# --- the article page -------------------------------------------------------------------


def render_page(doc: Document, lang: str, options: PageOptions | None = None) -> str:
    """The article in ``lang`` (the source language: the original) as an HTML page."""
    options = options or PageOptions()
    site = _site(doc, options)
    if lang not in site.languages:
        raise UsageError(
            f"there is no {lang!r} version of the article",
            f"translate it into {lang} first, or choose one of {', '.join(site.languages)}",
        )
    is_source = lang == doc.source_lang
    notice = _notice(doc, lang, site.options.reviewed) if not is_source else None
    title = _title(doc, lang)
    description = _description(doc, lang)
    url = site.href(page_name(lang))
    head = PageHead(
        lang=lang,
        dir=text_direction(lang),
        title=title,
        description=description,
        robots="noindex" if notice else None,
        canonical=url,
        alternates=site.alternates(),
        og_locale=og_locale(lang),
        og_alternates=[og_locale(other) for other in site.languages if other != lang],
        og_url=url if site.base_url else None,
        json_ld=_json_ld(site, lang, title, description),
    )
    context = {
        "head": head,
        "page": {
            "lang": lang,
            "is_source": is_source,
            "source_lang": doc.source_lang,
            "source_name": language_name(doc.source_lang, lang, capitalise=False),
            "notice": notice,
            "title": title,
            "date_iso": doc.date.isoformat() if doc.date else None,
            "date_text": format_article_date(doc.date, lang) if doc.date else None,
            "original_href": page_name(doc.source_lang),
        },
        "languages": site.links(lang),
        "paragraphs": _paragraphs(doc, lang),
    }
    return _render(site, lang, "page.html", context)


def write_page(fp: IO[str], doc: Document, lang: str, options: PageOptions | None = None) -> None:
    """Write :func:`render_page` to ``fp``."""
    fp.write(render_page(doc, lang, options))


def _notice(doc: Document, lang: str, reviewed: bool) -> str | None:
    """Which disclosure a translated page needs: "pseudo", "machine" or None."""
    origins = {tr.origin for seg in doc.segments() if (tr := seg.translations.get(lang))}
    if Origin.PSEUDO in origins:
        return "pseudo"  # never publishable, whatever --reviewed says
    if origins & _MACHINE and (not reviewed or has_errors(doc, lang)):
        return "machine"  # a page with error-level QA results is never published as reviewed
    return None


def has_errors(doc: Document, lang: str) -> bool:
    """Whether a translation into ``lang`` has an error-level QA issue."""
    return any(
        issue.severity is Severity.ERROR
        for seg in doc.segments()
        if (tr := seg.translations.get(lang))
        for issue in tr.issues
    )


def _paragraphs(doc: Document, lang: str) -> list[ParagraphView]:
    views = []
    for paragraph in doc.paragraphs:
        segments = []
        prev_end: int | None = None
        for seg in paragraph.segments:
            gap = doc.text[prev_end : seg.start] if prev_end is not None else ""
            text, origin, text_lang = _segment_text(doc, seg, lang)
            segments.append(
                SegmentView(
                    id=seg.id,
                    text=text,
                    kind=str(seg.kind),
                    origin=origin,
                    lang=text_lang,
                    space_before=bool(gap),
                )
            )
            prev_end = seg.end
        views.append(ParagraphView(id=f"p{paragraph.index}", segments=segments))
    return views


def _segment_text(doc: Document, seg: Segment, lang: str) -> tuple[str, str | None, str | None]:
    if lang == doc.source_lang:
        return seg.source, None, None
    tr = seg.translations.get(lang)
    if tr is None:  # shown in the original language, marked as such
        return seg.source, None, doc.source_lang
    return tr.text, str(tr.origin), None


def _text_in(doc: Document, seg: Segment, lang: str) -> str:
    return _segment_text(doc, seg, lang)[0]


def _lead(doc: Document, lang: str) -> str | None:
    for seg in doc.segments():
        if seg.kind is SegmentKind.SENTENCE:
            return _text_in(doc, seg, lang)
    return None


def _title(doc: Document, lang: str) -> str:
    """The article's title, or (wire copy has none) a headline made from its lead."""
    if doc.title and lang == doc.source_lang:
        return _shorten(doc.title, _HEADLINE_CHARS)
    lead = _lead(doc, lang)
    return _headline(lead) if lead else doc.dateline or doc.name


def _headline(lead: str) -> str:
    """The lead sentence as a headline: whole if it fits, else its first clause
    (when that says enough), else cut at a word; no final full stop."""
    text = " ".join(lead.split())
    if len(text) > _HEADLINE_CHARS:
        for brk in _CLAUSE_BREAK.finditer(text, _MIN_CLAUSE_CHARS, _HEADLINE_CHARS + 1):
            return text[: brk.start()]
        return _shorten(text, _HEADLINE_CHARS)
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def _description(doc: Document, lang: str) -> str | None:
    lead = _lead(doc, lang)
    return _shorten(lead, _DESCRIPTION_CHARS) if lead else None


def _shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:–—-") + "…"


def _json_ld(site: _Site, lang: str, title: str, description: str | None) -> Markup:
    """Schema.org NewsArticle, safe to put inside ``<script>``."""
    doc = site.doc
    url = site.href(page_name(lang))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": title,
    }
    if description:
        data["description"] = description
    data["inLanguage"] = lang
    if doc.date:
        data["datePublished"] = doc.date.isoformat()
    dateline = next((s for s in doc.segments() if s.kind is SegmentKind.DATELINE), None)
    if dateline is not None:
        data["dateline"] = _text_in(doc, dateline, lang)
    if lang == doc.source_lang:
        translations = [other for other in site.languages if other != lang]
        if translations:
            data["workTranslation"] = [
                {"@type": "NewsArticle", "@id": site.href(page_name(other)), "inLanguage": other}
                for other in translations
            ]
    else:
        source_url = site.href(page_name(doc.source_lang))
        data["translationOfWork"] = {
            "@type": "NewsArticle",
            "@id": source_url,
            "url": source_url,
            "inLanguage": doc.source_lang,
            "headline": _title(doc, doc.source_lang),
        }
        if site.options.created:
            data["dateCreated"] = site.options.created
    return script_json(data)


def script_json(data: Any) -> Markup:
    """JSON for a ``<script>`` element: ``<``, ``>`` and ``&`` escaped, so that no
    text (``</script>``, ``<!--``) can end the element early; control characters that
    JSON keeps raw (DEL, C1, lone surrogates) left out, as the templates' filter does."""
    text = strip_controls(json.dumps(data, ensure_ascii=False, indent=2))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def article_title(doc: Document, lang: str) -> str:
    """The headline the article's page in ``lang`` shows (for the site's index and feeds)."""
    return _title(doc, lang)


def article_description(doc: Document, lang: str) -> str | None:
    """The page's meta description in ``lang``: its lead, shortened."""
    return _description(doc, lang)


def page_notice(doc: Document, lang: str, reviewed: bool) -> str | None:
    """The disclosure the page in ``lang`` carries: "machine", "pseudo" or None."""
    return _notice(doc, lang, reviewed)


# --- the language chooser -----------------------------------------------------------------


def render_index(doc: Document, options: PageOptions | None = None) -> str:
    """``index.html``: every language version, each introduced in its own language.

    A plain page of links, not a redirect: it works from file:// without
    JavaScript, lets readers choose, and is the ``x-default`` alternate.
    """
    options = options or PageOptions()
    site = _site(doc, options)
    lang = doc.source_lang
    entries = []
    for link in site.links(None):
        gettext = ui_translations(link.code).gettext
        notice = None if link.code == lang else _notice(doc, link.code, site.options.reviewed)
        entries.append(
            {
                "link": link,
                "title": _title(doc, link.code),
                "choose": gettext(_CHOOSE_LANGUAGE),
                "notice": gettext(_INDEX_NOTICES[notice]) if notice else None,
            }
        )
    pseudo = any(_notice(doc, other, False) == "pseudo" for other in site.languages[1:])
    head = PageHead(
        lang=lang,
        dir=text_direction(lang),
        title=_title(doc, lang),
        description=_description(doc, lang),
        robots="noindex" if pseudo else None,
        canonical=site.index_href,
        alternates=site.alternates(),
        og_locale=og_locale(lang),
        og_alternates=[og_locale(other) for other in site.languages if other != lang],
        og_url=site.index_href if site.base_url else None,
        json_ld=None,
    )
    return _render(site, lang, "index.html", {"head": head, "entries": entries})


def write_index(fp: IO[str], doc: Document, options: PageOptions | None = None) -> None:
    """Write :func:`render_index` to ``fp``."""
    fp.write(render_index(doc, options))


# --- the review page ----------------------------------------------------------------------


def render_review(doc: Document, lang: str, options: PageOptions | None = None) -> str:
    """A bilingual table for editors: source | translation per segment, glossary
    checks highlighted; the UI is in ``lang``.  Never indexed."""
    options = options or PageOptions()
    site = _site(doc, options)
    if lang == doc.source_lang or lang not in site.languages:
        raise UsageError(
            f"there is no {lang!r} translation to review",
            f"choose one of {', '.join(site.languages[1:]) or '(none)'}",
        )
    rows = [_review_row(doc, seg, lang) for seg in doc.segments()]
    counts = {str(status): 0 for status in TermStatus}
    for row in rows:
        for term in row.terms:
            counts[term.status] += 1
    head = PageHead(
        lang=lang,
        dir=text_direction(lang),
        title=f"{_title(doc, doc.source_lang)} ({doc.source_lang} → {lang})",
        description=None,
        robots="noindex, nofollow",
        canonical=review_name(lang),
        alternates=[],
        og_locale=og_locale(lang),
        og_alternates=[],
        og_url=None,
        json_ld=None,
    )
    context = {
        "head": head,
        "review": {
            "lang": lang,
            "source_lang": doc.source_lang,
            "source_name": language_name(doc.source_lang, lang),
            "target_name": language_name(lang, lang),
            "pair": (
                language_name(doc.source_lang, lang, capitalise=False),
                language_name(lang, lang, capitalise=False),
            ),
            "source_dir": text_direction(doc.source_lang),
            "title": _title(doc, doc.source_lang),
            "date_text": format_article_date(doc.date, lang) if doc.date else None,
            "date_iso": doc.date.isoformat() if doc.date else None,
            "pseudo": _notice(doc, lang, True) == "pseudo",
            "segments": len(rows),
            "missing": sum(1 for row in rows if row.missing),
            "flagged": sum(1 for row in rows if row.flagged),
            "errors": sum(1 for row in rows if row.error),
            "untranslated": sum(1 for row in rows if row.target is None),
            "counts": counts,
            "page_href": page_name(lang),
            "source_href": page_name(doc.source_lang),
        },
        "rows": rows,
    }
    return _render(site, lang, "review.html", context)


def write_review(fp: IO[str], doc: Document, lang: str, options: PageOptions | None = None) -> None:
    """Write :func:`render_review` to ``fp``."""
    fp.write(render_review(doc, lang, options))


def _review_row(doc: Document, seg: Segment, lang: str) -> ReviewRow:
    tr = seg.translations.get(lang)
    terms = [
        TermView(t.source, t.expected, str(t.status), t.found) for t in (tr.terms if tr else [])
    ]
    source_marks = [(t.source, t.status) for t in terms]
    target_marks = [
        (t.found or t.expected, t.status) for t in terms if t.status != TermStatus.MISSING
    ]
    issues = list(tr.issues) if tr else []
    return ReviewRow(
        id=seg.id,
        kind=str(seg.kind),
        source=highlight(seg.source, source_marks, _issue_spans(issues, "source", lang)),
        target=(
            highlight(tr.text, target_marks, _issue_spans(issues, "target", lang)) if tr else None
        ),
        origin=str(tr.origin) if tr else None,
        terms=terms,
        missing=any(t.status == TermStatus.MISSING for t in terms),
        # The glossary's findings are the terms column; every other check's are listed.
        issues=[
            IssueView(
                issue.check,
                str(issue.severity),
                render_issue(issue, lang),
                ui_translations(lang).gettext(check_label(issue.check)),
            )
            for issue in issues
            if issue.check != "glossary" or not issue.spans
        ],
        page_href=f"{page_name(lang)}#{seg.id}",
        source_href=f"{page_name(doc.source_lang)}#{seg.id}",
        flagged=bool(issues),
        error=any(issue.severity is Severity.ERROR for issue in issues),
    )


def _issue_spans(issues: Iterable[Issue], side: str, lang: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, severity, message)`` of each issue's spans on ``side``, the message
    in ``lang`` (the review page's UI language)."""
    return [
        (span.start, span.end, str(issue.severity), render_issue(issue, lang))
        for issue in issues
        for span in issue.spans
        if span.side == side
    ]


def highlight(
    text: str,
    marks: Iterable[tuple[str, str]],
    issues: Iterable[tuple[int, int, str, str]] = (),
) -> list[Piece]:
    """Split ``text`` into pieces, marking the first occurrence (ignoring case)
    of each ``(needle, mark)``, then each issue's ``(start, end, severity, message)``;
    overlapping marks keep the earlier one (a term's status over an issue about it)."""
    spans: list[tuple[int, int, str, str | None]] = []
    for needle, mark in marks:
        if not needle:
            continue
        found = re.search(re.escape(needle), text, re.IGNORECASE)
        if found is None:
            continue
        start, end = found.span()
        if all(end <= s or start >= e for s, e, _, _ in spans):
            spans.append((start, end, mark, None))
    for start, end, severity, message in issues:
        if 0 <= start < end <= len(text) and all(end <= s or start >= e for s, e, _, _ in spans):
            spans.append((start, end, severity, message))
    pieces: list[Piece] = []
    pos = 0
    for start, end, mark, title in sorted(spans, key=lambda s: s[:2]):
        if start > pos:
            pieces.append(Piece(text[pos:start]))
        pieces.append(Piece(text[start:end], mark, title))
        pos = end
    if pos < len(text) or not pieces:
        pieces.append(Piece(text[pos:]))
    return pieces


# --- the stylesheet -----------------------------------------------------------------------


def render_stylesheet(options: PageOptions | None = None) -> str:
    """The pages' CSS (``polyglot.css``): the publisher's if their template folder has one."""
    options = options or PageOptions()
    env = _environment(options.template_dir, "en")
    try:
        source, _filename, _uptodate = env.loader.get_source(env, STYLESHEET_NAME)  # type: ignore[union-attr]
    except UnicodeDecodeError:
        raise _not_utf8(options.template_dir, STYLESHEET_NAME) from None
    except jinja2.TemplateNotFound:  # pragma: no cover - the package ships one
        raise InputError(f"no {STYLESHEET_NAME} among the templates") from None
    return source


def write_stylesheet(fp: IO[str], options: PageOptions | None = None) -> None:
    """Write :func:`render_stylesheet` to ``fp``."""
    fp.write(render_stylesheet(options))


# --- templates ------------------------------------------------------------------------------


def _render(site: _Site, lang: str, name: str, context: dict[str, Any]) -> str:
    return render_template(name, lang, context, site.options.template_dir, site.options.generator)


def render_template(
    name: str,
    lang: str,
    context: dict[str, Any],
    template_dir: Path | None = None,
    generator: str | None = None,
    stylesheet: str = STYLESHEET_NAME,
) -> str:
    """Render template ``name`` (the publisher's, else polyglot's) with ``lang``'s UI
    catalog; template problems are :class:`InputError` naming the template."""
    env = _environment(template_dir, lang)
    context = {**context, "stylesheet": stylesheet, "generator": generator}
    try:
        return env.get_template(name).render(context)
    except UnicodeDecodeError:
        raise _not_utf8(template_dir, name) from None
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(
            f"template syntax error: {exc.message}",
            "fix the template, or remove it to use polyglot's own",
            path=exc.filename or exc.name or name,
            line=exc.lineno,
        ) from None
    except jinja2.UndefinedError as exc:
        raise InputError(
            f"template {name}: {exc.message}",
            "the comments at the top of polyglot's own templates list what they can use",
        ) from None


def _not_utf8(template_dir: Path | None, name: str) -> InputError:
    where = Path(template_dir, name) if template_dir is not None else Path(name)
    return InputError(
        "the template is not UTF-8 text",
        "save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)",
        path=str(where),
    )


def _drop_controls(value: Any) -> Any:
    """Every ``{{ ... }}`` output passes through here before it is escaped
    (Markup is polyglot's own: JSON-LD and translated UI strings)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return strip_controls(value)  # parse errors in HTML, and invisible
    return value


@functools.lru_cache(maxsize=32)
def _environment(template_dir: Path | None, lang: str) -> jinja2.Environment:
    """A Jinja2 environment with autoescaping on and ``lang``'s UI catalog installed."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        if not Path(template_dir).is_dir():
            what = "is a file, not a folder" if Path(template_dir).exists() else "does not exist"
            raise UsageError(
                f"the template folder {template_dir} {what}",
                "give a folder holding page.html, index.html, review.html or polyglot.css",
            )
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.PackageLoader("polyglot", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
        finalize=_drop_controls,
    )
    env.install_gettext_translations(ui_translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


# --- the output format ----------------------------------------------------------------------


@dataclass(frozen=True)
class HtmlOptions:
    """Options of the HTML output."""

    base_url: str | None = None  # where the pages will be published
    template_dir: Path | None = None  # a publisher's own templates
    reviewed: bool = False  # a human reviewed the MT: no MT notice, no robots noindex


class HtmlFormat(OutputFormat):
    """``<lang>.html`` for the source and each target, ``index.html`` (language
    chooser), ``review-<lang>.html`` per target and ``polyglot.css``."""

    name: ClassVar[str] = "html"
    Options: ClassVar[type] = HtmlOptions

    def check_options(self) -> None:
        options: HtmlOptions = self.options
        if options.base_url is not None:
            normalise_base_url(options.base_url)
        folder = options.template_dir
        if folder is not None and not folder.is_dir():
            what = "is a file, not a folder" if folder.exists() else "does not exist"
            raise UsageError(
                f"the template folder {folder} {what}",
                "give the folder holding your own templates (copy polyglot/templates/ to start)",
            )

    def files(self, doc: Document, run: RunInfo) -> list[OutputFile]:
        options: HtmlOptions = self.options
        page_options = PageOptions(
            languages=[lr.lang for lr in run.languages],
            base_url=options.base_url,
            template_dir=options.template_dir,
            reviewed=options.reviewed,
            created=run.created,
            generator=f"polyglot {run.tool_version}",
        )

        def writer(write: Writer, warnings: list[str]) -> Callable[[IO[str]], list[str]]:
            def write_file(fp: IO[str]) -> list[str]:
                write(fp)
                return warnings

            return write_file

        held = {
            page_name(lang): [
                "not published as reviewed (--reviewed): it has error-level QA results; "
                "it keeps the machine-translation notice and noindex"
            ]
            for lang in page_options.languages
            if options.reviewed and has_errors(doc, lang)
        }
        return [
            OutputFile(name, writer(write, held.get(name, [])))
            for name, write in site_files(doc, page_options).items()
        ]
