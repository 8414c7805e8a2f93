"""Segments longer than a model takes are split, translated in parts and joined: no text lost.

The fault: CTranslate2 cuts inputs at ``max_input_length`` (1024 tokens), so a 3,089-character
sentence (1,702 tokens) came back as 1,852 characters with exit 0.  The copy models copy
their input, so through the real CTranslate2 path the output must equal the input.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from polyglot.cli import app
from polyglot.engines import EngineOptions, load_engine
from polyglot.engines.longtext import DEFAULT_MAX_TOKENS, join_pieces, split_text, strip_piece

runner = CliRunner()

#: One sentence's words (no full stop inside: the segmenter must keep it one segment).
SENTENCE = (
    "The minister said that the talks in Astana on energy, trade and transport went well; "
    "both sides agreed to meet again in Paris, and the ambassador - who led the delegation - "
    "thanked the hosts"
)
WORDS = SENTENCE.split()


def long_sentence(words: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(words)).rstrip(".;,") + "."


def count_words(text: str) -> int:
    return len(text.split())


@given(st.text(alphabet=st.sampled_from("ab ,.;-\n"), max_size=400), st.integers(1, 12))
def test_pieces_are_the_text_and_each_fits(text: str, limit: int) -> None:
    def count(piece: str) -> int:
        return len(piece)  # a token per character: every piece must still fit

    pieces = split_text(text, limit, count)
    assert "".join(pieces) == text
    assert all(count(piece) <= limit for piece in pieces)


def test_cuts_at_clause_boundaries_before_spaces() -> None:
    text = "one two three, four five six; seven eight nine ten eleven."
    assert split_text(text, 6, count_words) == [
        "one two three, four five six; ",
        "seven eight nine ten eleven.",
    ]
    assert split_text(text, 4, count_words) == [
        "one two three, ",
        "four five six; ",
        "seven eight nine ten ",
        "eleven.",
    ]
    assert split_text("short one.", 4, count_words) == ["short one."]


def test_a_word_longer_than_the_limit_is_cut_inside_it() -> None:
    pieces = split_text("x" * 25, 10, len)
    assert pieces == ["x" * 10, "x" * 10, "x" * 5]


def test_joining_keeps_the_whitespace_between_pieces() -> None:
    pieces = ["One, ", "two;\n", "three."]
    assert [strip_piece(p)[1] for p in pieces] == ["One,", "two;", "three."]
    assert join_pieces(pieces, ["Un,", "deux;", "trois."]) == "Un, deux;\ntrois."


def test_the_real_copy_model_loses_no_text_of_a_sentence_over_the_limit(
    test_packages_dir: Path,
) -> None:
    engine = load_engine("argos", EngineOptions(models_dir=test_packages_dir))
    tokenizer = engine._load("en", "ru").source_tokenizer  # type: ignore[attr-defined]
    texts = [long_sentence(700), "Short.", long_sentence(30)]
    assert len(tokenizer.encode(texts[0])) > 1024  # over CTranslate2's max_input_length
    assert engine.translate_texts(texts, "en", "ru") == texts
    assert engine.split_inputs(texts, "en", "ru") == {texts[0]: 4}
    assert len(tokenizer.encode(texts[0])) <= 4 * DEFAULT_MAX_TOKENS


def test_translate_keeps_every_character_and_says_it_split(
    test_packages_dir: Path, tmp_path: Path
) -> None:
    article = tmp_path / "long.txt"
    sentence = long_sentence(700)
    article.write_text(f"ASTANA. KAZINFORM A first sentence.\n\n{sentence}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["translate", str(article), "--to", "ru", "--models-dir", str(test_packages_dir),
         "--out", str(out), "--no-tm", "--no-glossary"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sentence in (out / "long.ru.txt").read_text(encoding="utf-8")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert "long-segment" in json.dumps(report)
    assert "translated in 4 parts" in json.dumps(report, ensure_ascii=False)
