"""OPUS-MT releases: check, convert (the real OpusMTConverter), package, install, translate.

The release is the tiny transliterating Marian model of ``tools/build_tiny_marian.py``:
its output is the input with Latin letters turned Cyrillic, and it loses the first
letter when ``>>kaz_Cyrl<<`` is not the first source token, so exact comparisons
show that conversion, both tokenizers and the source prefix all did their part.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any, ClassVar

import pytest
from repo_scripts import load_script
from typer.testing import CliRunner

from polyglot.cli import app
from polyglot.engines import EngineOptions, load_engine
from polyglot.errors import ModelError
from polyglot.models import archives, opus_mt
from polyglot.models.install import install_package_file, validate_archive
from polyglot.models.installed import find_package

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_ab846ab5c136d731.txt"
CATALOG_ZIP = "opusTCv20210807+bt-2021-09-05.zip"
runner = CliRunner()


def _load_builder() -> ModuleType:
    return load_script("tools", "build_tiny_marian")


builder = _load_builder()


@pytest.fixture(scope="session")
def release_files() -> dict[str, bytes]:
    return builder.build_release_files()


@pytest.fixture(scope="session")
def release_zip(tmp_path_factory: pytest.TempPathFactory, release_files: dict[str, bytes]) -> Path:
    out = tmp_path_factory.mktemp("release") / f"{builder.RELEASE_NAME}.zip"
    return builder.write_release_zip(out, release_files)


@pytest.fixture(scope="session")
def release_dir(tmp_path_factory: pytest.TempPathFactory, release_files: dict[str, bytes]) -> Path:
    out = tmp_path_factory.mktemp("release-dir") / builder.RELEASE_NAME
    return builder.write_release(out, release_files)


@pytest.fixture(scope="session")
def package_file(tmp_path_factory: pytest.TempPathFactory, release_dir: Path) -> Path:
    """The .argosmodel built from the tiny release (no install: no argostranslate import)."""
    work = tmp_path_factory.mktemp("package")
    release = opus_mt.unpack_release(release_dir, work)
    dest = work / "translate-en_kk-opus-mt.argosmodel"
    return opus_mt.build_package(
        release, dest, from_code="en", to_code="kk", source_prefix=builder.LABEL
    )


def _zip(path: Path, files: dict[str, bytes], stored: bool = False) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    return path


def _import_cli(path: Path, *options: str) -> Any:
    """``polyglot models import-opus-mt PATH --from en --to kk OPTIONS...``"""
    command = ["models", "import-opus-mt", str(path), "--from", "en", "--to", "kk", *options]
    return runner.invoke(app, command)


def _translate(models_dir: Path, texts: list[str]) -> list[str]:
    engine = load_engine("argos", EngineOptions(models_dir=models_dir, threads=1))
    return engine.translate_batch(texts, "en", "kk")


# --- end to end ---------------------------------------------------------------------


def test_import_cli_then_translate_the_seed_end_to_end(release_zip: Path, tmp_path: Path) -> None:
    models = tmp_path / "models"
    result = _import_cli(release_zip, "--models-dir", str(models))
    assert result.exit_code == 0, result.output
    assert "installed en-kk 2024.01.01" in result.output
    assert "source prefix >>kaz_Cyrl<<" in result.output

    out = tmp_path / "out"
    options = ["--models-dir", str(models), "--out", str(out), "--no-tm", "--no-glossary"]
    result = runner.invoke(app, ["translate", str(SEED), "--to", "kk", *options, "--threads", "1"])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text("utf-8"))
    segments = report["segments"]
    assert len(segments) == 10
    for segment in segments:
        assert segment["translations"]["kk"]["text"] == builder.transliterate(segment["source"])
        assert segment["translations"]["kk"]["model"] == "translate-en_kk-opus-mt 2024.01.01"
    text = (out / f"{SEED.stem}.kk.txt").read_text("utf-8")
    assert text.startswith("АСТАНА. КАЗІНФОРМ Казакһ Дефенсе анд Аероспаце Індұстры")
    assert ">>" not in text and "⁇" not in text and "Astana" not in text


def test_the_source_prefix_reaches_the_model(package_file: Path, tmp_path: Path) -> None:
    models = tmp_path / "models"
    pkg = install_package_file(package_file, models)
    texts = ["Astana", "Kazinform correspondent reports."]
    assert _translate(models, texts) == ["Астана", "Казінформ цорреспондент репортс."]

    # The same package without the label: the model reads one position too far.
    metadata = json.loads((pkg.path / "metadata.json").read_text("utf-8"))
    metadata["polyglot"]["source_prefix"] = ""
    (pkg.path / "metadata.json").write_text(json.dumps(metadata), "utf-8")
    assert find_package("en", "kk", models).source_prefix == ""
    assert _translate(models, texts) == ["стана", "азінформ цорреспондент репортс."]


class _EchoTranslator:
    """Stands in for ctranslate2.Translator: records batches, answers with both prefixes."""

    batches: ClassVar[list[tuple[list[list[str]], Any]]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def translate_batch(
        self, batch: list[list[str]], target_prefix: Any = None, **kwargs: Any
    ) -> list[SimpleNamespace]:
        _EchoTranslator.batches.append((batch, target_prefix))
        prefixes = target_prefix or [[] for _ in batch]
        return [
            SimpleNamespace(
                hypotheses=[[*forced, src[0], *(builder.transliterate(p) for p in src[1:])]]
            )
            for src, forced in zip(batch, prefixes, strict=True)
        ]


def test_engine_prefixes_one_token_and_strips_both_prefixes(
    package_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ctranslate2

    models = tmp_path / "models"
    pkg = install_package_file(package_file, models)
    metadata = json.loads((pkg.path / "metadata.json").read_text("utf-8"))
    metadata["target_prefix"] = "__kk__"
    (pkg.path / "metadata.json").write_text(json.dumps(metadata), "utf-8")
    monkeypatch.setattr(ctranslate2, "Translator", _EchoTranslator)
    _EchoTranslator.batches.clear()

    assert _translate(models, ["Astana, France.", "Kazakh"]) == ["Астана, Франце.", "Казакһ"]
    (batch, target_prefix), *_ = _EchoTranslator.batches
    # The label is one token before SentencePiece's pieces, never split into pieces.
    assert sorted(batch) == [
        [">>kaz_Cyrl<<", "▁", "A", "s", "t", "a", "n", "a", ",", "▁", *"France."],
        [">>kaz_Cyrl<<", "▁", *"Kazakh"],
    ]
    assert target_prefix == [["__kk__"], ["__kk__"]]


def test_int8_quantization(release_zip: Path, tmp_path: Path, package_file: Path) -> None:
    models = tmp_path / "models"
    result = _import_cli(release_zip, "--quantization", "int8", "--models-dir", str(models))
    assert result.exit_code == 0, result.output
    pkg = find_package("en", "kk", models)
    assert pkg.metadata["polyglot"]["quantization"] == "int8"
    with zipfile.ZipFile(package_file) as archive:
        float32_size = archive.getinfo("translate-en_kk-opus-mt/model/model.bin").file_size
    # int8 linear weights; the position table stays float32
    assert (pkg.path / "model" / "model.bin").stat().st_size < float32_size * 0.6
    assert _translate(models, ["Jean-Baptiste Lemoyne"]) == ["Жеан-Баптісте Лемоыне"]

    result = _import_cli(release_zip, "--quantization", "int4", "--models-dir", str(models))
    assert result.exit_code == 2 and "unknown quantization 'int4'" in result.output


def test_import_from_a_folder_or_a_zip_with_a_top_folder(
    release_dir: Path, release_files: dict[str, bytes], tmp_path: Path
) -> None:
    pkg = opus_mt.import_release(release_dir, "en", "kk", models_dir=tmp_path / "a")
    assert (pkg.pair, pkg.version, pkg.source_prefix) == ("en-kk", "2024.01.01", ">>kaz_Cyrl<<")

    nested = _zip(
        tmp_path / "nested.zip", {f"eng-kaz/{name}": data for name, data in release_files.items()}
    )
    pkg = opus_mt.import_release(nested, "en", "kk", models_dir=tmp_path / "b")
    assert _translate(tmp_path / "b", ["Paris"]) == ["Паріс"]
    assert pkg.version == "1.0"  # no date in the name


# --- the package ----------------------------------------------------------------------


def test_package_is_deterministic_and_complete(release_zip: Path, tmp_path: Path) -> None:
    first = tmp_path / "1.argosmodel"
    second = tmp_path / "2.argosmodel"
    opus_mt.package_release(release_zip, "en", "kk", first)
    opus_mt.package_release(release_zip, "en", "kk", second)
    assert first.read_bytes() == second.read_bytes()

    top, metadata = validate_archive(first)
    assert top == "translate-en_kk-opus-mt"
    with zipfile.ZipFile(first) as archive:
        names = sorted(n.removeprefix(f"{top}/") for n in archive.namelist())
        readme = archive.read(f"{top}/README.md").decode("utf-8")
        licence = archive.read(f"{top}/LICENSE").decode("utf-8")
    assert names == [
        "",
        "LICENSE",
        "README.md",
        "metadata.json",
        "model/",
        "model/config.json",
        "model/model.bin",
        "model/shared_vocabulary.json",
        "sentencepiece.model",
        "target_sentencepiece.model",
    ]
    digest = hashlib.sha256(release_zip.read_bytes()).hexdigest()
    assert {k: v for k, v in metadata.items() if k != "polyglot"} == {
        "package_version": "2024.01.01",
        "argos_version": "1.9",
        "from_code": "en",
        "from_name": "English",
        "to_code": "kk",
        "to_name": "Kazakh",
        "type": "translate",
        "links": [],
    }
    ours = metadata["polyglot"]
    assert ours["kind"] == "opus-mt"
    assert ours["source_prefix"] == ">>kaz_Cyrl<<"
    assert ours["target_sentencepiece"] == "target_sentencepiece.model"
    assert ours["quantization"] == opus_mt.DEFAULT_QUANTIZATION == "float32"
    assert ours["release"] == release_zip.name and ours["release_sha256"] == digest
    assert ours["converter"].startswith("ctranslate2 ")
    assert digest in readme and "`>>kaz_Cyrl<<`" in readme and "LICENSE" in readme
    assert "A test fixture built by polyglot" in readme  # the release's own README follows
    assert "CC0" in licence


def test_argostranslate_installs_the_package(package_file: Path, tmp_path: Path) -> None:
    # A child process: argostranslate reads its folders from the environment at import.
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
        "p.install_from_path(sys.argv[1])\n"
        "print(json.dumps([[k.from_code, k.to_code, k.package_version, k.package_path.name,"
        " k.get_readme()[:60]] for k in p.get_installed_packages()]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(package_file)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == [
        [
            "en",
            "kk",
            "2024.01.01",
            "translate-en_kk-opus-mt",
            "# English → Kazakh: OPUS-MT, converted by polyglot\n\nAn OPUS-",
        ]
    ]
    assert (
        tmp_path / "packages" / "translate-en_kk-opus-mt" / "target_sentencepiece.model"
    ).is_file()


# --- broken releases ----------------------------------------------------------------------


def test_missing_files_are_listed_together(release_files: dict[str, bytes], tmp_path: Path) -> None:
    kept = {k: v for k, v in release_files.items() if k not in ("target.spm", builder.VOCAB_YML)}
    path = _zip(tmp_path / "broken.zip", kept)
    result = _import_cli(path, "--models-dir", str(tmp_path / "m"))
    assert result.exit_code == 4, result.output
    assert "not a usable OPUS-MT release" in result.output
    assert f"missing {builder.VOCAB_YML} (a vocabulary named in decoder.yml)" in result.output
    assert "missing target.spm" in result.output
    assert "missing source.spm" not in result.output
    assert "Traceback" not in result.output
    assert not list((tmp_path / "m").iterdir())  # nothing installed, no leftovers


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("html", "not a zip archive"),
        ("truncated", "not a zip archive"),
        ("crc", "is corrupt (CRC mismatch)"),
        ("no-decoder", "no decoder.yml"),
        ("bad-decoder", "decoder.yml: 'vocabs' must list the vocabulary .yml files"),
        ("bad-spm", "source.spm is not a SentencePiece model"),
        ("bad-npz", "is not a readable .npz"),
    ],
)
def test_damaged_release_is_refused(
    damage: str, message: str, release_zip: Path, release_files: dict[str, bytes], tmp_path: Path
) -> None:
    path = tmp_path / "release.zip"
    files = dict(release_files)
    if damage == "html":
        path.write_bytes(b"<html>503 Service Unavailable</html>")
    elif damage == "truncated":
        path.write_bytes(release_zip.read_bytes()[: release_zip.stat().st_size // 2])
    elif damage == "crc":
        _zip(path, files, stored=True)
        data = bytearray(path.read_bytes())
        at = data.index(b"A test fixture built by polyglot")
        data[at] ^= 0x20
        path.write_bytes(bytes(data))
    elif damage == "no-decoder":
        del files["decoder.yml"]
        _zip(path, files)
    elif damage == "bad-decoder":
        files["decoder.yml"] = f"models:\n  - {builder.MODEL_NPZ}\n".encode()
        _zip(path, files)
    elif damage == "bad-spm":
        files["source.spm"] = b"not a model"
        _zip(path, files)
    elif damage == "bad-npz":
        files[builder.MODEL_NPZ] = files[builder.MODEL_NPZ][:1000]
        _zip(path, files)
    with pytest.raises(ModelError) as caught:
        opus_mt.import_release(path, "en", "kk", models_dir=tmp_path / "m")
    assert message in caught.value.message
    assert caught.value.hint


def _without(release_files: dict[str, bytes], *drop: str) -> bytes:
    import numpy as np

    with np.load(io.BytesIO(release_files[builder.MODEL_NPZ])) as weights:
        arrays = {k: weights[k] for k in weights.files if k not in drop}
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def test_missing_weights_are_listed(release_files: dict[str, bytes], tmp_path: Path) -> None:
    npz = _without(release_files, "encoder_l1_self_Wq", "decoder_l2_context_Wv")
    folder = builder.write_release(tmp_path / "release", {**release_files, builder.MODEL_NPZ: npz})
    with pytest.raises(ModelError) as caught:
        opus_mt.import_release(folder, "en", "kk", models_dir=tmp_path / "m")
    assert "lacks parameters: encoder_l1_self_Wq, decoder_l2_context_Wv" in caught.value.message


def test_unconvertible_model_is_a_model_error(
    release_files: dict[str, bytes], tmp_path: Path
) -> None:
    # A layer norm the converter looks up by name: its own error, wrapped.
    npz = _without(release_files, "encoder_l1_ffn_ffn_ln_scale")
    folder = builder.write_release(tmp_path / "release", {**release_files, builder.MODEL_NPZ: npz})
    with pytest.raises(ModelError) as caught:
        opus_mt.import_release(folder, "en", "kk", models_dir=tmp_path / "m")
    assert "CTranslate2 cannot convert this model (KeyError:" in caught.value.message
    assert "encoder_l1_ffn_ffn_ln_scale" in caught.value.message


def test_source_prefix_must_be_in_the_vocabulary(release_zip: Path, tmp_path: Path) -> None:
    result = _import_cli(
        release_zip, "--source-prefix", ">>rus<<", "--models-dir", str(tmp_path / "m")
    )
    assert result.exit_code == 4
    assert "'>>rus<<' is not a token of this model's source vocabulary" in result.output
    assert ">>kaz_Cyrl<<, >>kaz_Latn<<" in result.output


def test_choose_source_prefix() -> None:
    labels = [">>kaz_Arab<<", ">>kaz_Cyrl<<", ">>kaz_Hebr<<", ">>kaz_Latn<<", "▁the"]
    assert opus_mt.choose_source_prefix(labels, "kk", None) == ">>kaz_Cyrl<<"
    assert opus_mt.choose_source_prefix(labels, "kk", ">>kaz_Latn<<") == ">>kaz_Latn<<"
    assert opus_mt.choose_source_prefix(labels, "kk", "") == ""
    assert opus_mt.choose_source_prefix(["▁the", "▁a"], "kk", None) == ""  # bilingual model
    assert opus_mt.choose_source_prefix([">>rus<<", ">>ukr<<"], "ru", None) == ">>rus<<"
    with pytest.raises(ModelError, match="none of its labels is plainly kk"):
        opus_mt.choose_source_prefix([">>tur<<", ">>uzb_Latn<<"], "kk", None)


# --- hostile archives and full disks ---------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"../escaped.txt": b"x"}, "'../escaped.txt' would be written outside the folder"),
        ({"/tmp/evil": b"x"}, "'/tmp/evil' would be written outside the folder"),
        ({"zeros.bin": b"\0" * (20 * 1024**2)}, "'zeros.bin' is suspiciously compressible"),
    ],
)
def test_a_hostile_release_zip_is_refused_before_anything_is_extracted(
    extra: dict[str, bytes], message: str, release_files: dict[str, bytes], tmp_path: Path
) -> None:
    path = _zip(tmp_path / "hostile.zip", {**release_files, **extra})
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(ModelError) as caught:
        opus_mt.unpack_release(path, work)
    assert message in caught.value.message
    assert list(work.iterdir()) == []
    assert not (tmp_path / "escaped.txt").exists()


def test_a_release_of_many_10_mib_zero_members_is_refused_before_reading(
    release_files: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fault: 100 x 10 MiB of zeros (1,000 MB from ~1 MB) was accepted."""
    path = _zip(tmp_path / "bomb.zip", release_files)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        for i in range(100):
            with archive.open(f"shard{i}.bin", "w") as out:
                out.write(bytes(10 * 1024**2))

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("a member of a refused archive was read")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    result = _import_cli(path, "--models-dir", str(tmp_path / "m"))
    assert result.exit_code == 4, result.output
    assert "'shard0.bin' is suspiciously compressible" in result.output
    assert "AssertionError" not in result.output


