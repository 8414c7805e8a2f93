"""``polyglot models``: list, install, remove Argos packages; import OPUS-MT releases."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from polyglot.cli.app import sub_app

models_app = sub_app("models", "Manage translation model packages (Argos Translate format).")

ModelsDir = Annotated[
    Path | None,
    typer.Option("--models-dir", help="Argos packages folder (default: ARGOS_PACKAGES_DIR)."),
]


def parse_pair(text: str) -> str:
    """ "EN-ru" -> "en-ru"; a usage error for anything that is not two different codes."""
    from polyglot.languages import LanguagePair

    return str(LanguagePair.parse(text))


def _recover(models_dir: Path | None) -> None:
    """Restore or clean what a killed install left, and say so."""
    from polyglot.models.install import recover_interrupted

    for line in recover_interrupted(models_dir):
        typer.echo(f"note: {line}", err=True)


def _sweep(folder: Path) -> None:
    """Delete the work folders killed downloads or conversions left in ``folder``, and say so."""
    from polyglot.models.scratch import sweep_scratch

    for line in sweep_scratch(folder):
        typer.echo(f"note: {line}", err=True)


def _check_models_dir(models_dir: Path | None) -> None:
    from polyglot.errors import UsageError

    if models_dir is not None and models_dir.exists() and not models_dir.is_dir():
        raise UsageError(f"--models-dir {models_dir} is a file, not a folder")


@models_app.command("list")
def list_models(models_dir: ModelsDir = None) -> None:
    """List installed packages: pair, version, size and folder.  Exits 4 after the list
    when a package folder is broken, naming each and how to fix it."""
    from polyglot.models.installed import broken_packages_error, list_installed, packages_dir

    _check_models_dir(models_dir)
    _recover(models_dir)
    installed, broken = list_installed(models_dir)
    if not installed:
        typer.echo(f"no packages installed in {packages_dir(models_dir)}", err=True)
    for pkg in installed:
        size = pkg.size_bytes() / 1024**2
        typer.echo(f"{pkg.pair:8} {pkg.version:10} {size:8.1f} MB  {pkg.path}")
    if broken:
        raise broken_packages_error(broken, models_dir)


@models_app.command("install")
def install_model(
    what: Annotated[str, typer.Argument(help="A pair such as en-ru, or an .argosmodel file.")],
    models_dir: ModelsDir = None,
) -> None:
    """Install a package from a file, or download the pair's package.

    Pairs come from the Argos index; en-kk, which it lacks, from OPUS-MT (converted here).
    """
    from polyglot.models.install import install_package_file
    from polyglot.models.pairs import install_pair

    _check_models_dir(models_dir)
    _recover(models_dir)
    if what.endswith(".argosmodel") or Path(what).is_file() or "/" in what:
        pkg = install_package_file(Path(what), models_dir)
    else:
        from polyglot.cli.progress import DownloadProgress

        pair = parse_pair(what)
        with DownloadProgress(f"downloading {pair}") as progress:
            pkg = install_pair(pair, models_dir, progress)
    typer.echo(f"installed {pkg.pair} {pkg.version} in {pkg.path}")


@models_app.command("import-opus-mt")
def import_opus_mt(
    path: Annotated[Path, typer.Argument(help="An OPUS-MT release .zip, or its unpacked folder.")],
    source: Annotated[str, typer.Option("--from", help="Source language code, e.g. en.")],
    target: Annotated[str, typer.Option("--to", help="Target language code, e.g. kk.")],
    source_prefix: Annotated[
        str | None,
        typer.Option(
            "--source-prefix",
            help="Language label put before every source sentence, e.g. '>>kaz_Cyrl<<'. "
            "Default: the model's label for the target language ('' for none).",
        ),
    ] = None,
    quantization: Annotated[
        str,
        typer.Option(
            help="Weights as float32 (exact; the default) or int8 (4x smaller, reported to make "
            "some OPUS-MT models repeat words; translate --compute-type int8 gets int8 speed "
            "from a float32 package).",
        ),
    ] = "float32",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            help="Only write the .argosmodel here (install it with: polyglot models install "
            "FILE); nothing is installed.",
        ),
    ] = None,
    models_dir: ModelsDir = None,
) -> None:
    """Convert an OPUS-MT (Marian) release into an Argos package and install it (or, with
    --output, only write the package file)."""
    from polyglot.errors import UsageError
    from polyglot.languages import LanguagePair
    from polyglot.models.opus_mt import import_release, package_release

    pair = LanguagePair.parse(f"{source}-{target}")
    if output is not None:
        if models_dir is not None:
            raise UsageError(
                "--output writes the package file only; --models-dir has nothing to do",
                "leave out --models-dir, or --output to install",
            )
        _sweep(output.parent)  # what a killed conversion left beside an earlier --output
        package_release(
            path,
            pair.source,
            pair.target,
            output,
            source_prefix=source_prefix,
            quantization=quantization,
        )
        typer.echo(f"wrote {output}; install it with: polyglot models install {output}")
        return
    _check_models_dir(models_dir)
    _recover(models_dir)
    pkg = import_release(
        path,
        pair.source,
        pair.target,
        source_prefix=source_prefix,
        quantization=quantization,
        models_dir=models_dir,
    )
    prefix = f", source prefix {pkg.source_prefix}" if pkg.source_prefix else ""
    typer.echo(f"installed {pkg.pair} {pkg.version} in {pkg.path}{prefix}")


@models_app.command("remove")
def remove_model(
    pair: Annotated[str, typer.Argument(help="The pair to uninstall, e.g. en-ru.")],
    models_dir: ModelsDir = None,
) -> None:
    """Uninstall the packages for a language pair."""
    from polyglot.models.install import remove_package

    _check_models_dir(models_dir)
    _recover(models_dir)
    for pkg in remove_package(parse_pair(pair), models_dir):
        typer.echo(f"removed {pkg.pair} {pkg.version} ({pkg.path})")
