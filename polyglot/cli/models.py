"""``polyglot models``: list, install, remove Argos packages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from polyglot.cli.app import report_error, sub_app

models_app = sub_app("models", "Manage translation model packages (Argos Translate format).")

ModelsDir = Annotated[
    Path | None,
    typer.Option("--models-dir", help="Argos packages folder [default: ARGOS_PACKAGES_DIR]."),
]


@models_app.command("list")
def list_models(models_dir: ModelsDir = None) -> None:
    """List installed packages: pair, version, size and folder."""
    from polyglot.models import list_installed, packages_dir

    installed, broken = list_installed(models_dir)
    if not installed:
        typer.echo(f"no packages installed in {packages_dir(models_dir)}", err=True)
    for pkg in installed:
        size = pkg.size_bytes() / 1024**2
        typer.echo(f"{pkg.pair:8} {pkg.version:10} {size:8.1f} MB  {pkg.path}")
    for problem in broken:
        report_error(str(problem), "remove that folder, or reinstall the package")


@models_app.command("install")
def install_model(
    what: Annotated[str, typer.Argument(help="A pair such as en-ru, or an .argosmodel file.")],
    models_dir: ModelsDir = None,
) -> None:
    """Install a package from a file, or download the pair's package from the Argos index."""
    from polyglot.models import install_from_index, install_package_file

    if what.endswith(".argosmodel") or Path(what).is_file():
        pkg = install_package_file(Path(what), models_dir)
    else:
        from polyglot.cli.progress import DownloadProgress
        from polyglot.languages import parse_lang

        source, sep, target = what.partition("-")
        pair = f"{parse_lang(source)}-{parse_lang(target)}" if sep else what
        with DownloadProgress(f"downloading {pair}") as progress:
            pkg = install_from_index(pair, models_dir, progress)
    typer.echo(f"installed {pkg.pair} {pkg.version} in {pkg.path}")


@models_app.command("remove")
def remove_model(
    pair: Annotated[str, typer.Argument(help="The pair to uninstall, e.g. en-ru.")],
    models_dir: ModelsDir = None,
) -> None:
    """Uninstall the packages for a language pair."""
    from polyglot.models import remove_package

    for pkg in remove_package(pair, models_dir):
        typer.echo(f"removed {pkg.pair} {pkg.version} ({pkg.path})")