def test_a_symlink_in_a_release_zip_is_refused(
    release_files: dict[str, bytes], tmp_path: Path
) -> None:
    path = _zip(tmp_path / "link.zip", release_files)
    with zipfile.ZipFile(path, "a") as archive:
        info = zipfile.ZipInfo("source.spm.link")
        info.external_attr = (0o120777) << 16
        archive.writestr(info, "/etc/passwd")
    result = _import_cli(path, "--models-dir", str(tmp_path / "m"))
    assert result.exit_code == 4, result.output
    assert "'source.spm.link' is a symbolic link" in result.output


def _full(*args: Any, **kwargs: Any) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_while_unpacking_is_an_output_error(
    release_zip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archives.shutil, "copyfileobj", _full)
    models = tmp_path / "m"
    result = _import_cli(release_zip, "--models-dir", str(models))
    assert result.exit_code == 5, result.output
    assert "the disk is full" in result.output and "unexpected" not in result.output
    assert list(models.iterdir()) == []  # no leftovers


def test_a_full_disk_while_packaging_is_an_output_error(
    release_zip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(opus_mt, "write_package_zip", _full)
    models = tmp_path / "m"
    result = _import_cli(release_zip, "--models-dir", str(models))
    assert result.exit_code == 5, result.output
    assert "the disk is full" in result.output
    assert list(models.iterdir()) == []


# --- the catalogue and `models install en-kk` -----------------------------------------------


def test_catalogue_names_the_eng_kaz_release() -> None:
    release = opus_mt.find_release("en-kk")
    assert release is not None
    assert release.url == (
        "https://object.pouta.csc.fi/Tatoeba-MT-models/eng-kaz/opusTCv20210807+bt-2021-09-05.zip"
    )
    assert release.url.endswith("/" + release.path) and release.filename == CATALOG_ZIP
    assert (release.source_prefix, release.licence) == (">>kaz_Cyrl<<", "CC-BY-4.0")
    # Filled in only with a checksum computed from the real file.
    assert release.sha256 is None or len(bytes.fromhex(release.sha256)) == 32
    assert opus_mt.find_release("en-ru") is None  # the Argos index has that one


def test_install_en_kk_offline_says_how_to_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(opus_mt.MIRROR_ENV, "http://127.0.0.1:9/Tatoeba-MT-models")
    result = runner.invoke(app, ["models", "install", "en-kk", "--models-dir", str(tmp_path)])
    assert result.exit_code == 6, result.output
    output = " ".join(result.output.split())  # rich and the hint may wrap lines
    assert f"could not download the OPUS-MT en→kk release {CATALOG_ZIP}" in output
    assert "http://127.0.0.1:9/Tatoeba-MT-models/eng-kaz/" in output
    assert (
        "download https://object.pouta.csc.fi/Tatoeba-MT-models/eng-kaz/"
        "opusTCv20210807+bt-2021-09-05.zip (CC-BY-4.0)"
    ) in output
    assert f"polyglot models import-opus-mt {CATALOG_ZIP} --from en --to kk" in output
    assert "Traceback" not in result.output
    assert [p.name for p in tmp_path.iterdir()] == []  # no partial download left


def _mirror(tmp_path: Path, release_zip: Path) -> str:
    target = tmp_path / "mirror" / "eng-kaz" / CATALOG_ZIP
    target.parent.mkdir(parents=True)
    target.write_bytes(release_zip.read_bytes())
    return (tmp_path / "mirror").as_uri()


def test_install_en_kk_downloads_converts_and_installs(
    release_zip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(opus_mt.MIRROR_ENV, _mirror(tmp_path, release_zip))
    models = tmp_path / "models"
    result = runner.invoke(app, ["models", "install", "en-kk", "--models-dir", str(models)])
    assert result.exit_code == 0, result.output
    assert "installed en-kk 2021.09.05" in result.output
    pkg = find_package("en", "kk", models)
    ours = pkg.metadata["polyglot"]
    assert ours["release_url"] == opus_mt.find_release("en-kk").url  # type: ignore[union-attr]
    assert ours["release_sha256"] == hashlib.sha256(release_zip.read_bytes()).hexdigest()
    assert ours["licence"] == "CC-BY-4.0"
    readme = (pkg.path / "README.md").read_text("utf-8")
    assert "licence: CC-BY-4.0" in readme and "Tiedemann and Thottingal" in readme
    assert _translate(models, ["Kazakhstan"]) == ["Казакһстан"]
    assert sorted(p.name for p in models.iterdir()) == ["translate-en_kk-opus-mt"]


def test_install_en_kk_checks_the_sha256(
    release_zip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(opus_mt.MIRROR_ENV, _mirror(tmp_path, release_zip))
    real = opus_mt.load_catalog()["en-kk"]
    digest = hashlib.sha256(release_zip.read_bytes()).hexdigest()

    monkeypatch.setattr(opus_mt, "load_catalog", lambda: {"en-kk": replace(real, sha256="0" * 64)})
    result = runner.invoke(app, ["models", "install", "en-kk", "--models-dir", str(tmp_path / "a")])
    assert result.exit_code == 4, result.output
    assert f"sha256 {digest} differs from the catalogue's {'0' * 64}" in result.output
    assert not list((tmp_path / "a").iterdir())

    monkeypatch.setattr(opus_mt, "load_catalog", lambda: {"en-kk": replace(real, sha256=digest)})
    result = runner.invoke(app, ["models", "install", "en-kk", "--models-dir", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output

    # import-opus-mt checks a file named like a catalogue release against it too.
    renamed = tmp_path / CATALOG_ZIP
    renamed.write_bytes(release_zip.read_bytes() + b"\0")
    with pytest.raises(ModelError, match="differs from the catalogue's"):
        opus_mt.import_release(renamed, "en", "kk", models_dir=tmp_path / "c")


def test_install_en_kk_uses_the_argos_index_when_it_has_the_pair(
    package_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = tmp_path / "index.json"
    entry = {
        "from_code": "en",
        "to_code": "kk",
        "type": "translate",
        "package_version": "9.9",
        "links": [package_file.as_uri()],
    }
    index.write_text(json.dumps([entry]), "utf-8")
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index.as_uri())
    monkeypatch.setenv(opus_mt.MIRROR_ENV, "http://127.0.0.1:9/")  # OPUS-MT would fail
    result = runner.invoke(app, ["models", "install", "en-kk", "--models-dir", str(tmp_path / "m")])
    assert result.exit_code == 0, result.output
    assert "installed en-kk 2024.01.01" in result.output
    assert "translate-en_kk-opus-mt" in result.output


def test_output_only_writes_the_package_file_with_the_users_umask(
    release_zip: Path, tmp_path: Path, isolated_home: Path
) -> None:
    kept = tmp_path / "kept" / "en_kk.argosmodel"
    old = os.umask(0o022)
    try:
        result = _import_cli(release_zip, "--output", str(kept))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert f"wrote {kept}; install it with: polyglot models install {kept}" in result.output
    assert "installed" not in result.output
    assert kept.stat().st_mode & 0o777 == 0o644
    assert os.listdir(kept.parent) == ["en_kk.argosmodel"]  # no work folder left
    assert not (isolated_home / "argos-packages").exists()  # nothing installed
    models = tmp_path / "models"
    result = runner.invoke(app, ["models", "install", str(kept), "--models-dir", str(models)])
    assert result.exit_code == 0, result.output
    assert _translate(models, ["Astana"]) == ["Астана"]
    result = _import_cli(release_zip, "--output", str(kept), "--models-dir", str(models))
    assert result.exit_code == 2 and "--output writes the package file only" in result.output


def test_a_bad_output_path_is_refused_before_converting(tmp_path, monkeypatch):
    import polyglot.models.opus_mt

    def never(*args, **kwargs):
        raise AssertionError("the release was unpacked before --output was checked")

    monkeypatch.setattr(polyglot.models.opus_mt, "unpack_release", never)
    (tmp_path / "afile").write_text("x")
    for output, message in ((tmp_path / "afile" / "x.argosmodel", "is a file, not a folder"),
                            (tmp_path, "is a folder")):  # fmt: skip
        result = runner.invoke(
            app,
            ["models", "import-opus-mt", str(tmp_path / "r.zip"), "--from", "en", "--to", "kk",
             "--output", str(output)],
        )  # fmt: skip
        assert result.exit_code == 2, result.output
        assert message in result.output


# --- a conversion killed midway: its work folder is swept by the next models command -------

#: Converts RELEASE (installing into TARGET, or writing the package file TARGET with
#: "output") and SIGKILLs itself once the model is converted, before it is packaged.
_KILLED_CONVERSION = r"""
import os, sys
from pathlib import Path
from polyglot.models import opus_mt
real = opus_mt.convert_release

def convert(release, model_dir, quantization):
    real(release, model_dir, quantization)
    os.kill(os.getpid(), 9)

opus_mt.convert_release = convert
release, mode, target = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
if mode == "install":
    opus_mt.import_release(release, "en", "kk", models_dir=target)
else:
    opus_mt.package_release(release, "en", "kk", target)
"""


def _kill_conversion(release: Path, mode: str, target: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_CONVERSION, str(release), mode, str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == -9, done.stderr


def _age(folder: Path) -> None:
    then = os.stat(folder).st_mtime - 3600
    for marker in folder.glob(".*/.polyglot-scratch"):
        os.utime(marker, (then, then))


def test_a_killed_conversion_is_swept_by_the_next_models_command(
    release_zip: Path, tmp_path: Path
) -> None:
    models = tmp_path / "models"
    _kill_conversion(release_zip, "install", models)
    [leftover] = [p.name for p in models.iterdir()]  # the fault: unpacked and converted files
    assert leftover.startswith(".opus-mt-")
    _age(models)
    result = _import_cli(release_zip, "--models-dir", str(models))
    assert result.exit_code == 0, result.output
    assert f"note: removed {leftover}, left by an interrupted OPUS-MT conversion" in result.output
    assert sorted(p.name for p in models.iterdir()) == ["translate-en_kk-opus-mt"]


def test_a_killed_conversion_to_a_file_leaves_one_work_folder_swept_by_the_next(
    release_zip: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "packages-to-ship"
    folder.mkdir()
    (folder / "notes.txt").write_text("the user's")
    output = folder / "en-kk.argosmodel"
    _kill_conversion(release_zip, "output", output)
    # nothing but the marked work folder beside the user's files (no .convert-*, no .en-kk.*)
    [leftover] = [p.name for p in folder.iterdir() if p.name != "notes.txt"]
    assert leftover.startswith(".opus-mt-")
    _age(folder)
    result = _import_cli(release_zip, "--output", str(output))
    assert result.exit_code == 0, result.output
    assert f"note: removed {leftover}, left by an interrupted OPUS-MT conversion" in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["en-kk.argosmodel", "notes.txt"]
    assert (folder / "notes.txt").read_text() == "the user's"
