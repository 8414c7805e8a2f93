"""OPUS-MT releases as Argos packages: check a release, convert it, package it, install it.

An OPUS-MT (Tatoeba-MT) release is a zip of a Marian model: ``decoder.yml``
names the ``.npz`` weights and the vocabulary ``.yml`` files; ``source.spm``
and ``target.spm`` are its SentencePiece models; README and LICENSE say what it
is. :func:`import_release` checks a release (every problem at once), converts it
with CTranslate2's ``OpusMTConverter`` (numpy and pyyaml only, no torch),
writes an ``.argosmodel`` (byte-identical for the same release and options) and
installs it with :func:`polyglot.models.install.install_package_file`.

Multi-target OPUS-MT models want a language label such as ``>>kaz_Cyrl<<`` as
the first *source* token. It is one vocabulary entry, which SentencePiece would
split if it were part of the text, so the package stores it in
``metadata.json`` as ``polyglot.source_prefix`` and the argos engine puts it
before the encoded tokens of every sentence. (Argos Translate ignores the key.)

:func:`install_release` downloads a release named in polyglot's catalogue
(``data/opus_mt_catalog.json``) and imports it; ``polyglot models install PAIR``
uses it for pairs the Argos index lacks.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

from polyglot.errors import InputError, ModelError, NetworkError, UsageError
from polyglot.languages import split_pair
from polyglot.models.archives import (
    check_members,
    member_name,
    safe_extract,
    write_error,
    write_package_zip,
)
from polyglot.models.download import DownloadProgress, download_file
from polyglot.models.install import install_package_file
from polyglot.models.installed import InstalledPackage, packages_dir
from polyglot.models.scratch import scratch_folder

#: Weight types a release can be converted to.
QUANTIZATIONS = ("float32", "int8")
#: float32 keeps the released weights exactly. int8 makes the package about four
#: times smaller, but is reported to make some OPUS-MT conversions repeat words;
#: a float32 package can still run in int8 (``translate --compute-type int8``),
#: while an int8 package cannot get its float32 weights back.
DEFAULT_QUANTIZATION = "float32"
#: A base URL that replaces the catalogue's download host (a local mirror, file:// too).
MIRROR_ENV = "POLYGLOT_OPUS_MT_MIRROR"

ARGOS_VERSION = "1.9"
SOURCE_SPM = "sentencepiece.model"  # the name Argos looks for
TARGET_SPM = "target_sentencepiece.model"

_LABEL = re.compile(r">>[A-Za-z0-9_]+<<")
#: ISO 639-1 → the ISO 639-3 codes OPUS-MT's labels use (for choosing a label).
_ISO639_3 = {
    "az": "aze",
    "ba": "bak",
    "de": "deu",
    "en": "eng",
    "es": "spa",
    "fr": "fra",
    "kk": "kaz",
    "ky": "kir",
    "ru": "rus",
    "tk": "tuk",
    "tr": "tur",
    "tt": "tat",
    "ug": "uig",
    "uk": "ukr",
    "uz": "uzb",
}


# --- the catalogue -------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogRelease:
    """An OPUS-MT release polyglot knows how to fetch for a language pair."""

    pair: str
    release: str  # e.g. "eng-kaz/opusTCv20210807+bt-2021-09-05"
    url: str
    path: str  # the zip relative to the object storage, for mirrors
    sha256: str | None
    licence: str
    source_prefix: str
    about: str = ""
    scores: str = ""
    attribution: str = ""

    @property
    def filename(self) -> str:
        return PurePosixPath(self.path).name

    def download_urls(self) -> list[str]:
        """Where to download it: the mirror in ``POLYGLOT_OPUS_MT_MIRROR``, else ``url``."""
        mirror = os.environ.get(MIRROR_ENV, "").strip()
        return [f"{mirror.rstrip('/')}/{self.path}"] if mirror else [self.url]

    def provenance(self, sha256: str | None) -> Provenance:
        return Provenance(
            release=self.filename,
            sha256=sha256,
            url=self.url,
            licence=self.licence,
            about=self.about,
            scores=self.scores,
            attribution=self.attribution,
        )


def load_catalog() -> dict[str, CatalogRelease]:
    """The releases in ``polyglot/data/opus_mt_catalog.json``, by pair ("en-kk")."""
    text = resources.files("polyglot").joinpath("data/opus_mt_catalog.json").read_text("utf-8")
    releases = [CatalogRelease(**entry) for entry in json.loads(text)["releases"]]
    return {release.pair: release for release in releases}


def find_release(pair: str) -> CatalogRelease | None:
    """The catalogue's release for ``pair``, if there is one."""
    return load_catalog().get(pair)


