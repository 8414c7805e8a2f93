"""tools/build_test_packages.py: the copy-model packages are deterministic, valid and copy."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import ctranslate2
import pytest
import sentencepiece

from polyglot.models.install import validate_archive
from polyglot.models.installed import list_installed
from polyglot.sources import read_article

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_ab846ab5c136d731.txt"


@pytest.fixture(scope="module")
def en_kk(test_packages_dir: Path) -> Path:
    """The installed en→kk copy package's folder."""
    return test_packages_dir / "translate-en_kk-copy-1.0"


def _round_trip(package: Path, texts: list[str], beam_size: int, compute_type: str) -> list[str]:
    sp = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    translator = ctranslate2.Translator(str(package / "model"), compute_type=compute_type)
    tokens = [sp.encode(text, out_type=str) for text in texts]
    results = translator.translate_batch(tokens, beam_size=beam_size)
    return [sp.decode(result.hypotheses[0]) for result in results]


def test_two_builds_are_byte_identical(package_builder: ModuleType, tmp_path: Path) -> None:
    first = package_builder.build_copy_package(tmp_path / "a", "en", "ru")
    second = package_builder.build_copy_package(tmp_path / "b", "en", "ru")
    assert first.name == second.name == "translate-en_ru-copy-1.0.argosmodel"
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        for member in ("model/model.bin", "sentencepiece.model", "model/shared_vocabulary.json"):
            name = f"translate-en_ru-copy-1.0/{member}"
            assert a.read(name) == b.read(name), member
    assert first.read_bytes() == second.read_bytes()


