"""The pipeline end to end with stand-in engines: batching, interruption, locking."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from polyglot import engines
from polyglot.cli import app
from polyglot.engines.base import Engine, EngineOptions
from polyglot.errors import OutputError
from polyglot.fileio import OUTPUT_MARKER, run_lock, write_marker
from polyglot.pipeline import TranslateJob, translate_file

runner = CliRunner()


class RecordingEngine(Engine):
    """Upper-cases text and records every batch it is given."""

    name: ClassVar[str] = "recording"
    batches: ClassVar[list[tuple[str, int]]] = []

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        RecordingEngine.batches.append((target, len(texts)))
        return [t.upper() for t in texts]


class InterruptedEngine(Engine):
    """Is interrupted (Ctrl-C) during the second language."""

    name: ClassVar[str] = "interrupted"

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        if target == "fr":
            raise KeyboardInterrupt
        return list(texts)


@pytest.fixture
def stand_ins(monkeypatch):
    monkeypatch.setitem(engines.ENGINES, "recording", f"{__name__}:RecordingEngine")
    monkeypatch.setitem(engines.ENGINES, "interrupted", f"{__name__}:InterruptedEngine")
    RecordingEngine.batches = []


def test_one_batched_call_per_language(stand_ins, seed_path, tmp_path):
    job = TranslateJob(
        source=seed_path, targets=["ru", "fr"], out_dir=tmp_path / "o", engine="recording"
    )
    result = translate_file(job)
    assert RecordingEngine.batches == [("ru", 10), ("fr", 10)]
    assert result.document.segment("p1s1").translations["ru"].text == "ASTANA. KAZINFORM"


def test_huge_articles_go_in_chunks(stand_ins, tmp_path):
    article = tmp_path / "long.txt"
    article.write_text("\n\n".join(f"Sentence number {i}." for i in range(250)))
    job = TranslateJob(
        source=article,
        targets=["ru"],
        out_dir=tmp_path / "o",
        engine="recording",
        engine_options=EngineOptions(chunk_size=100),
    )
    translate_file(job)
    assert RecordingEngine.batches == [("ru", 100), ("ru", 100), ("ru", 50)]


def test_repeated_sentences_are_translated_once(stand_ins, tmp_path):
    article = tmp_path / "rep.txt"
    article.write_text("Same. Same.\n\nSame. Other.")
    job = TranslateJob(source=article, targets=["ru"], out_dir=tmp_path / "o", engine="recording")
    result = translate_file(job)
    assert RecordingEngine.batches == [("ru", 2)]
    assert [s.translations["ru"].text for s in result.document.segments()] == [
        "SAME.",
        "SAME.",
        "SAME.",
        "OTHER.",
    ]


def test_ctrl_c_leaves_the_previous_output_untouched(stand_ins, seed_path, tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    (out / "report.json").write_text('{"previous": true}')
    write_marker(out)
    result = runner.invoke(
        app,
        [
            "translate",
            str(seed_path),
            "--to",
            "ru,fr",
            "--engine",
            "interrupted",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 130
    assert "interrupted" in result.output
    assert json.loads((out / "report.json").read_text()) == {"previous": True}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o"]


def test_two_runs_on_one_output_folder(stand_ins, seed_path, tmp_path):
    out = tmp_path / "o"
    with run_lock(out):
        result = runner.invoke(
            app,
            ["translate", str(seed_path), "--to", "ru", "--engine", "recording", "--out", str(out)],
        )
    assert result.exit_code == 5
    assert "being written by another polyglot run" in result.output
    assert not out.exists()


def test_translating_into_the_source_language_is_refused(stand_ins, seed_path, tmp_path):
    result = runner.invoke(
        app,
        [
            "translate",
            str(seed_path),
            "--to",
            "en",
            "--engine",
            "recording",
            "--out",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 2
    assert "already in 'en'" in result.output


class CountingProgress:
    def __init__(self) -> None:
        self.advances: list[int] = []

    def start(self, lang: str, total: int) -> None:
        self.total = total

    def advance(self, count: int) -> None:
        self.advances.append(count)

    def finish(self, lang: str) -> None:
        pass


def test_a_multi_megabyte_article_translates_with_progress_chunk_by_chunk(tmp_path):
    paragraph = (
        "The sides discussed expanding and deepening the space cooperation in {i}. "
        "Kazakhstan and France are strategic partners in the field since {i}."
    )
    article = tmp_path / "huge.txt"
    article.write_text("\n\n".join(paragraph.format(i=i) for i in range(12_000)))
    assert article.stat().st_size > 1_500_000
    progress = CountingProgress()
    job = TranslateJob(
        source=article, targets=["ru"], out_dir=tmp_path / "o", engine="pseudo", use_tm=False
    )
    result = translate_file(job, progress)
    assert progress.total == 24_000
    size = EngineOptions().chunk_size  # segments per unit: each one advances the progress
    assert len(progress.advances) == -(-24_000 // size) and sum(progress.advances) == 24_000
    assert result.info.languages[0].segments == 24_000
    assert (tmp_path / "o" / "huge.en-ru.tmx").stat().st_size > article.stat().st_size


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--base-url", "example.com/news"], "not an absolute http(s) URL"),
        (["--template", "no-such-folder"], "template folder no-such-folder does not exist"),
    ],
)
def test_bad_export_options_fail_before_any_translation(
    stand_ins, seed_path, tmp_path, option, message
):
    result = runner.invoke(
        app,
        [
            "translate",
            str(seed_path),
            "--to",
            "ru",
            "--engine",
            "recording",
            "--out",
            str(tmp_path / "o"),
            *option,
        ],
    )
    assert result.exit_code == 2
    assert message in result.output
    assert RecordingEngine.batches == []


def test_memory_reuse_is_checked_against_todays_glossary(stand_ins, tmp_path):
    from polyglot.tm.store import open_memory

    article = tmp_path / "a.txt"
    article.write_text("Kazakhstan and France met.\n\nThe sides talked.\n\nKazakhstan agreed.")
    tm = tmp_path / "tm.sqlite"

    def job(**kwargs):
        return TranslateJob(
            source=article,
            targets=["ru"],
            out_dir=tmp_path / "o",
            engine="recording",
            tm=tm,
            **kwargs,
        )

    translate_file(job(use_glossary=False))  # MT stored under no glossary
    with open_memory(tm) as memory, memory.transaction():
        memory.add_human("en", "ru", "Kazakhstan agreed.", "Республика согласилась.")
    glossary = tmp_path / "glossary.csv"
    glossary.write_text("en,kk,ru,fr\nKazakhstan,Қазақстан,Казахстан,Kazakhstan\n")
    RecordingEngine.batches = []
    result = translate_file(job(glossary=glossary))
    # only the stale machine translation misses the term and goes back to the engine
    assert [size for _, size in RecordingEngine.batches[:1]] == [1]
    first, second, third = result.document.segments()
    assert "Казахстан" in first.translations["ru"].text
    assert second.translations["ru"].text == "THE SIDES TALKED."
    assert str(second.translations["ru"].origin) == "tm"
    assert third.translations["ru"].text == "Республика согласилась."  # human: never changed
    assert [str(t.status) for t in third.translations["ru"].terms] == ["missing"]


def test_a_folder_of_the_users_is_refused_before_translating(stand_ins, seed_path, tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    story = news / "story.txt"
    story.write_bytes(seed_path.read_bytes())
    (news / "notes.txt").write_text("mine")
    for out in (news, tmp_path / "news-out"):
        if out != news:
            out.mkdir()
            (out / "draft.docx").write_text("mine")
        result = runner.invoke(
            app, ["translate", str(story), "--to", "ru", "--engine", "recording", "--out", str(out)]
        )
        assert result.exit_code == 5, result.output
        assert "polyglot did not write" in result.output or "holds the input" in result.output
    assert RecordingEngine.batches == []
    assert sorted(os.listdir(news)) == ["notes.txt", "story.txt"]


def test_reruns_replace_polyglots_own_output(stand_ins, seed_path, tmp_path):
    out = tmp_path / "o"
    for _ in range(2):
        result = runner.invoke(
            app,
            ["translate", str(seed_path), "--to", "ru", "--engine", "recording", "--out", str(out)],
        )
        assert result.exit_code == 0, result.output
    assert (out / OUTPUT_MARKER).exists()


class NestedRunEngine(Engine):
    """While translating, starts a second run on the same output folder."""

    name: ClassVar[str] = "nested"
    second: ClassVar[list[str]] = []

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        job = NestedRunEngine.job
        try:
            translate_file(job)
        except OutputError as exc:
            NestedRunEngine.second.append(str(exc))
        return list(texts)


def test_a_second_run_is_refused_while_the_first_is_still_translating(
    monkeypatch, seed_path, tmp_path
):
    monkeypatch.setitem(engines.ENGINES, "nested", f"{__name__}:NestedRunEngine")
    monkeypatch.setitem(engines.ENGINES, "recording", f"{__name__}:RecordingEngine")
    out = tmp_path / "o"
    NestedRunEngine.second = []
    NestedRunEngine.job = TranslateJob(  # type: ignore[attr-defined]
        source=seed_path, targets=["ru"], out_dir=out, engine="recording", use_tm=False
    )
    translate_file(
        TranslateJob(source=seed_path, targets=["ru"], out_dir=out, engine="nested", use_tm=False)
    )
    assert len(NestedRunEngine.second) == 1
    assert "being written by another polyglot run" in NestedRunEngine.second[0]


def test_what_a_killed_run_left_beside_the_output_is_cleared(stand_ins, seed_path, tmp_path):
    leftover = tmp_path / ".o.abc123.new"
    leftover.mkdir()
    (leftover / "report.json").write_text("half")
    unrelated = tmp_path / ".other.abc.new"
    unrelated.mkdir()
    job = TranslateJob(source=seed_path, targets=["ru"], out_dir=tmp_path / "o", engine="recording")
    translate_file(job)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.abc.new", "o"]


@pytest.mark.parametrize("name", ["page.html", "polyglot.css"])
def test_a_template_saved_as_utf16_is_a_clear_error(stand_ins, seed_path, tmp_path, name):
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / name).write_bytes("<p>Привет</p>".encode("utf-16"))
    result = runner.invoke(
        app,
        ["translate", str(seed_path), "--to", "ru", "--engine", "recording", "--template",
         str(templates), "--out", str(tmp_path / "o")],
    )  # fmt: skip
    assert result.exit_code == 3, result.output
    assert f"{templates / name}: the template is not UTF-8 text" in result.output
    assert not (tmp_path / "o").exists()


def test_a_template_path_that_is_a_file(stand_ins, seed_path, tmp_path):
    (tmp_path / "tpl.html").write_text("x")
    result = runner.invoke(
        app,
        ["translate", str(seed_path), "--to", "ru", "--engine", "recording", "--template",
         str(tmp_path / "tpl.html"), "--out", str(tmp_path / "o")],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.output