# --- checking a release ------------------------------------------------------------------


@dataclass(frozen=True)
class MarianRelease:
    """An unpacked OPUS-MT release with every file conversion needs (names relative to folder)."""

    folder: Path
    name: str  # the zip's or folder's name, e.g. "opusTCv20210807+bt-2021-09-05"
    model: str
    vocabs: tuple[str, ...]
    readme: str | None
    licence: str | None


@dataclass(frozen=True)
class Provenance:
    """Where a release came from, for the package's README and metadata."""

    release: str
    sha256: str | None = None
    url: str | None = None
    licence: str | None = None
    about: str = ""
    scores: str = ""
    attribution: str = ""


@dataclass(frozen=True)
class _Layout:
    prefix: str  # folder of decoder.yml inside the archive ("" or "name/")
    model: str
    vocabs: tuple[str, ...]


def _find_layout(
    names: Collection[str], read: Callable[[str], bytes], problems: list[str]
) -> _Layout | None:
    """Find decoder.yml and check that what it names, and both tokenizers, are present."""
    import yaml

    decoders = sorted(n for n in names if PurePosixPath(n).name == "decoder.yml")
    if len(decoders) != 1:
        problems.append(
            "no decoder.yml (Marian's configuration naming the model and vocabularies)"
            if not decoders
            else f"several decoder.yml files: {', '.join(decoders[:5])}"
        )
        return None
    parent = str(PurePosixPath(decoders[0]).parent)
    prefix = "" if parent == "." else parent + "/"
    try:
        config = yaml.safe_load(read(decoders[0]))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(f"decoder.yml is not valid YAML ({exc})")
        return None
    config = config if isinstance(config, dict) else {}
    models = config.get("models")
    vocabs = config.get("vocabs")
    if not (isinstance(models, list) and models and all(isinstance(m, str) for m in models)):
        problems.append("decoder.yml: 'models' must list the model's .npz file")
        models = None
    if not (isinstance(vocabs, list) and vocabs and all(isinstance(v, str) for v in vocabs)):
        problems.append("decoder.yml: 'vocabs' must list the vocabulary .yml files")
        vocabs = None
    required = {"source.spm": "the source SentencePiece model", "target.spm": "the target one"}
    if models:
        required[models[0]] = "the model weights named in decoder.yml"
    for vocab in vocabs or []:
        required[vocab] = "a vocabulary named in decoder.yml"
    for name, role in required.items():
        if prefix + name not in names:
            problems.append(f"missing {name} ({role})")
    if not (models and vocabs):
        return None
    return _Layout(prefix, models[0], tuple(vocabs))


def _release_error(shown: str, problems: Sequence[str]) -> ModelError:
    listing = "\n".join(f"  - {p}" for p in problems)
    return ModelError(
        f"{shown}: not a usable OPUS-MT release:\n{listing}",
        "download the release zip again (the catalogue URL is in the README, 'Kazakh'); "
        "a release holds decoder.yml, the .npz model, the vocabulary .yml, source.spm and "
        "target.spm",
    )


