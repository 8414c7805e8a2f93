"""Corpus runs: many articles, batched across articles, incremental, a bad one isolated."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from polyglot import engines
from polyglot.cli import app
from polyglot.corpus import CorpusJob, find_articles, translate_corpus
from polyglot.engines import EngineOptions
from polyglot.engines.base import Engine, EngineInfo
from polyglot.errors import InputError, UsageError
from polyglot.fileio import OUTPUT_MARKER
from polyglot.formats.run_report import ArticleStatus, read_run_report
from polyglot.pipeline import TranslateJob, translate_file

CLOCK = dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC)


class CountingEngine(Engine):
    """A stand-in engine that records every batch; ``fail_after`` batches it raises
    ``error`` (a crash or Ctrl-C in the middle of a run)."""

    name: ClassVar[str] = "counting"
    calls: ClassVar[list[tuple[str, list[str]]]] = []
    prepared: ClassVar[int] = 0
    fail_after: ClassVar[int | None] = None
    error: ClassVar[BaseException] = KeyboardInterrupt()

    def prepare(self, source: str, target: str) -> EngineInfo:
        CountingEngine.prepared += 1
        return EngineInfo(self.name, "counting 1.0", self.origin)

    def identify(self, source: str, target: str) -> EngineInfo:
        return EngineInfo(self.name, "counting 1.0", self.origin)

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        if len(CountingEngine.calls) == CountingEngine.fail_after:
            raise CountingEngine.error
        CountingEngine.calls.append((target, list(texts)))
        return [f"[{target}] {text}" for text in texts]


@pytest.fixture(autouse=True)
def stand_ins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(engines.ENGINES, "counting", f"{__name__}:CountingEngine")
    monkeypatch.setattr(CountingEngine, "calls", [])
    monkeypatch.setattr(CountingEngine, "prepared", 0)
    monkeypatch.setattr(CountingEngine, "fail_after", None)


@pytest.fixture
def corpus(tmp_path: Path, seed_path: Path) -> Path:
    """Four articles in nested folders; two share most sentences, all share the dateline."""
    root = tmp_path / "corpus"
    text = seed_path.read_text("utf-8")
    (root / "2017" / "09").mkdir(parents=True)
    (root / "2017" / "09" / "astana.txt").write_text(text, "utf-8")
    (root / "2017" / "09" / "almaty.txt").write_text(text.replace("Astana", "Almaty"), "utf-8")
    (root / "2017" / "short.txt").write_text(
        " date 2017-09-12\n\nASTANA. KAZINFORM The summit opened today. Leaders met.\n", "utf-8"
    )
    (root / "notes.md").write_text("not an article", "utf-8")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.txt").write_text("hidden", "utf-8")
    (root / "z.txt").write_text(" date 2017-09-13\n\nA last story. It is short.\n", "utf-8")
    return root


def job(
    paths: list[Path],
    out: Path,
    *,
    engine: str = "counting",
    targets: list[str] | None = None,
    tm: Path | None = None,
    models_dir: Path | None = None,
    redo: bool = False,
    force: bool = False,
    chunk_segments: int = 2000,
    device: str = "cpu",
    **corpus: object,
) -> CorpusJob:
    article = TranslateJob(
        source=paths[0],
        targets=targets or ["kk", "ru"],
        engine=engine,
        engine_options=EngineOptions(models_dir=models_dir, device=device),
        tm=tm,
        use_tm=tm is not None,
        use_glossary=False,
        now=lambda: CLOCK,
        redo=redo,
        force=force,
    )
    return CorpusJob(
        paths=paths, out_dir=out, article=article, chunk_segments=chunk_segments, **corpus
    )  # type: ignore[arg-type]


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def statuses(out: Path) -> dict[str, str]:
    """Each article's status in the run's report.json, in the order found."""
    with open(out / "report.json", encoding="utf-8") as fp:
        _run, articles = read_run_report(fp)
    return {a.out: a.status for a in articles}


def without_timings(report: bytes) -> dict[str, object]:
    data = json.loads(report)
    for lr in data["languages"]:
        lr.pop("seconds")
    return data


# --- finding articles -------------------------------------------------------------------


def test_articles_are_found_recursively_in_sorted_order(corpus: Path) -> None:
    found = find_articles([corpus])
    assert [a.rel for a in found] == ["2017/09/almaty", "2017/09/astana", "2017/short", "z"]
    single = find_articles([corpus / "z.txt", corpus / "2017"])
    assert [a.rel for a in single] == ["z", "09/almaty", "09/astana", "short"]


def test_articles_are_found_in_the_order_of_their_sorted_paths(tmp_path: Path) -> None:
    """Folder by folder (one listing in memory at a time), yet in the order of sorting the
    whole list of paths: "a/b.txt" before "a-c.txt" ("a" < "a-c.txt")."""
    root = tmp_path / "c"
    for name in ("a/b.txt", "a-c.txt", "a/z/y.txt", "a/b-c.txt", "B.txt", "a.txt", "é.txt"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", "utf-8")
    (root / "a" / "z" / "skip.md").write_text("x", "utf-8")
    (root / "link.txt").symlink_to(root / "a", target_is_directory=True)  # a folder: skipped
    expected = sorted(p for p in root.rglob("*.txt") if p.is_file())
    assert [a.path for a in find_articles([root])] == expected


def test_finding_articles_names_what_is_wrong(tmp_path: Path, corpus: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        find_articles([tmp_path / "missing"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"no articles \(\*\.txt files\)"):
        find_articles([tmp_path / "empty"])
    with pytest.raises(UsageError, match="would both be written to z/"):
        find_articles([corpus, corpus / "z.txt"])


def test_a_run_refuses_two_articles_for_one_folder_before_any_work(
    tmp_path: Path, corpus: Path
) -> None:
    with pytest.raises(UsageError, match="would both be written to z/"):
        translate_corpus(job([corpus, corpus / "z.txt"], tmp_path / "site"))
    assert CountingEngine.calls == [] and not (tmp_path / "site").exists()


def test_the_output_folder_inside_the_corpus_is_not_read_as_articles(corpus: Path) -> None:
    translate_corpus(job([corpus], corpus / "2017" / "site"))
    assert CountingEngine.prepared  # it ran
    assert [a.rel for a in find_articles([corpus], corpus / "2017" / "site")][-1] == "z"


# --- the layout -------------------------------------------------------------------------


def test_each_article_folder_holds_what_a_single_article_run_writes(
    tmp_path: Path, corpus: Path
) -> None:
    """Byte for byte (but for timings): each article's single run, with a new memory of
    its own, against one corpus run with a new memory (the articles share one unit, so
    none of them takes another's sentences from the memory, as none does alone)."""
    translate_corpus(job([corpus], tmp_path / "site", tm=tmp_path / "corpus.sqlite"))
    assert list(statuses(tmp_path / "site").values()) == [ArticleStatus.TRANSLATED] * 4
    for n, article in enumerate(find_articles([corpus])):
        single = tmp_path / "single" / article.rel
        translate_file(
            TranslateJob(
                source=article.path,
                targets=["kk", "ru"],
                out_dir=single,
                engine="counting",
                tm=tmp_path / f"single-{n}.sqlite",
                use_glossary=False,
                now=lambda: CLOCK,
            )
        )
        mine, theirs = files(tmp_path / "site" / article.rel), files(single)
        assert set(mine) == set(theirs)
        for name in theirs:
            if name == "report.json":
                assert without_timings(mine[name]) == without_timings(theirs[name])
            elif name == ".polyglot-state.json":  # the fingerprint names the memory file
                assert json.loads(mine[name])["site"] == json.loads(theirs[name])["site"]
            elif name != OUTPUT_MARKER:  # it lists the report's digest
                assert mine[name] == theirs[name], name


def test_with_the_glossary_and_the_real_engine_articles_match_single_runs(
    tmp_path: Path, corpus: Path, test_packages_dir: Path
) -> None:
    """The copy models through CTranslate2, the repository's glossary enforced (datelines
    rendered, terms fixed with placeholders): still what single runs write."""
    glossary = Path(__file__).resolve().parent.parent / "glossary.csv"

    def article_job(source: Path, out: Path | None, tm: Path) -> TranslateJob:
        return TranslateJob(
            source=source,
            targets=["kk", "ru", "fr"],
            out_dir=out,
            engine_options=EngineOptions(models_dir=test_packages_dir),
            tm=tm,
            glossary=glossary,
            now=lambda: CLOCK,
        )

    run = CorpusJob([corpus], tmp_path / "site", article_job(corpus, None, tmp_path / "c.sqlite"))
    result = translate_corpus(run)
    assert result.info.count(ArticleStatus.TRANSLATED) == 4
    for n, article in enumerate(find_articles([corpus])):
        single = tmp_path / "single" / article.rel
        translate_file(article_job(article.path, single, tmp_path / f"s-{n}.sqlite"))
        for name in (f"{article.path.stem}.{lang}.txt" for lang in ("kk", "ru", "fr")):
            mine = (tmp_path / "site" / article.rel / name).read_bytes()
            assert mine == (single / name).read_bytes(), name
        mine_report = without_timings(
            (tmp_path / "site" / article.rel / "report.json").read_bytes()
        )
        assert mine_report == without_timings((single / "report.json").read_bytes())


def test_the_site_is_written_at_the_root(tmp_path: Path, corpus: Path) -> None:
    result = translate_corpus(job([corpus], tmp_path / "site", site_title="Wire"))
    root = tmp_path / "site"
    for name in ("index.html", "sitemap.xml", "feed.en.xml", "feed.kk.xml", "feed.ru.xml"):
        assert (root / name).is_file(), name
        assert name in result.info.files
    index = (root / "index.html").read_text("utf-8")
    for rel in ("2017/09/almaty", "2017/09/astana", "2017/short", "z"):
        for lang in ("en", "kk", "ru"):
            assert f'href="{rel}/{lang}.html"' in index
            assert (root / rel / f"{lang}.html").is_file()
    feed = (root / "feed.kk.xml").read_text("utf-8")
    assert feed.count("<entry>") == 4
    report = json.loads((root / "report.json").read_text("utf-8"))
    assert report["totals"]["articles"] == 4 and report["totals"]["translated"] == 4
    assert [a["out"] for a in report["articles"]] == [
        "2017/09/almaty",
        "2017/09/astana",
        "2017/short",
        "z",
    ]
    assert all(a["segments"] > 0 for a in report["articles"])
    assert set(report["articles"][0]["languages"]) == {"kk", "ru"}


def test_the_index_is_paginated_and_the_feeds_hold_the_newest(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "site"
    result = translate_corpus(job([corpus], out, index_page_size=1, feed_entries=2))
    pages = ["index.html", "index-2.html", "index-3.html", "index-4.html"]
    assert [n for n in result.info.files if n.startswith("index")] == pages
    # newest first: z (09-13), short (09-12), then the two undated-or-older ones
    assert 'href="z/en.html"' in (out / "index.html").read_text("utf-8")
    assert 'href="index-2.html"' in (out / "index.html").read_text("utf-8")
    assert (out / "feed.kk.xml").read_text("utf-8").count("<entry>") == 2
    # a later run with bigger pages deletes the pages it no longer writes
    (out / "index-9.html").write_text("mine", "utf-8")  # not polyglot's: kept
    again = translate_corpus(job([corpus], out, index_page_size=3))
    assert [n for n in again.info.files if n.startswith("index")] == pages[:2]
    assert not (out / "index-3.html").exists() and not (out / "index-4.html").exists()
    assert (out / "index-9.html").read_text("utf-8") == "mine"
    assert (out / "feed.kk.xml").read_text("utf-8").count("<entry>") == 4
    listed = (out / ".polyglot-site").read_text("utf-8").splitlines()
    assert [line for line in listed if not line.startswith("#")] == again.info.files


@pytest.mark.parametrize("name", ["index-2.html", "feed.kk.xml", "report.json", "polyglot.css"])
def test_an_article_named_like_a_site_file_fails_alone(
    tmp_path: Path, corpus: Path, name: str
) -> None:
    # its folder would be a page of the site: "index-2.html/" beside the index's own pages
    (corpus / f"{name}.txt").write_text(" date 2017-09-14\n\nA story. It is short.\n", "utf-8")
    out = tmp_path / "site"
    result = translate_corpus(job([corpus], out, index_page_size=1))
    failed = {a.out: a.error for a in result.info.failed}
    assert set(failed) == {name} and "a file of the site at the root" in str(failed[name])
    assert result.info.count(ArticleStatus.TRANSLATED) == 4  # the others are written
    assert (out / "index.html").is_file() and not (out / name).is_dir()
    if name == "index-2.html":
        assert (out / name).is_file()  # the second index page, not an article's folder


def test_a_dropped_language_loses_its_feed(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "site"
    translate_corpus(job([corpus], out, targets=["kk", "ru"]))
    assert (out / "feed.ru.xml").is_file()
    translate_corpus(job([corpus], out, targets=["kk"]))
    assert not (out / "feed.ru.xml").exists() and (out / "feed.kk.xml").is_file()


# --- batching across articles -----------------------------------------------------------


def test_articles_are_translated_together_each_sentence_once(tmp_path: Path, corpus: Path) -> None:
    translate_corpus(job([corpus], tmp_path / "site"))
    by_lang = {
        lang: [t for target, texts in CountingEngine.calls if target == lang for t in texts]
        for lang in ("kk", "ru")
    }
    assert [target for target, _ in CountingEngine.calls] == ["kk", "ru"]  # one call each
    for texts in by_lang.values():
        assert len(texts) == len(set(texts))  # the shared sentences went once
        assert "ASTANA. KAZINFORM" in texts


def test_chunks_bound_what_is_held(tmp_path: Path, corpus: Path) -> None:
    translate_corpus(job([corpus], tmp_path / "site", chunk_segments=5))
    biggest_article = 30
    assert len(CountingEngine.calls) > 2  # several chunks per language
    assert all(len(texts) <= 5 + biggest_article for _, texts in CountingEngine.calls)


# --- incremental and resumable ----------------------------------------------------------


def test_an_unchanged_corpus_is_neither_translated_nor_written_again(
    tmp_path: Path, corpus: Path
) -> None:
    out = tmp_path / "site"
    translate_corpus(job([corpus], out))
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.parent != out}
    CountingEngine.calls.clear()
    CountingEngine.prepared = 0
    again = translate_corpus(job([corpus], out))
    assert again.info.count(ArticleStatus.UNCHANGED) == again.info.total == 4
    assert list(statuses(out).values()) == [ArticleStatus.UNCHANGED] * 4
    assert CountingEngine.calls == [] and CountingEngine.prepared == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.parent != out} == before
    # the site still lists every article
    assert (out / "feed.ru.xml").read_text("utf-8").count("<entry>") == 4


def test_an_unchanged_article_loses_what_a_killed_run_left_beside_it(
    tmp_path: Path, corpus: Path
) -> None:
    out = tmp_path / "site"
    translate_corpus(job([corpus], out))
    # a run killed after its swap: a spare copy and a stale lock beside an up-to-date folder
    folder = out / "2017" / "09"
    spare = folder / ".astana.k2j4x9q1.old"
    spare.mkdir()
    (spare / "en.html").write_text("old", "utf-8")
    (folder / ".astana.lock").write_text("999999999", "utf-8")  # no such process
    (folder / ".astanax").mkdir()  # not polyglot's: kept
    kept = (folder / "astana" / "ru.html").read_bytes()
    again = translate_corpus(job([corpus], out))
    assert again.info.count(ArticleStatus.UNCHANGED) == 4
    assert not spare.exists() and not (folder / ".astana.lock").exists()
    assert (folder / ".astanax").is_dir()
    assert (folder / "astana" / "ru.html").read_bytes() == kept


def test_the_model_is_not_loaded_when_nothing_changed(
    tmp_path: Path, corpus: Path, test_packages_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from polyglot.engines import argos

    out = tmp_path / "site"
    translate_corpus(job([corpus], out, engine="argos", models_dir=test_packages_dir))

    def no_loading(*args: object) -> None:
        raise AssertionError("a model was loaded")

    monkeypatch.setattr(argos, "_load_package", no_loading)
    again = translate_corpus(job([corpus], out, engine="argos", models_dir=test_packages_dir))
    assert again.info.count(ArticleStatus.UNCHANGED) == 4


def test_only_changed_articles_are_redone_and_force_redoes_all(
    tmp_path: Path, corpus: Path
) -> None:
    out = tmp_path / "site"
    translate_corpus(job([corpus], out))
    (corpus / "z.txt").write_text(" date 2017-09-13\n\nA new last story.\n", "utf-8")
    CountingEngine.calls.clear()
    translate_corpus(job([corpus], out))
    assert statuses(out) == {
        "2017/09/almaty": "unchanged",
        "2017/09/astana": "unchanged",
        "2017/short": "unchanged",
        "z": "translated",
    }
    assert {t for _, texts in CountingEngine.calls for t in texts} == {"A new last story."}
    assert (out / "z" / "z.kk.txt").read_text("utf-8") == "[kk] A new last story.\n"
    forced = translate_corpus(job([corpus], out, force=True))
    assert forced.info.count(ArticleStatus.TRANSLATED) == 4


def test_a_changed_setting_redoes_the_articles(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "site"
    translate_corpus(job([corpus], out))
    more = translate_corpus(job([corpus], out, targets=["kk", "ru", "fr"]))
    assert more.info.count(ArticleStatus.TRANSLATED) == 4
    assert (out / "z" / "z.fr.txt").is_file()


def test_a_killed_run_resumes_where_it_stopped(tmp_path: Path, corpus: Path) -> None:
    out = tmp_path / "site"
    CountingEngine.fail_after = 2  # the first chunk's two languages, then Ctrl-C
    with pytest.raises(KeyboardInterrupt):
        translate_corpus(job([corpus], out, chunk_segments=20))
    done = sorted(p.parent.relative_to(out).as_posix() for p in out.rglob(OUTPUT_MARKER))
    assert done and len(done) < 4  # the first chunk's articles are written
    CountingEngine.fail_after = None
    translate_corpus(job([corpus], out, chunk_segments=20))
    found = statuses(out)
    assert [rel for rel, status in found.items() if status == "unchanged"] == done
    assert all(status != "failed" for status in found.values())


# A corpus run SIGKILLed while writing the site's root: just before index page ``KILL_AT``,
# or inside the first feed's write (``KILL_AT=feed``).
KILLED_SITE_RUN = """
import os, signal, sys
import polyglot.formats.site_pages as pages
render, feed = pages.render_site_index, pages.write_feed
def killing(*args, **kwargs):
    if str(kwargs["page"].number) == os.environ["KILL_AT"]:
        os.kill(os.getpid(), signal.SIGKILL)
    return render(*args, **kwargs)
def killing_feed(fp, *args):  # half-way through writing a feed's temporary file
    fp.write(b"<?xml")
    fp.flush()
    os.kill(os.getpid(), signal.SIGKILL)
pages.render_site_index = killing
if os.environ["KILL_AT"] == "feed":
    pages.write_feed = killing_feed
from polyglot.cli import main
sys.argv = ["polyglot", *sys.argv[1:]]
main()
"""


def test_pages_a_killed_run_wrote_are_tidied_by_the_next_but_not_the_users(
    tmp_path: Path, corpus: Path
) -> None:
    import os
    import subprocess
    import sys

    out = tmp_path / "site"
    args = ["translate", str(corpus), "--to", "ru", "--engine", "pseudo", "--out", str(out)]
    run = CliRunner().invoke(app, [*args, "--index-page-size", "2"])
    assert run.exit_code == 0, run.output
    assert (out / "index-2.html").is_file() and not (out / "index-3.html").exists()
    (out / "index-99.html").write_text("mine", "utf-8")  # the user's: never polyglot's
    (out / "index-98.html").write_text("mine too", "utf-8")
    # one page an article, killed before the fourth: index-3.html is new and written
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_SITE_RUN, *args, "--index-page-size", "1"],
        capture_output=True,
        text=True,
        env={**os.environ, "KILL_AT": "4"},
        timeout=300,
        check=False,
    )
    assert killed.returncode == -9, killed.stderr
    assert (out / "index-3.html").is_file()  # linked from nowhere once pages are bigger
    again = CliRunner().invoke(app, [*args, "--index-page-size", "2"])
    assert again.exit_code == 0, again.output
    assert not (out / "index-3.html").exists()
    assert (out / "index-99.html").read_text("utf-8") == "mine"
    assert (out / "index-98.html").read_text("utf-8") == "mine too"
    listed = (out / ".polyglot-site").read_text("utf-8").splitlines()
    assert "index-3.html" not in listed and "index-99.html" not in listed
    assert "index-2.html" in listed


def test_a_half_written_file_of_a_killed_run_is_tidied_but_not_the_users(
    tmp_path: Path, corpus: Path
) -> None:
    import os
    import subprocess
    import sys

    out = tmp_path / "site"
    args = ["translate", str(corpus), "--to", "ru", "--engine", "pseudo", "--out", str(out)]
    assert CliRunner().invoke(app, args).exit_code == 0
    mine = [".feed.ru.xml.notes", ".index.html.k2j4x9q1.tmp.txt", ".mine.k2j4x9q1.tmp"]
    # named like a temporary file of a site file, but not one of atomic_write's
    mine += [".index.html.old.tmp", ".report.json.draft.tmp", ".sitemap.xml.k2j4x9q1.tmp"]
    for name in mine:
        (out / name).write_text("mine", "utf-8")
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_SITE_RUN, *args, "--redo"],
        capture_output=True,
        text=True,
        env={**os.environ, "KILL_AT": "feed"},
        timeout=300,
        check=False,
    )
    assert killed.returncode == -9, killed.stderr
    (half,) = [p.name for p in out.iterdir() if p.name.startswith(".feed.en.xml.")]
    assert (out / half).read_bytes() == b"<?xml"  # atomic_write's temporary file
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0, again.output
    assert not (out / half).exists()
    assert all((out / name).read_text("utf-8") == "mine" for name in mine)


