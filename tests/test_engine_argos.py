"""The argos engine on real CTranslate2 packages (the repo's copy models) and in isolation."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from polyglot.cli import app
from polyglot.engines import EngineOptions
from polyglot.engines.argos import ArgosEngine, _Loaded
from polyglot.engines.base import DEFAULT_BATCH_TOKENS
from polyglot.formats.text import render_text
from polyglot.models.installed import InstalledPackage
from polyglot.sources import read_article

runner = CliRunner()


def test_seed_translates_through_ctranslate2_into_kk_ru_fr(test_packages_dir, seed_path, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "translate",
            str(seed_path),
            "--to",
            "kk,ru,fr",
            "--models-dir",
            str(test_packages_dir),
            "--out",
            str(out),
            "--no-glossary",
            "--no-tm",
        ],
    )
    assert result.exit_code == 0, result.output
    expected = render_text(read_article(seed_path.read_text(encoding="utf-8")))
    for lang in ("kk", "ru", "fr"):  # copy models: the output is the input, exactly
        assert (out / f"{seed_path.stem}.{lang}.txt").read_text(encoding="utf-8") == expected
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    models = {lr["lang"]: lr["model"] for lr in report["languages"]}
    assert models == {
        "kk": "translate-en_kk-copy-1.0 1.0",
        "ru": "translate-en_ru-copy-1.0 1.0",
        "fr": "translate-en_fr-copy-1.0 1.0",
    }


def test_beam_size_and_compute_type_reach_ctranslate2(test_packages_dir):
    engine = ArgosEngine(
        EngineOptions(models_dir=test_packages_dir, beam_size=1, compute_type="int8", threads=1)
    )
    texts = ["Бейбіт Атамқұлов met Jean-Baptiste Lemoyne.", "A_b  c", "KazEOSat-1"]
    assert engine.translate_batch(texts, "en", "ru") == texts
    translator = engine._loaded[("en", "ru")].translator
    assert translator.compute_type.startswith("int8")  # int8_float32 on CPU


def test_translate_never_imports_the_torch_stack(test_packages_dir, seed_path, tmp_path):
    code = (
        "import sys\n"
        "from polyglot.cli import app\n"
        f"args = ['translate', {str(seed_path)!r}, '--to', 'ru', '--models-dir',"
        f" {str(test_packages_dir)!r}, '--out', {str(tmp_path / 'o')!r}, '--no-tm']\n"
        "try:\n    app(args, prog_name='polyglot')\nexcept SystemExit as e:\n"
        "    assert not e.code, e.code\n"
        "bad = [m for m in ('torch', 'stanza', 'spacy', 'argostranslate.translate')"
        " if m in sys.modules]\n"
        "print('LOADED', 'ctranslate2' in sys.modules, 'BAD', bad)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "LOADED True BAD []" in proc.stdout, proc.stderr[-2000:]


class FakeTokenizer:
    def encode(self, text: str) -> list[str]:
        return text.split()

    def decode(self, tokens: list[str]) -> str:
        return " ".join(tokens)


class FakeTranslator:
    """Echoes its input, with the target prefix first, and records the call."""

    def __init__(self) -> None:
        self.calls: list[dict] = []

    def translate_batch(self, batch, target_prefix=None, **kwargs):
        self.calls.append({"batch": batch, "target_prefix": target_prefix, **kwargs})
        prefixes = target_prefix or [[] for _ in batch]
        return [
            SimpleNamespace(hypotheses=[prefix + tokens])
            for prefix, tokens in zip(prefixes, batch, strict=True)
        ]


def fake_engine(
    source_prefix: str = "", target_prefix: str = ""
) -> tuple[ArgosEngine, FakeTranslator]:
    package = InstalledPackage(
        path=Path("/nonexistent/pkg"),
        from_code="en",
        to_code="kk",
        version="1.0",
        source_prefix=source_prefix,
        target_prefix=target_prefix,
    )
    engine = ArgosEngine(EngineOptions(beam_size=3, max_batch_size=7))
    translator = FakeTranslator()
    engine._loaded[("en", "kk")] = _Loaded(package, translator, FakeTokenizer(), FakeTokenizer())
    return engine, translator


def test_whole_batch_sorted_by_length_and_returned_in_order():
    engine, translator = fake_engine()
    texts = ["a b c d", "a", "a b"]
    assert engine.translate_batch(texts, "en", "kk") == texts
    (call,) = translator.calls
    assert call["batch"] == [["a"], ["a", "b"], ["a", "b", "c", "d"]]
    assert call["beam_size"] == 3
    assert call["max_batch_size"] == 7
    assert call["batch_type"] == "examples"


def test_by_default_batches_are_cut_by_tokens():
    engine, translator = fake_engine()
    engine.options = EngineOptions()
    engine.translate_batch(["a b", "c"], "en", "kk")
    (call,) = translator.calls
    assert call["batch_type"] == "tokens"
    assert call["max_batch_size"] == DEFAULT_BATCH_TOKENS["cpu"]


def test_default_token_batches_follow_the_device_the_model_runs_on():
    """A GPU wants batches many times a CPU's (measured: 1,024 tokens ran at 0.13x of
    16,384 on an H200); an explicit --batch-tokens wins on either."""
    engine, translator = fake_engine()
    engine.options = EngineOptions()
    loaded = engine._loaded[("en", "kk")]
    engine._loaded[("en", "kk")] = replace(loaded, device="cuda")
    engine.translate_batch(["a b"], "en", "kk")
    assert translator.calls[-1]["max_batch_size"] == DEFAULT_BATCH_TOKENS["cuda"]
    engine.options = EngineOptions(max_batch_tokens=300)
    engine.translate_batch(["a c"], "en", "kk")
    assert translator.calls[-1]["max_batch_size"] == 300


def test_source_prefix_goes_first_and_neither_prefix_reaches_the_output():
    engine, translator = fake_engine(source_prefix=">>kaz_Cyrl<<", target_prefix="__kk__")
    assert engine.translate_batch(["one two"], "en", "kk") == ["one two"]
    (call,) = translator.calls
    assert call["batch"] == [[">>kaz_Cyrl<<", "one", "two"]]
    assert call["target_prefix"] == [["__kk__"]]


def test_language_labels_never_reach_the_output():
    engine, _ = fake_engine(source_prefix=">>kaz_Cyrl<<")
    # a multilingual model may echo the label, or emit another one mid-sentence
    assert engine.translate_batch(["a >>rus<< b >>kaz_Cyrl<< c"], "en", "kk") == ["a b c"]
    assert engine.translate_batch([">>not_a_label c"], "en", "kk") == [">>not_a_label c"]


@pytest.mark.parametrize(
    ("compute_type", "message"),
    [("bogus", "unknown compute type 'bogus'"), ("float16", "not available on this cpu")],
)
def test_bad_compute_types_are_usage_errors_not_broken_models(
    test_packages_dir, seed_path, tmp_path, compute_type, message
):
    result = runner.invoke(
        app,
        ["translate", str(seed_path), "--to", "ru", "--models-dir", str(test_packages_dir),
         "--compute-type", compute_type, "--out", str(tmp_path / "o"), "--no-tm"],
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "reinstall" not in result.output
    assert "int8" in result.output  # the choices


def test_device_auto_takes_a_gpu_when_ctranslate2_sees_one(monkeypatch):
    import ctranslate2

    from polyglot.engines.argos import resolve_device
    from polyglot.errors import UsageError

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    assert resolve_device("auto") == "cpu"
    assert resolve_device("cpu") == "cpu"
    with pytest.raises(UsageError, match="sees no GPU"):
        resolve_device("cuda")
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    assert resolve_device("auto") == "cuda"
    assert resolve_device("cuda") == "cuda"
    with pytest.raises(UsageError, match="unknown device 'gpu'"):
        resolve_device("gpu")


class _OutOfGpuMemory:
    def translate_batch(self, *args, **kwargs):
        raise RuntimeError("CUDA failed with error out of memory")


@pytest.mark.parametrize("call", ["translate_batch", "align_batch"])
@pytest.mark.parametrize(
    ("options", "size"),
    [(EngineOptions(), "16384 source tokens"), (EngineOptions(max_batch_size=64), "64 sentences")],
)
def test_a_gpu_out_of_memory_is_a_clear_usage_error(test_packages_dir, call, options, size):
    from polyglot.errors import UsageError

    engine = ArgosEngine(replace(options, models_dir=test_packages_dir))
    loaded = engine._load("en", "ru")  # real package, SentencePiece: alignment applies
    engine._loaded[("en", "ru")] = replace(loaded, translator=_OutOfGpuMemory(), device="cuda")
    with pytest.raises(UsageError, match=f"ran out of memory translating a batch of {size}") as e:
        getattr(engine, call)(["Leaders met in Astana."], "en", "ru")
    assert "--batch-tokens" in (e.value.hint or "")
    # on the CPU, CTranslate2's error stays what it is
    engine._loaded[("en", "ru")] = replace(loaded, translator=_OutOfGpuMemory())
    with pytest.raises(RuntimeError, match="out of memory"):
        getattr(engine, call)(["Leaders met in Astana."], "en", "ru")