def unpack_release(path: Path, workdir: Path) -> MarianRelease:
    """Check a release zip or folder; a zip is extracted into ``workdir``.

    Raises one :class:`ModelError` that lists every problem found.
    """
    path = Path(path)
    if path.is_dir():
        files = {p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file()}
        problems: list[str] = []
        layout = _find_layout(files, lambda name: (path / name).read_bytes(), problems)
        if problems or layout is None:
            raise _release_error(str(path), problems)
        return _release(path / layout.prefix, path.name, layout, files)
    if not path.is_file():
        raise InputError(
            "no such file or folder", "give an OPUS-MT release .zip or its folder", path=str(path)
        )
    if not zipfile.is_zipfile(path):
        raise _release_error(str(path), ["not a zip archive (an incomplete download?)"])
    problems = []
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            problems = check_members(infos)
            if problems:  # reading decoder.yml could already unpack a bomb
                raise _release_error(str(path), problems)
            stored = {member_name(i.filename): i.filename for i in infos if not i.is_dir()}
            layout = _find_layout(stored, lambda name: archive.read(stored[name]), problems)
            bad = archive.testzip()
            if bad is not None:
                problems.append(
                    f"member {bad!r} is corrupt (CRC mismatch): the download is damaged"
                )
            if problems or layout is None:
                raise _release_error(str(path), problems)
            folder = workdir / "release"
            safe_extract(archive, folder, under=layout.prefix)
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise _release_error(
            str(path), [*problems, f"the zip archive is damaged ({exc})"]
        ) from None
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    return _release(folder, path.stem, _Layout("", layout.model, layout.vocabs), files)


def _release(folder: Path, name: str, layout: _Layout, files: Collection[str]) -> MarianRelease:
    def first(*candidates: str) -> str | None:
        return next((c for c in candidates if layout.prefix + c in files), None)

    return MarianRelease(
        folder=folder,
        name=name,
        model=layout.model,
        vocabs=layout.vocabs,
        readme=first("README.md", "README"),
        licence=first("LICENSE", "LICENSE.txt", "LICENCE"),
    )


def read_source_vocabulary(release: MarianRelease) -> list[str]:
    """The source vocabulary, read the way CTranslate2's converter reads it."""
    from ctranslate2.converters.marian import load_vocab

    path = release.folder / release.vocabs[0]
    try:
        vocab: list[str] = load_vocab(str(path))
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        raise _release_error(release.name, [f"{release.vocabs[0]}: unreadable ({exc})"]) from None
    return vocab


def check_release_contents(release: MarianRelease) -> None:
    """Check that the tokenizers load and the weights are a Marian model; all problems at once."""
    import numpy as np
    import sentencepiece

    problems = []
    for name in ("source.spm", "target.spm"):
        try:
            sentencepiece.SentencePieceProcessor(model_file=str(release.folder / name))
        except (OSError, RuntimeError) as exc:
            problems.append(f"{name} is not a SentencePiece model ({exc})")
    try:
        with np.load(release.folder / release.model) as weights:
            names = set(weights.files)
            if "special:model.yml" in names:
                config = _model_config(weights["special:model.yml"], problems)
                missing = _missing_parameters(names, config)
                if missing:
                    more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
                    problems.append(
                        f"{release.model} lacks parameters: {', '.join(missing[:8])}{more}"
                    )
            else:
                problems.append(f"{release.model} has no special:model.yml: not a Marian model")
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        problems.append(f"{release.model} is not a readable .npz ({exc})")
    if problems:
        raise _release_error(release.name, problems)


def _model_config(raw: Any, problems: list[str]) -> dict[str, Any]:
    """Marian's options, stored NUL-terminated in the .npz."""
    import yaml

    try:
        config = yaml.safe_load(raw[:-1].tobytes())
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(f"special:model.yml is not valid YAML ({exc})")
        return {}
    return config if isinstance(config, dict) else {}


def _missing_parameters(names: Collection[str], config: dict[str, Any]) -> list[str]:
    """Weights the converter reads without checking (a missing one fails obscurely there)."""
    missing = []
    for side in ("encoder", "decoder"):
        if "Wemb" not in names and f"{side}_Wemb" not in names:
            missing.append(f"{side}_Wemb (or Wemb)")
    for side, depth_key, blocks in (
        ("encoder", "enc-depth", ("self",)),
        ("decoder", "dec-depth", ("self", "context")),
    ):
        depth = config.get(depth_key)
        for layer in range(1, depth + 1 if isinstance(depth, int) else 1):
            scope = f"{side}_l{layer}"
            expected = [f"{scope}_{block}_W{w}" for block in blocks for w in "qkvo"]
            expected += [f"{scope}_ffn_W1", f"{scope}_ffn_W2"]
            missing += [name for name in expected if name not in names]
    return missing


