"""Hand-built documents for the HTML tests: real Kazakh, Russian and French text,
fixed ids and a fixed clock, independent of the segmenter and of any engine."""

from __future__ import annotations

import datetime as dt

from polyglot.checks.glossary import term_issues
from polyglot.formats.html import PageOptions
from polyglot.model import (
    Document,
    Origin,
    Paragraph,
    Segment,
    SegmentKind,
    TermCheck,
    TermStatus,
    Translation,
)

# (source, kind, {lang: (text, origin, [(term source, expected, status, found)])})
Row = tuple[
    str, SegmentKind, dict[str, tuple[str, Origin, list[tuple[str, str, TermStatus, str | None]]]]
]

S, D = SegmentKind.SENTENCE, SegmentKind.DATELINE
MT, HUMAN, GLOSSARY = Origin.MT, Origin.HUMAN, Origin.GLOSSARY
FOUND, INFLECTED, FIXED, MISSING = (
    TermStatus.FOUND,
    TermStatus.INFLECTED,
    TermStatus.FIXED,
    TermStatus.MISSING,
)

SAMPLE: list[list[Row]] = [
    [
        (
            "ASTANA. KAZINFORM",
            D,
            {
                "kk": ("АСТАНА. ҚАЗАҚПАРАТ", GLOSSARY, []),
                "ru": ("АСТАНА. КАЗИНФОРМ", GLOSSARY, []),
                "fr": ("ASTANA. KAZINFORM", GLOSSARY, []),
            },
        ),
        (
            "Kazakh Defense and Aerospace Industry Minister Beibut Atamkulov has met in Astana "
            "with Jean-Baptiste Lemoyne, Secretary of State at the Ministry of Europe and "
            "Foreign Affairs of France.",
            S,
            {
                "kk": (
                    "Қазақстанның Қорғаныс және аэроғарыш өнеркәсібі министрі Бейбіт Атамқұлов "
                    "Астанада Францияның Еуропа және сыртқы істер министрлігінің мемлекеттік "
                    "хатшысы Жан-Батист Лемуанмен кездесті.",
                    MT,
                    [
                        ("Astana", "Астана", INFLECTED, "Астанада"),
                        ("Beibut Atamkulov", "Бейбіт Атамқұлов", FOUND, "Бейбіт Атамқұлов"),
                        ("Jean-Baptiste Lemoyne", "Жан-Батист Лемуан", FIXED, None),
                    ],
                ),
                "ru": (
                    "Министр оборонной и аэрокосмической промышленности Казахстана Бейбут "
                    "Атамкулов встретился в Астане с государственным секретарём при Министерстве "
                    "Европы и иностранных дел Франции Жаном-Батистом Лемуаном.",
                    MT,
                    [
                        ("Astana", "Астана", INFLECTED, "Астане"),
                        ("Beibut Atamkulov", "Бейбут Атамкулов", FOUND, "Бейбут Атамкулов"),
                    ],
                ),
                "fr": (
                    "Le ministre kazakh de la Défense et de l’Industrie aérospatiale, Beibut "
                    "Atamkulov, a rencontré à Astana Jean-Baptiste Lemoyne, secrétaire d’État "
                    "auprès du ministre de l’Europe et des Affaires étrangères.",
                    HUMAN,
                    [("Astana", "Astana", FOUND, "Astana")],
                ),
            },
        ),
    ],
    [
        (
            "The sides discussed expanding and deepening the space cooperation.",
            S,
            {
                "kk": (
                    "Тараптар ғарыш саласындағы ынтымақтастықты кеңейту және тереңдету "
                    "мәселелерін талқылады.",
                    MT,
                    [("space cooperation", "ғарыштық ынтымақтастық", MISSING, None)],
                ),
                "ru": (
                    "Стороны обсудили расширение и углубление космического сотрудничества.",
                    MT,
                    [
                        (
                            "space cooperation",
                            "космическое сотрудничество",
                            INFLECTED,
                            "космического сотрудничества",
                        )
                    ],
                ),
                "fr": (
                    "Les parties ont discuté de l’élargissement et de l’approfondissement de la "
                    "coopération spatiale.",
                    HUMAN,
                    [],
                ),
            },
        ),
        (
            "Kazakhstan and France are strategic partners in the field.",
            S,
            {
                "kk": (
                    "Қазақстан мен Франция бұл салада стратегиялық серіктес болып табылады.",
                    MT,
                    [("Kazakhstan", "Қазақстан", FOUND, "Қазақстан")],
                ),
                "ru": (
                    "Казахстан и Франция являются стратегическими партнёрами в этой области.",
                    HUMAN,
                    [("Kazakhstan", "Казахстан", FOUND, "Казахстан")],
                ),
                "fr": (
                    "Le Kazakhstan et la France sont des partenaires stratégiques dans ce domaine.",
                    HUMAN,
                    [("Kazakhstan", "Kazakhstan", FOUND, "Kazakhstan")],
                ),
            },
        ),
    ],
    [
        (
            "Since 2009, the KazEOSat-1 and KazEOSat-2 satellites have been operating "
            "successfully.",
            S,
            {
                "kk": (
                    "2009 жылдан бері KazEOSat-1 және KazEOSat-2 спутниктері табысты жұмыс "
                    "істеп келеді.",
                    MT,
                    [],
                ),
                "ru": (
                    "С 2009 года спутники KazEOSat-1 и KazEOSat-2 успешно работают.",
                    MT,
                    [],
                ),
                "fr": (
                    "Depuis 2009, les satellites KazEOSat-1 et KazEOSat-2 fonctionnent avec "
                    "succès.",
                    HUMAN,
                    [],
                ),
            },
        )
    ],
]

