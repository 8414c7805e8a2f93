"""Translation memory in translate runs: reuse, human over MT, resume, the post-edit round trip."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import pytest
from lxml import etree
from typer.testing import CliRunner

from polyglot import engines
from polyglot.cli import app
from polyglot.engines.base import Engine, EngineInfo, EngineOptions
from polyglot.fileio import write_marker
from polyglot.formats.tmx import XML_LANG
from polyglot.model import Origin, TermStatus
from polyglot.pipeline import TranslateJob, read_document, translate_file
from polyglot.tm import open_memory
from polyglot.tm.exchange import import_tmx_file

runner = CliRunner()


class CountingEngine(Engine):
    """Tags text with the language and records every text it is asked to translate.

    ``fail_after`` chunks (or on ``fail_on`` language) it raises ``error`` instead:
    Ctrl-C or a crash in the middle of a run.
    """

    name: ClassVar[str] = "counting"
    model: ClassVar[str] = "counting 1.0"
    calls: ClassVar[list[tuple[str, list[str]]]] = []
    fail_after: ClassVar[int | None] = None
    fail_on: ClassVar[str | None] = None
    error: ClassVar[BaseException] = KeyboardInterrupt()

    def prepare(self, source: str, target: str) -> EngineInfo:
        return EngineInfo(self.name, CountingEngine.model, self.origin)

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        if len(CountingEngine.calls) == CountingEngine.fail_after or target == self.fail_on:
            raise CountingEngine.error
        CountingEngine.calls.append((target, list(texts)))
        return [f"[{target}] {text}" for text in texts]

    @classmethod
    def texts(cls, lang: str | None = None) -> list[str]:
        return [t for target, texts in cls.calls if lang in (None, target) for t in texts]


@pytest.fixture(autouse=True)
def stand_ins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(engines.ENGINES, "counting", f"{__name__}:CountingEngine")
    monkeypatch.setattr(CountingEngine, "calls", [])
    monkeypatch.setattr(CountingEngine, "model", "counting 1.0")


@pytest.fixture
def tm(tmp_path: Path) -> Path:
    return tmp_path / "memory.sqlite"


def sources(seed: Path) -> list[str]:
    return [seg.source for seg in read_document(seed).segments()]


def job(seed: Path, out: Path, tm: Path | None, **kw: Any) -> TranslateJob:
    return TranslateJob(source=seed, out_dir=out, tm=tm, **kw)


def test_second_run_takes_everything_from_the_memory(seed_path: Path, tm: Path, tmp_path: Path):
    first = translate_file(
        job(seed_path, tmp_path / "a", tm, targets=["kk", "ru"], engine="counting")
    )
    total = len(sources(seed_path))
    assert [(lr.from_memory, lr.from_engine) for lr in first.info.languages] == [(0, total)] * 2
    CountingEngine.calls.clear()
    second = translate_file(
        job(seed_path, tmp_path / "b", tm, targets=["kk", "ru"], engine="counting")
    )
    assert CountingEngine.calls == []
    assert [(lr.from_memory, lr.from_engine) for lr in second.info.languages] == [(total, 0)] * 2
    tr = second.document.segment("p1s1").translations["kk"]
    assert (tr.text, tr.origin, tr.engine, tr.model) == (
        "[kk] ASTANA. KAZINFORM",
        Origin.TM,
        "counting",
        "counting 1.0",
    )
    report = json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))
    assert report["languages"][0]["from_memory"] == total
    assert report["languages"][0]["from_engine"] == 0
    assert report["segments"][0]["translations"]["kk"]["origin"] == "tm"
    assert report["settings"]["translation_memory"] is True


def test_human_translation_wins_and_survives_a_model_upgrade(
    seed_path: Path, tm: Path, tmp_path: Path
):
    lead = sources(seed_path)[1]
    translate_file(job(seed_path, tmp_path / "a", tm, targets=["kk"], engine="counting"))
    with open_memory(tm) as memory, memory.transaction():
        memory.add_human("en", "kk", lead, "Адам аударған сөйлем.")
    CountingEngine.calls.clear()
    CountingEngine.model = "counting 2.0"  # a new model: earlier MT is not reused, human is
    result = translate_file(job(seed_path, tmp_path / "b", tm, targets=["kk"], engine="counting"))
    assert lead not in CountingEngine.texts()
    assert sorted(CountingEngine.texts()) == sorted(set(sources(seed_path)) - {lead})
    tr = result.document.segment("p1s2").translations["kk"]
    assert (tr.text, tr.origin) == ("Адам аударған сөйлем.", Origin.HUMAN)
    [lr] = result.info.languages
    assert (lr.from_memory, lr.from_engine) == (1, len(sources(seed_path)) - 1)
    with open_memory(tm) as memory:  # the new MT did not touch the human unit
        units = [u for u in memory.units(best_only=False) if u.source == lead]
    assert sorted((u.origin, u.model, u.target) for u in units) == [
        (Origin.HUMAN, None, "Адам аударған сөйлем."),
        (Origin.MT, "counting 1.0", f"[kk] {lead}"),
    ]


def test_a_changed_sentence_is_the_only_one_translated(seed_path: Path, tm: Path, tmp_path: Path):
    translate_file(job(seed_path, tmp_path / "a", tm, targets=["kk", "ru"], engine="counting"))
    text = seed_path.read_text(encoding="utf-8")
    old = "The sides discussed expanding and deepening the space cooperation"
    new = "The sides discussed widening and deepening the space cooperation"
    assert old in text
    updated = tmp_path / "updated.txt"
    updated.write_text(text.replace(old, new), encoding="utf-8")
    changed = next(s for s in sources(updated) if new in s)
    CountingEngine.calls.clear()
    result = translate_file(
        job(updated, tmp_path / "b", tm, targets=["kk", "ru"], engine="counting")
    )
    assert CountingEngine.calls == [("kk", [changed]), ("ru", [changed])]
    total = len(sources(updated))
    assert [(lr.from_memory, lr.from_engine) for lr in result.info.languages] == [
        (total - 1, 1)
    ] * 2


def test_no_tm_neither_reads_nor_writes(seed_path: Path, tmp_path: Path, isolated_home: Path):
    for out in ("a", "b"):
        result = runner.invoke(
            app,
            ["translate", str(seed_path), "--to", "kk", "--engine", "counting", "--no-tm",
             "--out", str(tmp_path / out)],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    assert len(CountingEngine.texts()) == 2 * len(set(sources(seed_path)))
    assert not (isolated_home / ".local/share/polyglot").exists()


def test_default_memory_and_cli_summary(seed_path: Path, tmp_path: Path, isolated_home: Path):
    args = ["translate", str(seed_path), "--to", "kk", "--engine", "counting"]
    assert runner.invoke(app, [*args, "--out", str(tmp_path / "a")]).exit_code == 0
    assert (isolated_home / ".local/share/polyglot/memory.sqlite").exists()
    result = runner.invoke(app, [*args, "--out", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    total = len(sources(seed_path))
    assert f"{total} from the translation memory (0 human), 0 from the engine" in result.output


def test_pseudo_localisation_stays_out_of_the_memory(seed_path: Path, tm: Path, tmp_path: Path):
    result = runner.invoke(
        app,
        ["translate", str(seed_path), "--to", "kk", "--engine", "pseudo", "--tm", str(tm),
         "--out", str(tmp_path / "o")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert not tm.exists()


@pytest.mark.parametrize("error", [KeyboardInterrupt(), RuntimeError("engine crashed")])
def test_an_interrupted_run_keeps_finished_chunks_and_resumes(
    error: BaseException, seed_path: Path, tm: Path, tmp_path: Path, monkeypatch
):
    monkeypatch.setattr(CountingEngine, "error", error)
    monkeypatch.setattr(CountingEngine, "fail_after", 1)
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.json").write_text('{"previous": true}')
    write_marker(out)
    options = EngineOptions(chunk_size=4)
    with pytest.raises(type(error)):
        translate_file(
            job(seed_path, out, tm, targets=["kk"], engine="counting", engine_options=options)
        )
    assert json.loads((out / "report.json").read_text()) == {"previous": True}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memory.sqlite", "out"]
    done = CountingEngine.texts()
    assert len(done) == 4
    with open_memory(tm) as memory:
        stored = {u.source for u in memory.units()}
    assert stored == set(done)

    CountingEngine.calls.clear()
    monkeypatch.setattr(CountingEngine, "fail_after", None)
    result = translate_file(
        job(seed_path, out, tm, targets=["kk"], engine="counting", engine_options=options)
    )
    unique = list(dict.fromkeys(sources(seed_path)))
    assert CountingEngine.texts() == [s for s in unique if s not in done]
    [lr] = result.info.languages
    assert (lr.from_memory, lr.from_engine) == (4, len(sources(seed_path)) - 4)
    assert "previous" not in (out / "report.json").read_text()


def test_ctrl_c_in_the_cli_resumes_with_the_finished_languages(
    seed_path: Path, tm: Path, tmp_path: Path, monkeypatch
):
    monkeypatch.setattr(CountingEngine, "fail_on", "ru")
    out = tmp_path / "out"
    args = ["translate", str(seed_path), "--to", "kk,ru", "--tm", str(tm), "--out", str(out)]
    result = runner.invoke(app, [*args, "--engine", "counting"])
    assert result.exit_code == 130
    assert "run the same command again to continue" in result.output
    assert not out.exists()
    CountingEngine.calls.clear()
    monkeypatch.setattr(CountingEngine, "fail_on", None)
    result = runner.invoke(app, [*args, "--engine", "counting"])
    assert result.exit_code == 0, result.output
    assert {lang for lang, _ in CountingEngine.calls} == {"ru"}
    total = len(sources(seed_path))
    assert f"kk: {total} segments" in result.output
    assert f"{total} from the translation memory (0 human), 0 from the engine" in result.output


# --------------------------------------------------------------------------- round trip


def edit_as_cat_tool(data: bytes, lang: str, tool: str, edits: dict[str, str]) -> bytes:
    """Post-edit polyglot's TMX the way a CAT tool writes it back: its own header,
    its language tag spellings, its attributes, and new text for some units (whose
    provenance props the tool does not keep)."""
    spelling = {
        "omegat": {"en": "EN-US", "kk": "KK-KZ", "ru": "RU-RU"},
        "trados": {"en": "en-US", "kk": "kk-KZ", "ru": "ru-RU"},
        "memoq": {"en": "en-us", "kk": "kk-kz", "ru": "ru"},
    }[tool]
    root = etree.fromstring(data)
    header = root.find("header")
    assert header is not None
    header.attrib.clear()
    header.attrib.update(
        {
            "creationtool": {"omegat": "OmegaT", "trados": "SDL Language Platform",
                             "memoq": "memoQ"}[tool],
            "creationtoolversion": "1.0",
            "segtype": "sentence",
            "o-tmf": f"{tool} TMX",
            "adminlang": spelling["en"],
            "srclang": spelling["en"],
            "datatype": "plaintext",
        }
    )  # fmt: skip
    for child in list(header):
        header.remove(child)
    etree.SubElement(header, "prop", type="x-project").text = "news"
    for tu in root.iter("tu"):
        for tuv in tu.findall("tuv"):
            code = tuv.attrib.pop(XML_LANG)
            tuv.set(XML_LANG, spelling[code])
            seg = tuv.find("seg")
            assert seg is not None
            if code == lang and tu.get("tuid") in edits:
                seg.text = edits[tu.get("tuid") or ""]
                for child in tuv.findall("prop"):
                    tuv.remove(child)
                tuv.set("changeid", "translator")
                tuv.set("changedate", "20240501T120000Z")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_post_edit_round_trip_with_the_copy_model(
    seed_path: Path, tm: Path, tmp_path: Path, test_packages_dir: Path, monkeypatch
):
    from polyglot.engines.argos import ArgosEngine

    seen: list[tuple[str, list[str]]] = []
    original = ArgosEngine.translate_batch

    def counted(self: ArgosEngine, texts: Sequence[str], source: str, target: str) -> list[str]:
        seen.append((target, list(texts)))
        return original(self, texts, source, target)

    monkeypatch.setattr(ArgosEngine, "translate_batch", counted)
    common = ["--to", "kk,ru", "--models-dir", str(test_packages_dir), "--tm", str(tm)]
    stem = seed_path.stem

    # 1. Machine translation, exported as TMX per pair.
    out1 = tmp_path / "out1"
    result = runner.invoke(app, ["translate", str(seed_path), *common, "--out", str(out1)])
    assert result.exit_code == 0, result.output
    total = len(sources(seed_path))
    assert sum(len(texts) for _, texts in seen) == 2 * len(set(sources(seed_path)))

    # 2. Translators post-edit one sentence each, in OmegaT (kk) and Trados (ru).
    kk_text = "Тараптар ғарыш саласындағы ынтымақтастықты кеңейту мәселелерін талқылады."
    ru_text = "Стороны обсудили расширение и углубление космического сотрудничества."
    edited = {"kk": ("omegat", kk_text), "ru": ("trados", ru_text)}
    doc = read_document(seed_path)
    target_id = next(s.id for s in doc.segments() if s.source.startswith("The sides discussed"))
    for lang, (tool, text) in edited.items():
        data = (out1 / f"{stem}.en-{lang}.tmx").read_bytes()
        back = tmp_path / f"{tool}-{lang}.tmx"
        back.write_bytes(edit_as_cat_tool(data, lang, tool, {target_id: text}))
        result = runner.invoke(app, ["tm", "import", str(back), "--tm", str(tm)])
        assert result.exit_code == 0, result.output
        assert "1 added" in result.output
        assert f"{total - 1} unedited machine translations left as MT" in result.output

    # 3. The same article again: the edited text appears, nothing goes to the engine.
    seen.clear()
    out2 = tmp_path / "out2"
    result = runner.invoke(app, ["translate", str(seed_path), *common, "--out", str(out2)])
    assert result.exit_code == 0, result.output
    assert seen == []
    assert f"{total} from the translation memory (1 human), 0 from the engine" in result.output
    report = json.loads((out2 / "report.json").read_text(encoding="utf-8"))
    assert [(lr["from_memory"], lr["from_engine"]) for lr in report["languages"]] == [
        (total, 0)
    ] * 2
    for lang, (_tool, text) in edited.items():
        assert text in (out2 / f"{stem}.{lang}.txt").read_text(encoding="utf-8")
        seg = next(s for s in report["segments"] if s["id"] == target_id)
        assert seg["translations"][lang]["origin"] == "human"
        tmx = etree.fromstring((out2 / f"{stem}.en-{lang}.tmx").read_bytes())
        [tu] = [tu for tu in tmx.iter("tu") if tu.get("tuid") == target_id]
        tuv = tu.findall("tuv")[1]
        assert tuv.findtext("seg") == text
        assert [p.text for p in tuv.findall("prop[@type='x-origin']")] == ["human"]

    # 4. One sentence of the article changes: only that sentence goes to the engine.
    updated = tmp_path / f"{stem}.txt"
    old = "successfully operating"
    assert old in seed_path.read_text(encoding="utf-8")
    updated.write_text(
        seed_path.read_text(encoding="utf-8").replace(old, "operating well"), encoding="utf-8"
    )
    changed = next(s for s in sources(updated) if "operating well" in s)
    seen.clear()
    out3 = tmp_path / "out3"
    result = runner.invoke(app, ["translate", str(updated), *common, "--out", str(out3)])
    assert result.exit_code == 0, result.output
    assert seen == [("kk", [changed]), ("ru", [changed])]
    assert kk_text in (out3 / f"{stem}.kk.txt").read_text(encoding="utf-8")
    assert changed in (out3 / f"{stem}.kk.txt").read_text(encoding="utf-8")  # a copy model


def test_a_broken_memory_stops_the_run_before_any_output(seed_path: Path, tmp_path: Path):
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database at all" * 50)
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["translate", str(seed_path), "--to", "kk", "--engine", "counting", "--tm", str(broken),
         "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 3
    assert f"{broken}: not a usable translation memory" in result.output
    assert "choose another file with --tm" in result.output
    assert not out.exists()
    assert CountingEngine.calls == []
    assert broken.read_bytes() == b"not a database at all" * 50


def test_with_the_glossary_the_memory_keeps_the_final_text_and_human_text_is_untouched(
    seed_path: Path, tm: Path, tmp_path: Path, test_packages_dir: Path, monkeypatch
):
    from polyglot.engines.argos import ArgosEngine

    calls: list[list[str]] = []
    original = ArgosEngine.translate_batch

    def counted(self: ArgosEngine, texts: Sequence[str], source: str, target: str) -> list[str]:
        calls.append(list(texts))
        return original(self, texts, source, target)

    monkeypatch.setattr(ArgosEngine, "translate_batch", counted)
    glossary = Path(__file__).resolve().parent.parent / "glossary.csv"
    options = EngineOptions(models_dir=test_packages_dir)

    def run(out: str) -> Any:
        return translate_file(
            job(seed_path, tmp_path / out, tm, targets=["kk"], engine_options=options,
                glossary=glossary)
        )  # fmt: skip

    first = run("a")
    fixed = {
        s.source: s.translations["kk"].text
        for s in first.document.segments()
        if s.translations["kk"].origin is Origin.MT
    }
    fixed_terms = [
        t for seg in first.document.segments() for t in seg.translations["kk"].terms
        if seg.translations["kk"].origin is Origin.MT and t.status is TermStatus.FIXED
    ]  # fmt: skip
    assert fixed_terms  # the copy model keeps English names: the glossary fixed them
    assert first.info.languages[0].from_glossary == 1  # the dateline

    # polyglot's own TMX back unedited: all of it, the dateline too, stays machine-made
    tmx = tmp_path / "a" / f"{seed_path.stem}.en-kk.tmx"
    imported = import_tmx_file(tmx, tm)
    assert imported.unchanged_machine == len(sources(seed_path))
    assert imported.outcomes == {}

    lead = first.document.segment("p1s2").source
    with open_memory(tm) as memory:
        stored = memory.lookup(
            "en", "kk", fixed, engine="argos", model=first.info.languages[0].model
        )
        assert {k: u.target for k, u in stored.items()} == fixed  # glossary-fixed, not raw MT
        with memory.transaction():
            memory.add_human("en", "kk", lead, "Қолмен аударылған сөйлем.")
    calls.clear()
    second = run("b")
    assert calls == []
    tr = second.document.segment("p1s2").translations["kk"]
    assert (tr.text, tr.origin) == ("Қолмен аударылған сөйлем.", Origin.HUMAN)
    assert tr.terms and all(t.status is not TermStatus.FIXED for t in tr.terms)  # checked only


def test_human_translated_pages_carry_no_machine_translation_notice(
    seed_path: Path, tm: Path, tmp_path: Path
):
    segments = list(read_document(seed_path).segments())
    with open_memory(tm) as memory, memory.transaction():
        for seg in segments:
            memory.add_human("en", "kk", seg.source, f"Адам аудармасы: {seg.id}.")
    result = translate_file(
        job(seed_path, tmp_path / "o", tm, targets=["kk", "ru"], engine="counting")
    )
    assert CountingEngine.texts("kk") == []
    pages = {
        lang: (tmp_path / "o" / f"{lang}.html").read_text(encoding="utf-8") for lang in ("kk", "ru")
    }
    kk, ru = (etree.HTML(pages[lang]) for lang in ("kk", "ru"))
    assert kk.xpath("//*[contains(@class, 'notice-machine')]") == []
    assert ru.xpath("//*[contains(@class, 'notice-machine')]") != []
    spans = kk.xpath("//span[@data-seg]")
    assert [(s.get("data-seg"), s.get("data-origin"), s.text) for s in spans] == [
        (seg.id, "human", f"Адам аудармасы: {seg.id}.") for seg in segments
    ]
    assert {s.get("data-origin") for s in ru.xpath("//span[@data-seg]")} == {"mt"}
    assert [lr.from_memory for lr in result.info.languages] == [len(segments), 0]


# --------------------------------------------------------------------------- read-only memory


def _read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The memory's file or disk cannot be written (root ignores file modes, so the
    check polyglot makes is what is made to fail)."""
    import os

    from polyglot.tm import store

    real = os.access
    monkeypatch.setattr(
        store.os, "access", lambda path, mode: False if mode & os.W_OK else real(path, mode)
    )