def choose_source_prefix(vocab: Collection[str], to_code: str, given: str | None) -> str:
    """The language label to put before every source sentence ("" for none).

    ``given`` must be in the vocabulary. When it is None, a model without
    labels gets none, and a multi-target model gets the label of ``to_code`` in
    its usual script (``kk`` → ``>>kaz_Cyrl<<``) if that is unambiguous.
    """
    labels = sorted(t for t in set(vocab) if _LABEL.fullmatch(t))
    if given is not None:
        if given and given not in vocab:
            known = ", ".join(labels[:30]) if labels else "none: give --source-prefix ''"
            raise ModelError(
                f"the source prefix {given!r} is not a token of this model's source vocabulary",
                f"language labels this model knows: {known}",
            )
        return given
    if not labels:
        return ""
    code3 = _ISO639_3.get(to_code, to_code)
    script = _usual_script(to_code)
    for candidate in (f">>{code3}_{script}<<", f">>{code3}<<"):
        if candidate in labels:
            return candidate
    matching = [label for label in labels if label[2:-2].split("_")[0] == code3]
    if len(matching) == 1:
        return matching[0]
    raise ModelError(
        f"this model needs a language label before each sentence, and none of its labels "
        f"is plainly {to_code}",
        f"name one with --source-prefix; labels in the vocabulary: {', '.join(labels[:30])}",
    )


def _usual_script(code: str) -> str:
    from babel.core import get_global

    likely: Mapping[str, str] = get_global("likely_subtags")
    parts = likely.get(code, "").split("_")
    return parts[1] if len(parts) > 2 else ""


def release_version(name: str) -> str:
    """A package version from the release's date ("…-2021-09-05" → "2021.09.05"), else 1.0."""
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", name)
    return f"{match[1]}.{match[2]}.{match[3]}" if match else "1.0"


# --- converting and packaging -----------------------------------------------------------


def convert_release(release: MarianRelease, model_dir: Path, quantization: str) -> None:
    """Convert the Marian model to a CTranslate2 model in ``model_dir``."""
    from ctranslate2.converters import OpusMTConverter

    try:
        OpusMTConverter(str(release.folder)).convert(
            str(model_dir), quantization=quantization, force=True
        )
    except (
        KeyError,
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
        ImportError,
        NotImplementedError,
        RuntimeError,
        zipfile.BadZipFile,
    ) as exc:  # what a converter raises for a model it cannot read
        raise ModelError(
            f"{release.name}: CTranslate2 cannot convert this model ({type(exc).__name__}: {exc})",
            "polyglot converts OPUS-MT transformer models; check that the release is complete "
            "and unmodified (download it again)",
        ) from None


def build_package(
    release: MarianRelease,
    dest: Path,
    *,
    from_code: str,
    to_code: str,
    source_prefix: str,
    quantization: str = DEFAULT_QUANTIZATION,
    provenance: Provenance | None = None,
) -> Path:
    """Convert ``release`` and write it as an .argosmodel at ``dest``; returns ``dest``.

    The same release and options give the same bytes (sorted members, fixed
    dates and modes).
    """
    import ctranslate2

    if quantization not in QUANTIZATIONS:
        raise UsageError(
            f"unknown quantization {quantization!r}", f"choose one of: {', '.join(QUANTIZATIONS)}"
        )
    provenance = provenance or Provenance(release=release.name)
    folder = f"translate-{from_code}_{to_code}-opus-mt"
    with tempfile.TemporaryDirectory(prefix=".convert-", dir=dest.parent) as tmp:
        model_dir = Path(tmp) / "model"
        convert_release(release, model_dir, quantization)
        converter = f"ctranslate2 {ctranslate2.__version__} OpusMTConverter"
        metadata = render_metadata(
            from_code, to_code, source_prefix, quantization, provenance, converter
        )
        files: dict[str, Path | bytes] = {
            "metadata.json": metadata.encode("utf-8"),
            "README.md": render_readme(
                release, from_code, to_code, source_prefix, quantization, provenance, converter
            ).encode("utf-8"),
            SOURCE_SPM: release.folder / "source.spm",
            TARGET_SPM: release.folder / "target.spm",
        }
        if release.licence:
            files["LICENSE"] = release.folder / release.licence
        for path in sorted(model_dir.iterdir()):
            files[f"model/{path.name}"] = path
        write_package_zip(dest, folder, files, stored={"model/model.bin"})
    return dest


