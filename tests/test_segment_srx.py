"""SRX export: the file is valid SRX 2.0, and its rules break exactly where polyglot does.

The reference interpreter below follows the SRX 2.0 specification literally: at
every position between two characters, the first rule whose ``beforebreak``
matches the text that ends there and whose ``afterbreak`` matches the text that
starts there decides.  It uses the ``regex`` module, whose syntax (``\\p{Ll}``,
possessive quantifiers, bounded lookbehind) matches Java's on every construct
the rules use.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from polyglot.segment import LANGUAGES, rules_for, segmenter_for
from polyglot.segment.srx import SRX_NS, read_srx, render_srx, write_srx
from polyglot.segment.srxrules import SrxRule, build_rules

ROOT = Path(__file__).resolve().parent.parent
SBD = ROOT / "benchmarks" / "data" / "sbd"


class SrxInterpreter:
    """Segments text by the letter of SRX 2.0 (slow; for tests only)."""

    def __init__(self, rules: list[SrxRule]) -> None:
        self.rules = [
            (rule.is_break, regex.compile(f"(?<={rule.before})(?={rule.after})")) for rule in rules
        ]

    def split(self, text: str) -> list[tuple[int, int]]:
        decided: dict[int, bool] = {}
        for is_break, pattern in self.rules:
            for m in pattern.finditer(text):
                decided.setdefault(m.start(), is_break)
        cuts = [p for p, brk in sorted(decided.items()) if brk and 0 < p < len(text)]
        spans, start = [], 0
        for pos in [*cuts, len(text)]:
            s, e = start, pos
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append((s, e))
            start = pos
        return spans


def _srx_bytes() -> bytes:
    buf = io.BytesIO()
    write_srx(buf)
    return buf.getvalue()


def test_srx_document_structure() -> None:
    root = etree.fromstring(_srx_bytes())
    assert root.tag == f"{{{SRX_NS}}}srx" and root.get("version") == "2.0"
    header = root.find(f"{{{SRX_NS}}}header")
    assert header is not None and header.get("cascade") == "no"
    names = [lr.get("languagerulename") for lr in root.iter(f"{{{SRX_NS}}}languagerule")]
    assert names == [*(f"polyglot-{lang}" for lang in LANGUAGES), "polyglot-default"]
    maps = [lm.get("languagepattern") for lm in root.iter(f"{{{SRX_NS}}}languagemap")]
    assert maps[-1] == ".*"
    for rule in root.iter(f"{{{SRX_NS}}}rule"):
        assert rule.get("break") in ("yes", "no")
        assert rule.findtext(f"{{{SRX_NS}}}beforebreak")


def test_srx_is_deterministic() -> None:
    assert _srx_bytes() == _srx_bytes()


@pytest.mark.parametrize("lang", ["en", "en-GB", "ru", "fr", "kk", "de"])
def test_srx_round_trip_gives_the_rules_back(lang: str) -> None:
    rules = read_srx(io.BytesIO(_srx_bytes()), lang)
    expected = build_rules(rules_for(lang))
    assert [(r.is_break, r.before, r.after) for r in rules] == [
        (r.is_break, r.before, r.after) for r in expected
    ]


@pytest.mark.parametrize("lang", ["en", "ru", "fr", "kk", "xx"])
def test_every_rule_compiles_as_a_java_style_regex(lang: str) -> None:
    for rule in build_rules(rules_for(lang)):
        regex.compile(rule.before)
        regex.compile(rule.after)
        # Java lookbehind must have a bounded length: no unbounded repeat inside one.
        for body in regex.findall(r"\(\?<[=!]((?:[^()]|\([^()]*\))*)\)", rule.before):
            assert not regex.search(r"(?<!\\)[*+](?![^\[]*\])", body), (rule.name, body)


def _corpus_texts() -> list[str]:
    texts = []
    # The set-aside parts are read only by the final benchmark run, never by tests.
    for path in sorted(p for p in SBD.glob("*.jsonl") if not p.name.endswith(".heldout.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            texts.append(json.loads(line)["text"])
    return texts


@pytest.mark.parametrize("lang", ["en"])
def test_srx_rules_segment_the_test_sets_like_the_engine(lang: str) -> None:
    srx = SrxInterpreter(read_srx(io.BytesIO(_srx_bytes()), lang))
    seg = segmenter_for(lang)
    texts = _corpus_texts()
    assert texts
    for text in texts:
        assert srx.split(text) == seg.split(text), text


_PIECE_LIST = [
        "Mr", "Inc", "U.S", "No", "p", "The", "He", "the", "a", "b", "c", "1", "2", "10", "9",
        "J", "e.g", "al", ".", ". ", " . ", "...", "…", "?", "!", "?!", '"', "'", "”", "“",
        ")", "(", "[", "]", " »", "« ", "\n", "\n\n", "\n- ", " • ", "⁃", " ", " ", "  ",
        "\t", "\u00a0", "ASTANA", "KAZINFORM", "WASHINGTON (Reuters) - ", "ASTANA. KAZINFORM ",
        "MOSCOW, September 11. /TASS/. ", "word", "Word", "I", "ii", "-", "—", "*", "2)", "1)",
        "1.)", "a.", "b.", " 2. ", "г", "Н", "Он", "т.е", "M", "Mme", "ж", "Бұл",
        "late", "Nobody", "nobody", "Sales", "p.m", "Friday", "no", "Rs", "[4]", "[12]",
        "12", "。", "．", "！", "」", "「", "東京", "３", ":)", ",", ";", "--", "b.)", "ii)",
        "don't", "news.Example.com", "Smith@", "JavaScript", "At 5 ", "i", "they", "it's", "etc",
        "tonight", "too", "st", "med", "Yahoo", "india", "é", "mgmt", "equip", "pkgs",
        "sched", "prohibited", "proudly", "walking", "aches", "réun", "tard",
        "?!", "id=4", "?utm_source", "’", "Com", "Newsfeed", " [7]", ". [8] ", " Anna asked.",
        " said he,", "”", "(b", "v", "Ph", " D.", "div", "http://x.org", "www.", "https",
        "2.1", "12.3", " He added:", " she said, “", " he asked.",
]  # fmt: skip
_PIECES = st.sampled_from(_PIECE_LIST)
_INTERPRETERS = {
    lang: SrxInterpreter(build_rules(rules_for(lang))) for lang in ("en", "ru", "fr", "xx")
}


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join), st.sampled_from(sorted(_INTERPRETERS)))
def test_srx_rules_break_where_the_engine_breaks(text: str, lang: str) -> None:
    assert _INTERPRETERS[lang].split(text) == segmenter_for(lang).split(text)


def test_render_srx_for_one_language() -> None:
    root = render_srx([rules_for("ru")]).getroot()
    names = [lr.get("languagerulename") for lr in root.iter(f"{{{SRX_NS}}}languagerule")]
    assert names == ["polyglot-ru", "polyglot-default"]


# --- real SRX implementations: OmegaT's segmenter, and net.sourceforge.segment ---------------

_OMEGAT = Path("/usr/share/omegat")
_SEGMENT_JARS = [
    Path("/usr/share/java") / f"{name}.jar"
    for name in (
        "segment",
        "commons-logging",
        "jaxb-runtime",
        "jaxb-core",
        "jaxb-api",
        "istack-commons-runtime",
    )
]
_TOOLS = {
    # OmegaT 3.6 (Debian "omegat"): the CAT tool itself, with its own SRX engine.
    "omegat": ("SrxOmegaT", [_OMEGAT / "OmegaT.jar", _OMEGAT / "lib" / "*"]),
    # net.sourceforge.segment 1.4 (Debian "libsegment-java"): validates the file
    # against the SRX 2.0 schema before it segments.
    "segment": ("SrxSegment", _SEGMENT_JARS),
}


@pytest.fixture(scope="module", params=sorted(_TOOLS))
def java_segmenter(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Segment texts with the exported SRX file through a Java SRX implementation."""
    import shutil
    import subprocess

    main, jars = _TOOLS[request.param]
    missing = [str(j) for j in jars if not (j.exists() or j.name == "*")]
    assert shutil.which("javac") and not missing, (
        f"needs a JDK and {request.param} {missing} "
        "(apt-get install default-jdk-headless omegat libsegment-java; see ci/apt-packages.txt)"
    )
    work = tmp_path_factory.mktemp(f"srx-{request.param}")
    classpath = ":".join([str(work), *map(str, jars)])
    source = ROOT / "tests" / "data" / "srx" / f"{main}.java"
    subprocess.run(["javac", "-d", str(work), "-cp", classpath, str(source)], check=True)
    srx = work / "rules.srx"
    srx.write_bytes(_srx_bytes())

    def run(texts: list[str], lang: str) -> list[list[str]]:
        out = subprocess.run(
            ["java", "-cp", classpath, main, str(srx), lang],
            input="\0".join(texts).encode("utf-8"),
            capture_output=True,
            check=True,
        )
        results = out.stdout.decode("utf-8").split("\0")[:-1]
        return [[s.strip() for s in r.split("\1") if s.strip()] for r in results]

    return run


