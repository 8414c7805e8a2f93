"""Missing and broken models as a translator meets them (issue 18, item 13): every
missing pair is listed with its install command, a models folder that does not exist
is named as such, and a package without its model is marked broken."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from polyglot.cli import app

runner = CliRunner()


def only(pairs: list[str], test_packages_dir: Path, folder: Path) -> Path:
    folder.mkdir()
    for pair in pairs:
        (package,) = test_packages_dir.glob(f"translate-{pair.replace('-', '_')}-*")
        shutil.copytree(package, folder / package.name)
    return folder


def test_every_missing_pair_is_listed_with_its_command(seed_path, tmp_path, test_packages_dir):
    models = only(["en-ru"], test_packages_dir, tmp_path / "models")
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["translate", str(seed_path), "--to", "kk,ru,fr", "--models-dir", str(models),
         "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 4
    assert "2 language pairs cannot be translated" in result.output
    assert "no model installed for en→kk" in result.output
    assert "polyglot models install en-kk" in result.output
    assert "no model installed for en→fr" in result.output
    assert "polyglot models install en-fr" in result.output
    assert "en→ru" not in result.output
    assert not out.exists()


def test_a_models_folder_that_does_not_exist_is_named(seed_path, tmp_path):
    result = runner.invoke(
        app,
        ["translate", str(seed_path), "--to", "kk,ru", "--models-dir", str(tmp_path / "typo")],
    )
    assert result.exit_code == 4
    assert f"the models folder {tmp_path / 'typo'} (--models-dir) does not exist" in result.output
    assert "no model installed" not in result.output
    assert result.output.count("does not exist") == 1  # said once, not per pair


def test_a_package_without_its_model_is_broken(seed_path, tmp_path, test_packages_dir):
    models = only(["en-ru"], test_packages_dir, tmp_path / "models")
    (package,) = models.iterdir()
    (package / "model" / "model.bin").unlink()
    result = runner.invoke(app, ["models", "list", "--models-dir", str(models)])
    assert result.exit_code == 4
    assert "model/model.bin is missing" in result.output
    assert "no packages installed" in result.output  # not listed as healthy
    result = runner.invoke(
        app, ["translate", str(seed_path), "--to", "ru", "--models-dir", str(models)]
    )
    assert result.exit_code == 4
    assert "the en→ru package is broken" in result.output
    assert "polyglot models install en-ru" in result.output