#: A lead that tries every way out of HTML: element, attribute, comment, JSON-LD.
HOSTILE_LEAD = (
    'Editors wrote </title></script><script>document.title="pwned";console.error("xss")</script>'
    '<img src=x onerror="console.error(1)"> & "quotes" \'here\' <!-- -->.'
)
HOSTILE: list[list[Row]] = [
    [
        (
            HOSTILE_LEAD,
            S,
            {"kk": (f"Редакторлар жазды: {HOSTILE_LEAD}", MT, [])},
        ),
        (
            '<style>body{display:none}</style><a href="javascript:alert(1)">link</a>',
            S,
            {"kk": ('<b>қалың</b> <iframe src="https://example.com/"></iframe>', MT, [])},
        ),
    ]
]

OPTIONS = PageOptions(
    base_url="https://news.example.kz/2017/09/atamkulov-lemoyne/",
    created="2017-09-12T08:00:00Z",
    generator="polyglot 0.1.0",
)


def build_document(paragraphs: list[list[Row]], name: str = "sample") -> Document:
    """A Document whose text, offsets and ids are consistent, as the reader makes them."""
    doc = Document(text="", name=name, date=dt.date(2017, 9, 11))
    parts: list[str] = []
    pos = 0
    for p_index, rows in enumerate(paragraphs, start=1):
        if p_index > 1:
            parts.append("\n\n")
            pos += 2
        paragraph = Paragraph(index=p_index, start=pos, end=pos)
        for s_index, (source, kind, translations) in enumerate(rows, start=1):
            if s_index > 1:
                parts.append(" ")
                pos += 1
            seg = Segment(f"p{p_index}s{s_index}", source, pos, pos + len(source), kind)
            for lang, (text, origin, terms) in translations.items():
                checks = [TermCheck(src, exp, status, found) for src, exp, status, found in terms]
                seg.translations[lang] = Translation(
                    text,
                    origin,
                    engine="argos" if origin is MT else None,
                    terms=checks,
                    issues=term_issues(source, checks),  # as the glossary translator makes them
                )
            if kind is D:
                doc.dateline = source
            parts.append(source)
            pos += len(source)
            paragraph.segments.append(seg)
        paragraph.end = pos
        doc.paragraphs.append(paragraph)
    doc.text = "".join(parts)
    for seg in doc.segments():
        assert doc.text[seg.start : seg.end] == seg.source
    return doc


def sample_document() -> Document:
    """Three paragraphs in en, kk (MT), ru (MT and human), fr (human)."""
    return build_document(SAMPLE)


def hostile_document() -> Document:
    """An article whose text is markup and script, translated into kk."""
    return build_document(HOSTILE, name="hostile")