def test_java_srx_segments_the_test_sets_like_polyglot(java_segmenter) -> None:  # type: ignore[no-untyped-def]
    texts = _corpus_texts()
    seg = segmenter_for("en")
    got = java_segmenter(texts, "en")
    for text, java in zip(texts, got, strict=True):
        assert java == [text[s:e] for s, e in seg.split(text)], text


# A glued stop right after the word that a glued stop opened: net.sourceforge.segment
# resumes a rule's search where its last match ended and sees a token start there.
_CHAINED = [
    "It was late.Nobody?Came here.",
    "We waited...Nobody...Came back.",
    "It was late.Nobody…Came back.",
    "is it open?they?said no",
    "so late?today!they came",
]


def test_java_srx_agrees_on_chained_glued_stops(java_segmenter) -> None:  # type: ignore[no-untyped-def]
    seg = segmenter_for("en")
    for text, java in zip(_CHAINED, java_segmenter(_CHAINED, "en"), strict=True):
        assert java == [text[s:e] for s, e in seg.split(text)], text


@pytest.mark.parametrize("lang", ["en", "ru", "fr", "kk"])
def test_java_srx_agrees_on_generated_text(java_segmenter, lang: str) -> None:  # type: ignore[no-untyped-def]
    import random

    rnd = random.Random(lang)
    # No ready-made datelines: net.sourceforge.segment anchors ^ at every segment
    # start, so it also finds a dateline right after a first one.
    pieces = [p for p in _PIECE_LIST if "(" not in p or len(p) < 3]
    pieces = [p for p in pieces if not p[:1].isupper() or "." not in p]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 25))) for _ in range(1500)]
    texts += ["ASTANA. KAZINFORM " + t for t in texts[:200]]
    seg = segmenter_for(lang)
    for text, java in zip(texts, java_segmenter(texts, lang), strict=True):
        assert java == [text[s:e] for s, e in seg.split(text)], text