def test_a_read_only_memory_is_reused_but_not_written(
    seed_path: Path, tm: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    translate_file(job(seed_path, tmp_path / "a", tm, targets=["kk"], engine="counting"))
    CountingEngine.model = "counting 2.0"  # the stored MT is not reused: the new is not stored
    with open_memory(tm) as memory, memory.transaction():
        memory.add_human("en", "kk", sources(seed_path)[1], "Адам аударды.")
    before = tm.read_bytes()  # the last connection closed: everything is in this file
    _read_only(monkeypatch)
    second = translate_file(job(seed_path, tmp_path / "b", tm, targets=["kk"], engine="counting"))
    assert second.info.languages[0].from_memory == 1  # the human translation
    assert any("cannot be written here" in w for w in second.info.warnings)
    assert tm.read_bytes() == before
    assert not Path(f"{tm}-wal").exists() or Path(f"{tm}-wal").stat().st_size == 0
    for command in (["tm", "stats"], ["tm", "export", str(tmp_path / "x.tmx")]):
        result = runner.invoke(app, [*command, "--tm", str(tm)])
        assert result.exit_code == 0, result.output
    assert tm.read_bytes() == before
    result = runner.invoke(app, ["tm", "import", str(tmp_path / "x.tmx"), "--tm", str(tm)])
    assert result.exit_code != 0  # importing needs to write: refused, not half-done


# --------------------------------------------------------------------------- a busy memory


def _hold_write_lock(tm: Path) -> Any:
    """Another run (a tm import) in the middle of a write transaction on ``tm``."""
    import sqlite3

    other = sqlite3.connect(tm, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_translate_keeps_its_results_while_another_run_holds_the_memory(
    seed_path: Path, tm: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The fault: 'database is locked' after 10 s, exit 5, the run's work lost."""
    from polyglot.tm import store

    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr(store, "FINAL_WAIT_MS", 50)
    with open_memory(tm):
        pass
    other = _hold_write_lock(tm)
    try:
        result = translate_file(
            job(seed_path, tmp_path / "a", tm, targets=["kk"], engine="counting")
        )
    finally:
        other.rollback()
        other.close()
    total = len(sources(seed_path))
    assert result.info.languages[0].from_engine == total
    assert any("were not stored" in w for w in result.info.warnings)
    assert (tmp_path / "a" / f"{seed_path.stem}.kk.txt").exists()  # the outputs are complete
    second = translate_file(job(seed_path, tmp_path / "b", tm, targets=["kk"], engine="counting"))
    assert second.info.languages[0].from_memory == 0  # nothing was half-stored


def test_results_kept_while_busy_are_stored_when_the_memory_is_free(
    seed_path: Path, tm: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from polyglot.tm import store

    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 50)
    with open_memory(tm):
        pass
    other = _hold_write_lock(tm)
    real_finish = store.TranslationMemory.finish
    released: list[bool] = []

    def finish(self):  # type: ignore[no-untyped-def]
        if not released:
            other.rollback()  # the import's transaction ends before the run does
            released.append(True)
        return real_finish(self)

    monkeypatch.setattr(store.TranslationMemory, "finish", finish)
    try:
        translate_file(
            job(
                seed_path,
                tmp_path / "a",
                tm,
                targets=["kk"],
                engine="counting",
                engine_options=EngineOptions(chunk_size=4),
            )
        )
    finally:
        other.close()
    total = len(sources(seed_path))
    second = translate_file(job(seed_path, tmp_path / "b", tm, targets=["kk"], engine="counting"))
    assert second.info.languages[0].from_memory == total