def render_metadata(
    from_code: str,
    to_code: str,
    source_prefix: str,
    quantization: str,
    provenance: Provenance,
    converter: str,
) -> str:
    """The package's metadata.json: Argos' fields, and polyglot's under "polyglot"."""
    from polyglot.languages import language_name

    metadata = {
        "package_version": release_version(provenance.release),
        "argos_version": ARGOS_VERSION,
        "from_code": from_code,
        "from_name": language_name(from_code, "en"),
        "to_code": to_code,
        "to_name": language_name(to_code, "en"),
        "type": "translate",
        "links": [],
        "polyglot": {
            "kind": "opus-mt",
            "source_prefix": source_prefix,
            "target_sentencepiece": TARGET_SPM,
            "quantization": quantization,
            "converter": converter,
            "release": provenance.release,
            "release_url": provenance.url,
            "release_sha256": provenance.sha256,
            "licence": provenance.licence,
        },
    }
    return json.dumps(metadata, indent=2, ensure_ascii=False) + "\n"


def render_readme(
    release: MarianRelease,
    from_code: str,
    to_code: str,
    source_prefix: str,
    quantization: str,
    provenance: Provenance,
    converter: str,
) -> str:
    """The package's README.md: what it is, where it came from, its licence."""
    from polyglot.languages import language_name

    lines = [
        f"# {language_name(from_code, 'en')} → {language_name(to_code, 'en')}: OPUS-MT, "
        "converted by polyglot",
        "",
        f"An OPUS-MT (Marian) model converted with {converter}, weights stored as {quantization}.",
        "",
        f"- release: `{provenance.release}`",
    ]
    if provenance.url:
        lines.append(f"- downloaded from: {provenance.url}")
    if provenance.sha256:
        lines.append(f"- sha256 of the release zip: `{provenance.sha256}`")
    if provenance.about:
        lines.append(f"- about the model: {provenance.about}")
    if provenance.scores:
        lines.append(f"- scores: {provenance.scores}")
    licence = provenance.licence or "as stated in the release"
    lines.append(
        f"- licence: {licence}" + ("; the release's LICENSE is included" if release.licence else "")
    )
    if provenance.attribution:
        lines.append(f"- attribution: {provenance.attribution}")
    lines += [
        "",
        "## Using it",
        "",
        f"Source text is encoded with `{SOURCE_SPM}` (the release's source.spm) and output "
        f"decoded with `{TARGET_SPM}` (its target.spm).",
    ]
    if source_prefix:
        lines += [
            "",
            f"Every source sentence must start with the language label `{source_prefix}`, one "
            "vocabulary token put before the SentencePiece pieces. polyglot reads it from "
            "metadata.json (`polyglot.source_prefix`); Argos Translate ignores that key and "
            "translates without the label.",
        ]
    if release.readme:
        original = (release.folder / release.readme).read_text("utf-8", errors="replace")
        lines += ["", "## The release's README", "", original.strip()]
    return "\n".join(lines) + "\n"


# --- importing and installing -------------------------------------------------------------


def import_release(
    path: Path,
    from_code: str,
    to_code: str,
    *,
    source_prefix: str | None = None,
    quantization: str = DEFAULT_QUANTIZATION,
    models_dir: Path | None = None,
    provenance: Provenance | None = None,
) -> InstalledPackage:
    """Check, convert, package and install an OPUS-MT release (a .zip or its folder).

    ``provenance`` defaults to the catalogue's entry for a zip of the same name,
    whose sha256 is then checked if the catalogue has one.
    """
    _check_quantization(quantization)
    directory = packages_dir(models_dir)
    with scratch_folder(directory, "opus-mt") as work:  # a killed conversion is swept later
        package = work / f"translate-{from_code}_{to_code}-opus-mt.argosmodel"
        _build_release(
            path, from_code, to_code, package, work, source_prefix, quantization, provenance
        )
        return install_package_file(package, directory)