@pytest.mark.parametrize("name", ["index-3.html", "sitemap-1.xml"])
def test_cli_a_root_file_of_the_users_the_site_would_write_is_refused_before_any_work(
    tmp_path: Path, corpus: Path, name: str
) -> None:
    # index-3.html: the site grows to a third index page; sitemap-1.xml: every run writes
    # it first (then renames it sitemap.xml): both were silently overwritten.
    out = tmp_path / "site"
    args = ["translate", str(corpus), "--to", "ru", "--engine", "pseudo", "--out", str(out)]
    assert CliRunner().invoke(app, [*args, "--index-page-size", "2"]).exit_code == 0
    assert not (out / name).exists()
    (out / name).write_bytes(b"<p>mine</p>\r\n")
    (corpus / "new.txt").write_text(" date 2017-09-14\n\nA new story. It is short.\n", "utf-8")
    before = files(out)
    refused = CliRunner().invoke(app, [*args, "--index-page-size", "2"])
    assert refused.exit_code == 5, refused.output
    assert name in refused.output and "--force" in refused.output
    assert "Traceback" not in refused.output
    assert files(out) == before  # nothing written: no article (new/), no page, no marker
    forced = CliRunner().invoke(app, [*args, "--index-page-size", "2", "--force"])
    assert forced.exit_code == 0, forced.output
    assert (out / "new").is_dir()
    if name == "index-3.html":  # five articles, two a page: the site's third page now
        assert 'href="index-2.html"' in (out / name).read_text("utf-8")
    else:  # written, renamed sitemap.xml, and so gone
        assert not (out / name).exists()
        assert b"<urlset" in (out / "sitemap.xml").read_bytes()