def test_package_has_the_argos_layout(test_package_files: list[Path]) -> None:
    assert [p.name for p in test_package_files] == [
        "translate-en_kk-copy-1.0.argosmodel",
        "translate-en_ru-copy-1.0.argosmodel",
        "translate-en_fr-copy-1.0.argosmodel",
    ]
    path = test_package_files[0]
    top, metadata = validate_archive(path)  # polyglot's own checks
    assert top == "translate-en_kk-copy-1.0"
    with zipfile.ZipFile(path) as archive:
        files = {n for n in archive.namelist() if not n.endswith("/")}
        vocabulary = json.loads(archive.read(f"{top}/model/shared_vocabulary.json"))
        sp = sentencepiece.SentencePieceProcessor(
            model_proto=archive.read(f"{top}/sentencepiece.model")
        )
    assert files == {
        f"{top}/{name}"
        for name in (
            "metadata.json",
            "README.md",
            "sentencepiece.model",
            "model/model.bin",
            "model/config.json",
            "model/shared_vocabulary.json",
        )
    }
    assert metadata == {
        "package_version": "1.0",
        "argos_version": "1.9",
        "from_code": "en",
        "from_name": "English",
        "to_code": "kk",
        "to_name": "Kazakh",
        "type": "translate",
        "links": [],
        "polyglot": {"kind": "copy-test-model", "builder": "tools/build_test_packages.py"},
    }
    # CTranslate2 maps pieces to ids with its own vocabulary: it must be the tokenizer's.
    assert vocabulary == [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    assert 1000 <= len(vocabulary) <= 2000
    assert path.stat().st_size < 5 * 1024**2


def test_argos_installs_and_lists_the_package(
    test_package_files: list[Path], tmp_path: Path
) -> None:
    # In a child process: argostranslate reads its folders from the environment
    # at import.
    home = tmp_path / "home"
    env = dict(
        os.environ,
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        ARGOS_PACKAGES_DIR=str(tmp_path / "packages"),
    )
    script = (
        "import json, sys\n"
        # install_from_path ends by clearing argostranslate.translate's language cache, and
        # that module imports stanza and torch, which polyglot's lean install leaves out (and
        # never imports); a stand-in for that cache lets Argos' own package code run here.
        "import functools, types\n"
        "translate = types.ModuleType('argostranslate.translate')\n"
        "translate.get_installed_languages = functools.lru_cache(lambda: [])\n"
        "sys.modules['argostranslate.translate'] = translate\n"
        "import argostranslate.package as p\n"
        "for path in sys.argv[1:]:\n"
        "    p.install_from_path(path)\n"
        "print(json.dumps(sorted((k.from_code, k.to_code, k.package_version, k.package_path.name)"
        " for k in p.get_installed_packages())))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, *map(str, test_package_files)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    listed = json.loads(proc.stdout.strip().splitlines()[-1])
    assert listed == [
        ["en", "fr", "1.0", "translate-en_fr-copy-1.0"],
        ["en", "kk", "1.0", "translate-en_kk-copy-1.0"],
        ["en", "ru", "1.0", "translate-en_ru-copy-1.0"],
    ]


def test_fixture_installs_all_three_pairs(test_packages_dir: Path) -> None:
    installed, broken = list_installed(test_packages_dir)
    assert broken == []
    assert [(p.pair, p.version) for p in installed] == [
        ("en-fr", "1.0"),
        ("en-kk", "1.0"),
        ("en-ru", "1.0"),
    ]


@pytest.mark.parametrize("compute_type", ["default", "int8", "int8_float32", "float32"])
@pytest.mark.parametrize("beam_size", [1, 4])
def test_copy_model_returns_every_seed_segment(
    en_kk: Path, beam_size: int, compute_type: str
) -> None:
    doc = read_article(SEED.read_text(encoding="utf-8"))
    sources = [seg.source for seg in doc.segments()]
    assert len(sources) >= 5
    assert _round_trip(en_kk, sources, beam_size, compute_type) == sources


@pytest.mark.parametrize("beam_size", [1, 4])
def test_copy_model_returns_awkward_text(en_kk: Path, beam_size: int) -> None:
    texts = [
        "ASTANA. KAZINFORM Бейбіт Атамқұлов met «Казинформ» in Астана.",
        "Le ministre a rencontré l'ambassadeur à Astana, où il a été reçu.",
        "Two  spaces,   three, a\ttab,\na newline and 1,234.56 (≈ €1 280).",
        " leading and trailing ",
        "under_score __x__ _",
        "⟦T1⟧ [[1]] XT1X ZZT1ZZ <unk> <s> </s>",
        "emoji 🚀, CJK 宇宙, NUL-free control \x07",
        "",
    ]
    assert _round_trip(en_kk, texts, beam_size, "default") == texts


def test_space_mark_is_the_one_character_that_does_not_round_trip(en_kk: Path) -> None:
    # Documented in the builder: SentencePiece decodes its own U+2581 as a space.
    assert _round_trip(en_kk, ["a▁b"], 1, "default") == ["a b"]


@pytest.mark.parametrize("beam_size", [1, 4])
def test_copy_model_copies_any_token_sequence(en_kk: Path, beam_size: int) -> None:
    vocabulary = json.loads((en_kk / "model" / "shared_vocabulary.json").read_text("utf-8"))
    pieces = [p for p in vocabulary if p not in ("<s>", "</s>")]
    rng = random.Random(1)
    sequences = [[rng.choice(pieces) for _ in range(rng.randint(1, 300))] for _ in range(40)]
    translator = ctranslate2.Translator(str(en_kk / "model"))
    results = translator.translate_batch(sequences, beam_size=beam_size, max_decoding_length=400)
    assert [r.hypotheses[0] for r in results] == sequences


def test_copy_model_copies_1023_tokens_and_truncates_longer_input(en_kk: Path) -> None:
    vocabulary = json.loads((en_kk / "model" / "shared_vocabulary.json").read_text("utf-8"))
    longest = vocabulary[3:1026]
    # CTranslate2 keeps max_input_length=1024 source tokens, </s> included.
    translator = ctranslate2.Translator(str(en_kk / "model"))
    results = translator.translate_batch([longest, [*longest, "▁x"]], max_decoding_length=1100)
    assert [r.hypotheses[0] for r in results] == [longest, longest]


def test_random_package_output_is_about_length_ratio_times_input(
    package_builder: ModuleType, tmp_path: Path
) -> None:
    # A small version of the benchmark model: same wiring, little to compute.
    path = package_builder.build_random_package(
        tmp_path, "en", "xx", layers=2, d_model=128, ffn=64, heads=2, vocab=2000
    )
    assert path.name == "translate-en_xx-random-1.0.argosmodel"
    with zipfile.ZipFile(path) as archive:
        archive.extractall(tmp_path)
    package = tmp_path / path.stem
    assert len(json.loads((package / "model" / "shared_vocabulary.json").read_bytes())) == 2000
    sp = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    doc = read_article(SEED.read_text(encoding="utf-8"))
    tokens = [sp.encode(seg.source, out_type=str) for seg in doc.segments()]
    translator = ctranslate2.Translator(str(package / "model"))
    results = translator.translate_batch(tokens, beam_size=4, max_decoding_length=1000)
    ratio = sum(len(r.hypotheses[0]) for r in results) / sum(len(t) for t in tokens)
    assert 1.1 < ratio < 1.3


def test_cli_builds_and_installs(
    package_builder: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, models = tmp_path / "out", tmp_path / "models"
    args = ["--out", str(out), "--pairs", "en-ru", "--install", "--models-dir", str(models)]
    assert package_builder.main(args) == 0
    printed = capsys.readouterr().out
    assert f"wrote {out / 'translate-en_ru-copy-1.0.argosmodel'}" in printed
    assert f"installed {models / 'translate-en_ru-copy-1.0'}" in printed
    assert [p.pair for p in list_installed(models)[0]] == ["en-ru"]


def test_cli_rejects_a_bad_pair(
    package_builder: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        package_builder.main(["--pairs", "english"])
    assert exc.value.code == 2
    assert "'english' is not a pair such as en-kk" in capsys.readouterr().err