def package_release(
    path: Path,
    from_code: str,
    to_code: str,
    output: Path,
    *,
    source_prefix: str | None = None,
    quantization: str = DEFAULT_QUANTIZATION,
    provenance: Provenance | None = None,
) -> Path:
    """Check and convert an OPUS-MT release into the .argosmodel ``output`` only (to
    install here or on other machines with ``polyglot models install``); nothing is
    installed.  The file gets the usual permissions (the user's umask)."""
    _check_quantization(quantization)
    output = Path(output)
    _check_output_path(output)  # before the conversion, which takes minutes on a real model
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(exc, output.parent) from None
    # Everything, the package file too, is made in the work folder, so that a killed
    # conversion leaves nothing but it (swept by the next models command) beside the output.
    with scratch_folder(output.parent, "opus-mt") as work:
        package = work / output.name
        _build_release(
            path, from_code, to_code, package, work, source_prefix, quantization, provenance
        )
        try:
            os.replace(package, output)
        except OSError as exc:
            raise write_error(exc, output) from None
    return output


def _check_quantization(quantization: str) -> None:
    if quantization not in QUANTIZATIONS:
        raise UsageError(
            f"unknown quantization {quantization!r}", f"choose one of: {', '.join(QUANTIZATIONS)}"
        )


def _build_release(
    path: Path,
    from_code: str,
    to_code: str,
    package: Path,
    work: Path,
    source_prefix: str | None,
    quantization: str,
    provenance: Provenance | None,
) -> None:
    path = Path(path)
    release = unpack_release(path, work)
    if provenance is None:
        provenance = _provenance_for(path)
    check_release_contents(release)
    prefix = choose_source_prefix(read_source_vocabulary(release), to_code, source_prefix)
    try:
        build_package(
            release,
            package,
            from_code=from_code,
            to_code=to_code,
            source_prefix=prefix,
            quantization=quantization,
            provenance=provenance,
        )
    except OSError as exc:
        raise write_error(exc, package) from None


def _check_output_path(output: Path) -> None:
    if output.is_dir():
        raise UsageError(f"--output {output} is a folder", "name the .argosmodel file to write")
    for parent in output.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UsageError(
                    f"--output {output}: {parent} is a file, not a folder",
                    "name a file in a folder",
                )
            break


def _provenance_for(path: Path) -> Provenance:
    """Provenance of a release given by path: its sha256, and the catalogue's word on it."""
    if not path.is_file():
        return Provenance(release=path.name)
    digest = file_sha256(path)
    for entry in load_catalog().values():
        if entry.filename == path.name:
            _check_sha256(path, entry, digest)
            return entry.provenance(digest)
    return Provenance(release=path.name, sha256=digest)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fp:
        while chunk := fp.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _check_sha256(path: Path, release: CatalogRelease, digest: str) -> None:
    if release.sha256 and digest != release.sha256.lower():
        raise ModelError(
            f"{path.name}: sha256 {digest} differs from the catalogue's {release.sha256}",
            f"the file is damaged or not the release polyglot knows; download it again from "
            f"{release.url}",
        )


def install_release(
    release: CatalogRelease,
    models_dir: Path | None = None,
    progress: DownloadProgress | None = None,
    timeout: float = 30.0,
    quantization: str = DEFAULT_QUANTIZATION,
) -> InstalledPackage:
    """Download a catalogue release, check its sha256 (when known), convert and install it."""
    from_code, to_code = split_pair(release.pair)
    directory = packages_dir(models_dir)
    with scratch_folder(directory, "download") as tmp:  # a killed download is swept later
        archive = tmp / release.filename
        try:
            download_file(release.download_urls(), archive, progress, timeout)
        except NetworkError as exc:
            details = exc.message.partition("\n")[2]
            raise NetworkError(
                f"could not download the OPUS-MT {from_code}→{to_code} release "
                f"{release.filename}:\n{details}",
                offline_hint(release),
            ) from None
        digest = file_sha256(archive)
        _check_sha256(archive, release, digest)
        return import_release(
            archive,
            from_code,
            to_code,
            source_prefix=release.source_prefix,
            quantization=quantization,
            models_dir=directory,
            provenance=release.provenance(digest),
        )


def offline_hint(release: CatalogRelease) -> str:
    """How to install ``release`` without network here."""
    from_code, to_code = split_pair(release.pair)
    return (
        f"on a machine with network access, download {release.url} ({release.licence}), "
        f"copy it here and run: polyglot models import-opus-mt {release.filename} "
        f"--from {from_code} --to {to_code}"
    )