# A corpus run whose sitemap is split at 3 URLs a file (one article of two languages each).
SPLIT_SITEMAP_RUN = """
import sys
import polyglot.formats.site_pages as pages
write = pages.write_sitemaps
pages.write_sitemaps = lambda *args, **kwargs: write(*args, **{**kwargs, "max_urls": 3})
from polyglot.cli import main
sys.argv = ["polyglot", *sys.argv[1:]]
main()
"""


def test_a_sitemap_part_the_site_grows_into_is_refused_when_it_is_the_users(
    tmp_path: Path, corpus: Path
) -> None:
    # How many parts a sitemap has is known only as it is written: the refusal comes then,
    # before the file is created, in a real process (no traceback, even at exit).
    import subprocess
    import sys

    out = tmp_path / "site"
    args = ["translate", str(corpus), "--to", "ru", "--engine", "pseudo", "--out", str(out)]
    assert CliRunner().invoke(app, args).exit_code == 0
    assert not (out / "sitemap-2.xml").exists()
    (out / "sitemap-2.xml").write_bytes(b"<urlset>mine</urlset>")

    def split(*more: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", SPLIT_SITEMAP_RUN, *args, *more],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    refused = split()
    assert refused.returncode == 5, refused.stdout + refused.stderr
    assert "sitemap-2.xml" in refused.stderr and "--force" in refused.stderr
    assert "Traceback" not in refused.stderr and "Exception ignored" not in refused.stderr
    assert (out / "sitemap-2.xml").read_bytes() == b"<urlset>mine</urlset>"
    forced = split("--force")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert b"<loc>" in (out / "sitemap-2.xml").read_bytes()  # the site's second part
    assert b"sitemap-4.xml" in (out / "sitemap.xml").read_bytes()  # now an index of parts
    # the site's own files: rewritten, and the parts a smaller sitemap no longer has tidied
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0, again.output
    assert not any(out.glob("sitemap-*.xml")) and b"<urlset" in (out / "sitemap.xml").read_bytes()


def test_a_site_of_the_first_marker_keeps_its_files_but_the_users_index_page_is_refused(
    tmp_path: Path, corpus: Path
) -> None:
    # The first corpus runs wrote a marker listing no files (and no index-N.html): the
    # root files those runs wrote are taken as polyglot's; any other is the user's.
    out = tmp_path / "site"
    args = ["translate", str(corpus), "--to", "ru", "--engine", "pseudo", "--out", str(out)]
    assert CliRunner().invoke(app, args).exit_code == 0
    (out / ".polyglot-site").write_text(
        "Written by polyglot: a multilingual site.  Each article's folder and the files at\n"
        "this level (index.html, sitemap.xml, feed.*.xml, report.json) are replaced by the next\n"
        "run into this folder.\n",
        "utf-8",
    )
    (out / "index-2.html").write_text("mine", "utf-8")
    refused = CliRunner().invoke(app, [*args, "--index-page-size", "2"])
    assert refused.exit_code == 5, refused.output
    assert "(index-2.html)" in refused.output and "Traceback" not in refused.output
    assert (out / "index-2.html").read_text("utf-8") == "mine"
    (out / "index-2.html").rename(tmp_path / "index-2.html")
    (out / "feed.kk.xml").write_text("an old run's", "utf-8")  # a language since dropped
    again = CliRunner().invoke(app, [*args, "--index-page-size", "2"])
    assert again.exit_code == 0, again.output
    assert 'href="index-2.html"' in (out / "index.html").read_text("utf-8")
    assert not (out / "feed.kk.xml").exists()  # the first marker's: tidied
    listed = (out / ".polyglot-site").read_text("utf-8").splitlines()
    assert {"index.html", "index-2.html", "report.json", "feed.ru.xml"} <= set(listed)


# --- a bad article ----------------------------------------------------------------------


def test_a_bad_article_is_reported_and_the_others_are_written(tmp_path: Path, corpus: Path) -> None:
    (corpus / "2017" / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    out = tmp_path / "site"
    result = translate_corpus(job([corpus], out))
    found = statuses(out)
    assert found.pop("2017/broken") == "failed"
    assert set(found.values()) == {"translated"}
    (failed,) = result.info.failed
    assert failed.source.endswith("broken.txt") and "binary" in (failed.error or "")
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["totals"]["failed"] == 1
    bad = next(a for a in report["articles"] if a["status"] == "failed")
    assert "binary" in bad["error"]
    assert not (out / "2017" / "broken").exists()
    assert "2017/broken/" not in (out / "index.html").read_text("utf-8")


def test_an_article_folder_holding_the_users_files_is_not_replaced(
    tmp_path: Path, corpus: Path
) -> None:
    out = tmp_path / "site"
    (out / "z").mkdir(parents=True)
    (out / ".polyglot-site").write_text("", "utf-8")
    (out / "z" / "mine.txt").write_text("mine", "utf-8")
    result = translate_corpus(job([corpus], out))
    assert statuses(out)["z"] == "failed"
    assert (out / "z" / "mine.txt").read_text("utf-8") == "mine"
    assert result.info.count(ArticleStatus.TRANSLATED) == 3


def test_a_folder_of_the_users_is_refused_as_the_site(tmp_path: Path, corpus: Path) -> None:
    from polyglot.errors import OutputError

    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(OutputError, match="did not write"):
        translate_corpus(job([corpus], out))
    assert CountingEngine.calls == []


# --- the command ------------------------------------------------------------------------


def test_cli_translates_a_folder_and_exits_non_zero_for_a_bad_article(
    tmp_path: Path, corpus: Path
) -> None:
    (corpus / "broken.txt").write_bytes(b"\x00binary")
    runner = CliRunner()
    args = ["translate", str(corpus), "--to", "kk", "--engine", "counting", "--no-tm"]
    result = runner.invoke(app, [*args, "--out", str(tmp_path / "site")])
    assert result.exit_code == 8, result.output
    assert "broken.txt" in result.output and "1 of 5 articles" in result.output
    assert "4 translated, 0 unchanged, 1 failed" in result.output
    (corpus / "broken.txt").unlink()
    again = runner.invoke(app, [*args, "--out", str(tmp_path / "site")])
    assert again.exit_code == 0, again.output
    assert "0 translated, 4 unchanged, 0 failed" in again.output


def test_cli_strict_exits_7_on_qa_errors_in_any_article_and_8_first_when_one_failed(
    tmp_path: Path, corpus: Path
) -> None:
    """The stand-in engine's "[kk] ..." is Latin text in Kazakh: an error of the
    ``untranslated`` check in every segment."""
    runner = CliRunner()
    args = ["translate", str(corpus), "--to", "kk", "--engine", "counting", "--no-tm"]
    args += ["--out", str(tmp_path / "site")]
    plain = runner.invoke(app, args)
    assert plain.exit_code == 0, plain.output
    assert "the QA checks found" in plain.output and "in 4 article(s) (kk " in plain.output
    strict = runner.invoke(app, [*args, "--strict"])  # unchanged articles: errors still there
    assert strict.exit_code == 7, strict.output
    assert "0 translated, 4 unchanged" in strict.output
    assert "error(s) in 4 article(s)" in strict.output and "Traceback" not in strict.output
    report = json.loads((tmp_path / "site" / "report.json").read_text("utf-8"))
    assert report["totals"]["qa_errors"]["kk"] > 0
    assert all(a["qa_errors"]["kk"] > 0 for a in report["articles"])
    (corpus / "broken.txt").write_bytes(b"\x00binary")
    both = runner.invoke(app, [*args, "--strict"])
    assert both.exit_code == 8, both.output
    assert "1 of 5 articles could not be translated" in both.output
    assert "and the QA checks found" in both.output


def test_cli_needs_out_for_several_articles(corpus: Path) -> None:
    result = CliRunner().invoke(app, ["translate", str(corpus), "--to", "kk"])
    assert result.exit_code == 2
    assert "--out" in result.output


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--executor", "spark"], "unknown executor 'spark'"),
        (["--device", "tpu"], "unknown device 'tpu'"),
        (["--workers", "0"], "--workers"),
    ],
)
def test_cli_refuses_bad_executor_options(
    corpus: Path, tmp_path: Path, option: list[str], message: str
) -> None:
    args = ["translate", str(corpus), "--to", "kk", "--out", str(tmp_path / "s"), *option]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output


