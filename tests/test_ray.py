"""The Ray executor on a real local Ray (one session for the module: it takes seconds to
start), with the copy models: same texts as the local engine, in order, retried when a
worker dies, threads as Ray gave them, models from a shared folder or shipped."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# Imported before Ray runs: CPython 3.11.7 can fail to compile a module (pytest rewrites
# hypothesis' on import) once Ray's threads run ("AST constructor recursion depth mismatch").
import hypothesis  # noqa: F401
import pytest

# Ray is the optional extra polyglot[ray]; the dev extra installs it, so these tests always run.
import ray

from polyglot.corpus import CorpusJob, translate_corpus
from polyglot.engines import EngineOptions, load_engine
from polyglot.engines.ray import RayEngine, RaySettings, TranslationWorker
from polyglot.pipeline import TranslateJob, read_document

CLOCK = dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def ray_session() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


@pytest.fixture
def sentences(seed_path: Path) -> list[str]:
    return [seg.source for seg in read_document(seed_path).segments()]


def engine(models: Path, **settings: Any) -> RayEngine:
    options = EngineOptions(models_dir=models)
    return RayEngine("argos", options, RaySettings(pairs=(("en", "kk"),), **settings))


def test_ray_gives_the_local_engines_texts_in_order(
    ray_session: None, test_packages_dir: Path, sentences: list[str]
) -> None:
    local = load_engine("argos", EngineOptions(models_dir=test_packages_dir))
    expected = local.translate_batch(sentences, "en", "kk")
    remote = engine(test_packages_dir, workers=2)
    try:
        assert remote.prepare("en", "kk") == local.prepare("en", "kk")
        # reversed: order must come from the shards, not from sorting
        assert remote.translate_batch(sentences[::-1], "en", "kk") == expected[::-1]
        assert remote.translate_batch([], "en", "kk") == []
        assert remote.worker_threads() == [1, 1]  # the actor's CPUs, not OMP_NUM_THREADS
    finally:
        remote.close()


def test_a_worker_gets_as_many_threads_as_cpus(ray_session: None, test_packages_dir: Path) -> None:
    remote = engine(test_packages_dir, workers=1, threads_per_worker=2)
    try:
        assert remote.worker_threads() == [2]
    finally:
        remote.close()


def test_a_dead_workers_batch_is_retried(
    ray_session: None, test_packages_dir: Path, sentences: list[str], tmp_path: Path
) -> None:
    marker = tmp_path / "die-once"
    marker.write_text("")

    class DiesOnce(TranslationWorker):  # defined here: shipped to Ray by value
        def translate(self, texts: Any, source: str, target: str) -> list[str]:
            if os.path.exists(marker):
                os.unlink(marker)
                os._exit(1)  # the worker process dies mid-batch
            return super().translate(texts, source, target)

    local = load_engine("argos", EngineOptions(models_dir=test_packages_dir))
    remote = engine(test_packages_dir, workers=2, worker_class=DiesOnce)
    try:
        assert remote.translate_batch(sentences, "en", "kk") == local.translate_batch(
            sentences, "en", "kk"
        )
        assert not marker.exists()  # it did die once
    finally:
        remote.close()


def test_models_can_be_shipped_to_the_workers(
    ray_session: None, test_packages_dir: Path, sentences: list[str]
) -> None:
    local = load_engine("argos", EngineOptions(models_dir=test_packages_dir))
    remote = engine(test_packages_dir, ship_models=True)
    try:
        assert remote.translate_batch(sentences, "en", "kk") == local.translate_batch(
            sentences, "en", "kk"
        )
        (folder,) = remote.worker_models_dirs()
        assert folder is not None and Path(folder) != test_packages_dir
    finally:
        remote.close()


def test_a_missing_model_on_the_workers_is_a_model_error(
    ray_session: None, test_packages_dir: Path
) -> None:
    from polyglot.errors import ModelError

    remote = RayEngine("argos", EngineOptions(models_dir=test_packages_dir), RaySettings(pairs=()))
    try:
        with pytest.raises(ModelError, match="no model installed for en→de"):
            remote.prepare("en", "de")
    finally:
        remote.close()


def test_cuda_workers_need_gpus_in_the_cluster(ray_session: None, test_packages_dir: Path) -> None:
    from polyglot.errors import UsageError

    options = EngineOptions(models_dir=test_packages_dir, device="cuda")
    remote = RayEngine("argos", options, RaySettings(workers=1))
    with pytest.raises(UsageError, match="one GPU per worker, but the Ray cluster has 0"):
        remote.prepare("en", "kk")  # refused at once, not waiting forever for a GPU


def test_a_corpus_run_on_ray_writes_the_same_texts_as_a_local_one(
    ray_session: None, test_packages_dir: Path, seed_path: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = seed_path.read_text("utf-8")
    (corpus / "a.txt").write_text(text, "utf-8")
    (corpus / "b.txt").write_text(text.replace("Astana", "Almaty"), "utf-8")

    def run(executor: str, out: Path) -> None:
        article = TranslateJob(
            source=corpus,
            targets=["kk", "ru"],
            engine_options=EngineOptions(models_dir=test_packages_dir),
            use_tm=False,
            now=lambda: CLOCK,
        )
        job = CorpusJob([corpus], out, article, executor=executor, workers=2)
        result = translate_corpus(job)
        assert not result.info.failed

    run("local", tmp_path / "local")
    run("ray", tmp_path / "ray")
    texts = sorted(p.relative_to(tmp_path / "local") for p in (tmp_path / "local").rglob("*.txt"))
    assert len(texts) == 4
    for name in texts:
        assert (tmp_path / "ray" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


def test_ray_is_imported_only_when_asked_for() -> None:
    code = (
        "import sys, polyglot.cli, polyglot.corpus, polyglot.pipeline; "
        "from typer.testing import CliRunner; "
        "CliRunner().invoke(polyglot.cli.app, ['translate', '--help']); "
        "assert 'ray' not in sys.modules, 'ray imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_cli_single_article_on_ray_writes_the_local_texts(
    ray_session: None, test_packages_dir: Path, seed_path: Path, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from polyglot.cli import app

    args = ["translate", str(seed_path), "--to", "kk", "--no-tm"]
    args += ["--models-dir", str(test_packages_dir)]
    local = CliRunner().invoke(app, [*args, "--out", str(tmp_path / "local")])
    remote = CliRunner().invoke(
        app, [*args, "--out", str(tmp_path / "ray"), "--executor", "ray", "--workers", "2"]
    )
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    name = f"{seed_path.stem}.kk.txt"
    assert (tmp_path / "ray" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
    assert ray.is_initialized()  # the module's Ray session was used, not shut down


def test_a_workers_fallback_to_the_cpu_is_said_on_the_driver(
    ray_session: None, test_packages_dir: Path, sentences: list[str]
) -> None:
    class GpuWithoutItsLibraries(TranslationWorker):  # shipped to Ray by value
        """CTranslate2 in the worker as on a machine whose GPU it sees but whose CUDA
        libraries it cannot load: the first batch on cuda fails."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            import ctranslate2

            real = ctranslate2.Translator

            def translator(model_dir: str, device: str = "cpu", **options: Any) -> Any:
                made = real(model_dir, device="cpu", **options)
                if device != "cuda":
                    return made

                class OnBrokenGpu:
                    def translate_batch(self, *a: Any, **k: Any) -> Any:
                        raise RuntimeError(
                            "Library libcublas.so.12 is not found or cannot be loaded"
                        )

                return OnBrokenGpu()

            ctranslate2.get_cuda_device_count = lambda: 1  # type: ignore[assignment]
            ctranslate2.Translator = translator  # type: ignore[misc]
            super().__init__(*args, **kwargs)

    options = EngineOptions(models_dir=test_packages_dir, device="auto")
    settings = RaySettings(pairs=(("en", "kk"),), worker_class=GpuWithoutItsLibraries)
    remote = RayEngine("argos", options, settings)
    local = load_engine("argos", EngineOptions(models_dir=test_packages_dir))
    try:
        remote.prepare("en", "kk")
        (said,) = remote.warnings
        assert "translated on the CPU instead" in said and "libcublas.so.12" in said
        assert remote.translate_batch(sentences, "en", "kk") == local.translate_batch(
            sentences, "en", "kk"
        )
    finally:
        remote.close()
