"""The sentence-boundary benchmark's own logic: which treebank documents go to which set
(``benchmarks/build_ud_sets.py``) and how ``benchmarks/segmenter.py`` sums and picks sets.

Only made-up treebanks and scores here: the set-aside parts are never read by tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from repo_scripts import load_script

build_ud_sets = load_script("benchmarks", "build_ud_sets")
segmenter = load_script("benchmarks", "segmenter")
SbdSet = segmenter.TestSet


def _conllu(doc: str, sentences: list[str]) -> str:
    """One document in CoNLL-U: one paragraph, one token per word, a space after each."""
    out = [f"# newdoc id = {doc}", "# newpar"]
    for i, text in enumerate(sentences, 1):
        out += [f"# sent_id = {doc}-{i}", f"# text = {text}"]
        out += [f"{n}\t{w}\t_\t_\t_\t_\t0\t_\t_\t_" for n, w in enumerate(text.split(), 1)]
        out.append("")
    return "\n".join(out) + "\n"


def _write(root: Path, path: str, docs: dict[str, list[str]]) -> None:
    target = root / "UD_English-Test" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(_conllu(d, s) for d, s in docs.items()), encoding="utf-8")


@pytest.fixture
def treebank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout with a dev file (learned from), a test file and every document as its
    own file, as GUM has them; one document is already used by a committed sample."""
    root = tmp_path / "repos"
    docs = {
        "d1": ["Dev one.", "Dev two."],
        "t1": ["Test one.", "Test two."],
        "r1": ["Rest one.", "Rest two.", "Rest three."],
        "r2": ["Sampled one.", "Sampled two."],
        "r3": ["Headline", "Rest four."],
    }
    _write(root, "x-ud-dev.conllu", {"d1": docs["d1"]})
    _write(root, "x-ud-test.conllu", {"t1": docs["t1"]})
    for doc, sentences in docs.items():
        _write(root, f"sources/{doc}.conllu", {doc: sentences})
    (root / "UD_English-Test" / "sources" / "notes.txt").write_text("not CoNLL-U")
    out = tmp_path / "sbd"
    out.mkdir()
    (out / "sample.jsonl").write_text(json.dumps({"id": "r2"}) + "\n", encoding="utf-8")
    monkeypatch.setattr(build_ud_sets, "OUT", out)
    tb = build_ud_sets.Treebank(
        "UD_English-Test",
        "en",
        (("x-ud-dev.conllu", "skip"), ("x-ud-test.conllu", "heldout"), ("sources/", "dev")),
        "CC BY-SA 4.0",
        taken="sample",
    )
    monkeypatch.setattr(build_ud_sets, "TREEBANKS", (tb,))
    return root


def _cases(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_each_document_goes_to_one_set_only(treebank: Path) -> None:
    build_ud_sets.build(treebank)
    out = build_ud_sets.OUT
    dev = _cases(out / "ud_test_en.dev.jsonl")
    heldout = _cases(out / "ud_test_en.heldout.jsonl")
    # The folder gives only the documents no file holds (not d1: learned from; not t1:
    # set aside), and not r2, which the committed sample already took.
    assert [c["id"] for c in dev] == ["r1-1", "r3-1"]
    assert [c["id"] for c in heldout] == ["t1-1"]
    assert dev[0]["sentences"] == ["Rest one.", "Rest two.", "Rest three."]
    # A sentence without final punctuation is merged with the next (the normalisation).
    assert dev[1]["sentences"] == ["Headline Rest four."]


def test_a_treebank_without_a_dev_part_writes_no_dev_file(
    treebank: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tb = build_ud_sets.Treebank(
        "UD_English-Test", "en", (("x-ud-test.conllu", "heldout"),), "CC BY-SA 4.0"
    )
    monkeypatch.setattr(build_ud_sets, "TREEBANKS", (tb,))
    build_ud_sets.build(treebank)
    written = sorted(p.name for p in build_ud_sets.OUT.glob("ud_*.jsonl"))
    assert written == ["ud_test_en.heldout.jsonl"]


def _score(exact: int, texts: int, tp: int = 0) -> object:
    return segmenter.Score(tp=tp, exact=exact, texts=texts)


def test_the_sentence_sum_leaves_translation_aligned_sets_out() -> None:
    own = SbdSet("own_en", "Own", "en")
    a = SbdSet("a.dev", "UD English-A (x)", "en", "dev")
    b = SbdSet("b.dev", "UD English-B (y)", "en", "dev")
    lines = SbdSet("lines.dev", "UD English-LinES (z)", "en", "dev", aligned="the Swedish")
    results = {
        own: {"seg": _score(1, 1)},
        a: {"seg": _score(9, 10, tp=20)},
        b: {"seg": _score(10, 10, tp=5)},
        lines: {"seg": _score(0, 20, tp=100)},
    }
    table = segmenter.render_accuracy(results)
    rows = {line.split("|")[1].strip(): line for line in table.splitlines() if "**all" in line}
    assert list(rows) == ["**all UD sentence sets**", "**all UD sets incl. LinES**"]
    # 19 of 20 cases exact, 25 boundaries: own and LinES left out.
    assert "| 20 | 25 | **0.950 · F1 1.000** |" in rows["**all UD sentence sets**"]
    assert "| 40 | 125 | **0.475 · F1 1.000** |" in rows["**all UD sets incl. LinES**"]
    assert "LinES: its units are segments aligned to the Swedish" in table


def test_without_an_aligned_set_there_is_one_sum() -> None:
    a = SbdSet("a.dev", "UD Russian-A (x)", "ru", "dev")
    b = SbdSet("b.dev", "UD Russian-B (y)", "ru", "dev")
    table = segmenter.render_accuracy({a: {"seg": _score(1, 2)}, b: {"seg": _score(2, 2)}})
    assert [line.split("|")[1].strip() for line in table.splitlines() if "**all" in line] == [
        "**all UD sentence sets**"
    ]


def test_sets_are_picked_by_a_part_of_their_file_name() -> None:
    chosen = segmenter.selected(("own", "dev"), ("golden", "syntok"))
    assert [s.file for s in chosen] == ["golden_rules_en", "syntok_ospl_en"]
    assert segmenter.selected(("own", "dev"), ("no such set",)) == []
    # Without names, every set of the parts whose file exists; never a set-aside one.
    every = segmenter.selected(("own", "dev"))
    assert every and all(s.part in ("own", "dev") and s.path().exists() for s in every)


def test_a_sentence_ending_in_citation_markers_keeps_its_boundary() -> None:
    """'... in 2014. [4]' and '... innovation.23' end with final punctuation (then a
    citation marker or footnote number): the treebank's boundary after them is kept, not
    merged into the next sentence as if it were a headline's."""

    def sentence(text: str) -> object:
        return build_ud_sets.Sentence("s", text, "doc", False, True)

    for ending in ("He died in 2014. [4]", "It grew.[2][3]", "They call it innovation.23"):
        run = [sentence(ending), sentence("Then came more.")]
        _, gold, merged = build_ud_sets.build_case(run)
        assert (gold, merged) == ([ending, "Then came more."], 0), ending
    for no_stop in ("See table [4]", "Version 3.5", "Figure 23"):
        run = [sentence(no_stop), sentence("Then came more.")]
        _, gold, merged = build_ud_sets.build_case(run)
        assert (len(gold), merged) == (1, 1), no_stop