def test_cli_single_article_rerun_is_up_to_date_redo_redoes_it_force_replaces_edits(
    tmp_path: Path, seed_path: Path
) -> None:
    runner = CliRunner()
    out = tmp_path / "one"
    args = ["translate", str(seed_path), "--to", "kk", "--engine", "counting"]
    args += ["--no-tm", "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    calls = len(CountingEngine.calls)
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and "up to date" in again.output and "--redo" in again.output
    assert len(CountingEngine.calls) == calls
    redone = runner.invoke(app, [*args, "--redo"])
    assert redone.exit_code == 0 and "wrote" in redone.output
    assert len(CountingEngine.calls) > calls
    # an output edited by hand: --redo refuses to lose it (exit 5), --force replaces it
    page = out / "kk.html"
    edited = page.read_text("utf-8") + "<!-- corrected by the desk -->\n"
    page.write_text(edited, "utf-8")
    refused = runner.invoke(app, [*args, "--redo"])
    assert refused.exit_code == 5, refused.output
    assert "changed since polyglot wrote them: kk.html" in refused.output
    assert page.read_text("utf-8") == edited
    forced = runner.invoke(app, [*args, "--force"])
    assert forced.exit_code == 0 and "corrected by the desk" not in page.read_text("utf-8")


def test_redo_redoes_every_article_but_keeps_edited_outputs_force_replaces_them(
    tmp_path: Path, corpus: Path
) -> None:
    out = tmp_path / "site"
    translate_corpus(job([corpus], out))
    page = out / "z" / "ru.html"
    edited = page.read_text("utf-8") + "<!-- corrected by the desk -->\n"
    page.write_text(edited, "utf-8")
    CountingEngine.calls.clear()
    redone = translate_corpus(job([corpus], out, redo=True))
    assert statuses(out) == {
        "2017/09/almaty": "translated",
        "2017/09/astana": "translated",
        "2017/short": "translated",
        "z": "failed",
    }
    (failed,) = redone.info.failed
    assert "changed since polyglot wrote them: ru.html" in (failed.error or "")
    assert page.read_text("utf-8") == edited  # not lost
    assert CountingEngine.calls  # the others were translated again
    # and still published: the site lists the version its folder holds
    assert 'href="z/ru.html"' in (out / "index.html").read_text("utf-8")
    assert "z/ru.html" in (out / "sitemap.xml").read_text("utf-8")
    assert "z/ru.html" in (out / "feed.ru.xml").read_text("utf-8")
    forced = translate_corpus(job([corpus], out, force=True))
    assert forced.info.count(ArticleStatus.TRANSLATED) == 4
    assert "corrected by the desk" not in page.read_text("utf-8")
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert (report["settings"]["redo"], report["settings"]["force"]) == (False, True)


def test_cli_device_cuda_without_a_gpu_is_a_clear_usage_error(
    tmp_path: Path, seed_path: Path, test_packages_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ctranslate2

    # CTranslate2 as it answers on a machine without a GPU, whether this one has one or not
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    args = ["translate", str(seed_path), "--to", "kk", "--no-tm", "--device", "cuda"]
    args += ["--models-dir", str(test_packages_dir), "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "--device cuda, but CTranslate2 sees no GPU here" in result.output
    assert not (tmp_path / "o").exists()


def test_cli_compute_type_auto_is_accepted(
    tmp_path: Path, seed_path: Path, test_packages_dir: Path
) -> None:
    args = ["translate", str(seed_path), "--to", "kk", "--no-tm", "--compute-type", "auto"]
    args += ["--device", "auto", "--models-dir", str(test_packages_dir)]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / f"{seed_path.stem}.kk.txt").is_file()


def test_a_site_page_that_cannot_be_written_is_an_error_not_a_traceback(
    tmp_path: Path, corpus: Path, test_packages_dir: Path
) -> None:
    # A real process with a fault injected: writing the second index page fails (a full
    # disk).  The abandoned page stream was closed after the run ledger, when it was
    # collected, and Python printed "Exception ignored ... Traceback" after the error.
    import subprocess
    import sys

    script = """
import sys
import polyglot.formats.site_pages as pages
from polyglot.cli import main
from polyglot.errors import OutputError
render = pages.render_site_index
def failing(*args, **kwargs):
    if kwargs["page"].number == 2:
        raise OutputError("index-2.html: cannot write (No space left on device)")
    return render(*args, **kwargs)
pages.render_site_index = failing
sys.argv = ["polyglot", *sys.argv[1:]]
main()
"""
    out = tmp_path / "site"
    args = ["translate", str(corpus), "--to", "ru", "--out", str(out), "--index-page-size", "1"]
    done = subprocess.run(
        [sys.executable, "-c", script, *args, "--models-dir", str(test_packages_dir)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 5, done.stdout + done.stderr
    assert "No space left on device" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr


def test_a_run_keeps_only_the_first_failures_for_its_summary() -> None:
    from polyglot.formats.run_report import FAILED_KEPT, ArticleResult, CorpusRunInfo

    info = CorpusRunInfo(tool_version="x", created="2026-01-01T00:00:00Z", out="site")
    for n in range(FAILED_KEPT + 7):  # memory stays flat however many fail
        info.add(ArticleResult(f"in/{n}.txt", str(n), ArticleStatus.FAILED, error="bad"))
    assert len(info.failed) == FAILED_KEPT
    assert info.count(ArticleStatus.FAILED) == FAILED_KEPT + 7


def test_cli_the_summary_names_the_first_failures_and_counts_the_rest(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from polyglot.formats import run_report

    monkeypatch.setattr(run_report, "FAILED_KEPT", 1)
    for name in ("bad1", "bad2", "bad3"):
        (corpus / f"{name}.txt").write_bytes(b"\xff\xfe broken \xff")
    out = tmp_path / "site"
    runner = CliRunner()
    result = runner.invoke(
        app, ["translate", str(corpus), "--to", "kk", "--out", str(out), "--engine", "counting"]
    )
    assert result.exit_code == 8, result.output
    assert "failed: 2 more, in report.json" in result.output
    assert "3 of 7 articles could not be translated" in result.output
    again = runner.invoke(
        app,
        [
            "translate",
            str(corpus),
            "--to",
            "kk",
            "--out",
            str(out),
            "--engine",
            "counting",
            "--redo",
        ],
    )
    assert "without --redo and --force, only they will be translated" in again.output


class _GpuWithoutItsLibraries:
    """CTranslate2 on a machine whose GPU it sees but whose CUDA libraries are of another
    major version (seen on an H200 with CUDA 13 only and CTranslate2 4.8, built for 12):
    the model loads on ``cuda``, then the first batch fails to load cuBLAS.  A real CPU
    translator underneath; only ``cuda`` ones fail, as there."""

    MESSAGE = "Library libcublas.so.12 is not found or cannot be loaded"

    def __init__(self, real: type, asked: list[str]) -> None:
        self.real, self.asked = real, asked

    def __call__(self, model_dir: str, device: str = "cpu", **kwargs: object) -> object:
        self.asked.append(device)
        if device == "cuda":  # a GPU type (float16) the CPU underneath does not have
            kwargs = {**kwargs, "compute_type": "default"}
        translator = self.real(model_dir, device="cpu", **kwargs)
        if device != "cuda":
            return translator
        message = self.MESSAGE

        class OnBrokenGpu:
            def translate_batch(self, *args: object, **kwargs: object) -> object:
                raise RuntimeError(message)

            def __getattr__(self, name: str) -> object:
                return getattr(translator, name)

        return OnBrokenGpu()


@pytest.fixture
def gpu_without_its_libraries(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import ctranslate2

    asked: list[str] = []
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    monkeypatch.setattr(
        ctranslate2, "Translator", _GpuWithoutItsLibraries(ctranslate2.Translator, asked)
    )
    return asked


def test_cli_device_cuda_with_unloadable_gpu_libraries_is_a_clear_error_before_any_work(
    tmp_path: Path, seed_path: Path, test_packages_dir: Path, gpu_without_its_libraries: list[str]
) -> None:
    args = ["translate", str(seed_path), "--to", "kk", "--no-tm", "--device", "cuda"]
    args += ["--models-dir", str(test_packages_dir), "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output  # was 70, "unexpected error", mid-run
    assert "--device cuda: the GPU cannot be used" in result.output
    assert "libcublas.so.12" in result.output and "--device cpu" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def test_cli_device_auto_falls_back_to_the_cpu_and_says_so(
    tmp_path: Path, seed_path: Path, test_packages_dir: Path, gpu_without_its_libraries: list[str]
) -> None:
    args = ["translate", str(seed_path), "--to", "kk", "--no-tm", "--device", "auto"]
    args += ["--models-dir", str(test_packages_dir), "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert gpu_without_its_libraries == ["cuda", "cpu"]
    assert "translated on the CPU instead" in result.output
    report = json.loads((tmp_path / "o" / "report.json").read_text("utf-8"))
    assert any("translated on the CPU instead" in w for w in report["warnings"])
    plain = tmp_path / "plain"
    args[args.index("auto")] = "cpu"
    args[-1] = str(plain)
    assert CliRunner().invoke(app, args).exit_code == 0
    name = f"{seed_path.stem}.kk.txt"
    assert (tmp_path / "o" / name).read_bytes() == (plain / name).read_bytes()


def test_corpus_device_auto_fallback_is_said_once_for_the_run(
    tmp_path: Path, corpus: Path, test_packages_dir: Path, gpu_without_its_libraries: list[str]
) -> None:
    result = translate_corpus(
        job(
            [corpus], tmp_path / "site", engine="argos", models_dir=test_packages_dir, device="auto"
        )
    )
    said = [w for w in result.info.warnings if "translated on the CPU instead" in w]
    assert len(said) == 1
    site = tmp_path / "site"
    site_report = json.loads((site / "report.json").read_text("utf-8"))
    assert said == [w for w in site_report["warnings"] if "translated on the CPU instead" in w]
    # each article's own report.json says it too, as a single article's does
    reports = [p for p in site.glob("*/**/report.json") if p.parent != site]
    assert len(reports) == 4
    for path in reports:
        report = json.loads(path.read_text("utf-8"))
        assert said == [w for w in report["warnings"] if "translated on the CPU instead" in w]


def test_cli_corpus_device_auto_fallback_is_said_once_on_stderr(
    tmp_path: Path, corpus: Path, test_packages_dir: Path, gpu_without_its_libraries: list[str]
) -> None:
    args = ["translate", str(corpus), "--to", "kk", "--device", "auto", "--no-tm"]
    args += ["--models-dir", str(test_packages_dir), "--out", str(tmp_path / "site")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.output.count("translated on the CPU instead") == 1


def test_cli_device_auto_with_a_gpu_compute_type_says_why_the_gpu_was_not_used(
    tmp_path: Path,
    seed_path: Path,
    test_packages_dir: Path,
    gpu_without_its_libraries: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ctranslate2

    real = ctranslate2.get_supported_compute_types
    gpu_types = {"float32", "float16", "int8", "int8_float16"}
    monkeypatch.setattr(  # the GPU CTranslate2 sees has float16, as on that machine
        ctranslate2,
        "get_supported_compute_types",
        lambda device, *a: gpu_types if device == "cuda" else real(device, *a),
    )
    args = ["translate", str(seed_path), "--to", "kk", "--no-tm", "--device", "auto"]
    args += ["--compute-type", "float16", "--models-dir", str(test_packages_dir)]
    result = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "o")])
    assert result.exit_code == 2, result.output
    # was: "compute type 'float16' is not available on this cpu": the cause was lost
    assert "a GPU was found but cannot be used" in result.output
    assert "libcublas.so.12" in result.output  # CTranslate2's words, and the hint
    assert "'float16' needs a GPU" in result.output
    assert "--compute-type auto" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


class _GpuThatFails:
    """A real CPU translator underneath; on ``cuda``, CTranslate2's error at construction
    (``at_load``: a GPU out of memory, a driver too old) or at each batch larger than the
    one-token probe (``at_batch``: a card too small for the default batches)."""

    def __init__(self, real: type, at_load: str = "", at_batch: str = "") -> None:
        self.real, self.at_load, self.at_batch = real, at_load, at_batch
        self.asked: list[str] = []

    def __call__(self, model_dir: str, device: str = "cpu", **kwargs: object) -> object:
        self.asked.append(device)
        if device == "cuda" and self.at_load:
            raise RuntimeError(self.at_load)
        translator = self.real(model_dir, device="cpu", **kwargs)
        if device != "cuda" or not self.at_batch:
            return translator
        message = self.at_batch

        class SmallGpu:
            def translate_batch(self, batch: list[list[str]], **kwargs: object) -> object:
                if batch != [["a"]]:
                    raise RuntimeError(message)
                return translator.translate_batch(batch, **kwargs)

        return SmallGpu()


_GPU_OUT_OF_MEMORY = "CUDA failed with error out of memory"


def _gpu_that_fails(monkeypatch: pytest.MonkeyPatch, **faults: str) -> _GpuThatFails:
    import ctranslate2

    fake = _GpuThatFails(ctranslate2.Translator, **faults)
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    monkeypatch.setattr(ctranslate2, "Translator", fake)
    return fake


def test_cli_a_gpu_that_fails_at_load_is_a_gpu_error_not_a_broken_model(
    tmp_path: Path, seed_path: Path, test_packages_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = _gpu_that_fails(monkeypatch, at_load=_GPU_OUT_OF_MEMORY)
    args = ["translate", str(seed_path), "--to", "kk", "--no-tm", "--device", "cuda"]
    args += ["--models-dir", str(test_packages_dir), "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output  # was 4, "reinstall it"
    assert f"--device cuda: the GPU cannot be used: {_GPU_OUT_OF_MEMORY}" in result.output
    assert "reinstall" not in result.output and "--device cpu" in result.output
    assert not (tmp_path / "o").exists()
    # --device auto: the CPU instead, and said
    args[args.index("cuda")] = "auto"
    fake.asked.clear()
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert fake.asked[0] == "cuda" and fake.asked[-1] == "cpu"
    assert "translated on the CPU instead" in result.output
    report = json.loads((tmp_path / "o" / "report.json").read_text("utf-8"))
    assert any(_GPU_OUT_OF_MEMORY in w for w in report["warnings"])


@pytest.mark.parametrize("device", ["cuda", "auto"])
def test_cli_a_model_that_loads_nowhere_is_still_a_broken_model_on_a_gpu(
    tmp_path: Path,
    seed_path: Path,
    test_packages_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    device: str,
) -> None:
    import ctranslate2

    def broken(model_dir: str, device: str = "cpu", **kwargs: object) -> object:
        raise RuntimeError("Unsupported model spec version")

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    monkeypatch.setattr(ctranslate2, "Translator", broken)
    args = ["translate", str(seed_path), "--to", "kk", "--no-tm", "--device", device]
    args += ["--models-dir", str(test_packages_dir), "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 4, result.output
    assert "cannot load this model" in result.output and "reinstall" in result.output


def test_cli_a_gpu_out_of_memory_mid_run_is_a_clear_error(
    tmp_path: Path, seed_path: Path, test_packages_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from polyglot.engines.base import DEFAULT_BATCH_TOKENS

    _gpu_that_fails(monkeypatch, at_batch=_GPU_OUT_OF_MEMORY)
    args = ["translate", str(seed_path), "--to", "kk", "--no-tm", "--device", "cuda"]
    args += ["--models-dir", str(test_packages_dir), "--out", str(tmp_path / "o")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output  # was 70, "unexpected error"
    tokens = DEFAULT_BATCH_TOKENS["cuda"]
    assert f"the GPU ran out of memory translating a batch of {tokens} source tokens" in (
        result.output
    )
    assert "--batch-tokens" in result.output and "--device cpu" in result.output
    assert "Traceback" not in result.output
    args[-1] = str(tmp_path / "o2")
    result = CliRunner().invoke(app, [*args, "--batch-tokens", "4096"])
    assert result.exit_code == 2, result.output
    assert "a batch of 4096 source tokens" in result.output
