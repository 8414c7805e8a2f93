"""Package management: validation of hostile archives, install, index download, remove."""

from __future__ import annotations

import errno
import json
import os
import shlex
import stat
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from polyglot.cli import app
from polyglot.errors import ModelError, NetworkError, OutputError
from polyglot.models import archives, install
from polyglot.models.archives import check_members, safe_extract
from polyglot.models.argos_index import install_from_index
from polyglot.models.install import install_package_file, remove_package, validate_archive
from polyglot.models.installed import find_package, list_installed

runner = CliRunner()

METADATA = {
    "package_version": "1.9",
    "argos_version": "1.0",
    "from_code": "en",
    "from_name": "English",
    "to_code": "ru",
    "to_name": "Russian",
    "type": "translate",
    "links": [],
}


#: The model files of a real copy-model package (CTranslate2 model, SentencePiece).
REAL_FILES: dict[str, bytes] = {}


@pytest.fixture(autouse=True, scope="module")
def real_model_files(test_package_files: list[Path]) -> None:
    (en_ru,) = [p for p in test_package_files if "en_ru" in p.name]
    with zipfile.ZipFile(en_ru) as archive:
        for name in archive.namelist():
            rel = name.split("/", 1)[1]
            if (
                rel.startswith("model/") and not name.endswith("/")
            ) or rel == "sentencepiece.model":
                REAL_FILES[rel] = archive.read(name)


def make_package(
    path: Path,
    top: str = "translate-en_ru-1_9",
    metadata: dict | str | None = None,
    files: dict[str, bytes] | None = None,
) -> Path:
    """An archive with the Argos layout and a real (copy) model."""
    meta = METADATA if metadata is None else metadata
    members: dict[str, bytes | str | None] = {
        f"{top}/metadata.json": meta if isinstance(meta, str) else json.dumps(meta),
        **{f"{top}/{rel}": data for rel, data in REAL_FILES.items()},
    }
    members.update(files or {})
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            if data is not None:
                archive.writestr(name, data)
    return path


def test_install_list_find_remove(tmp_path):
    pkgs = tmp_path / "pkgs"
    installed = install_package_file(make_package(tmp_path / "p.argosmodel"), pkgs)
    assert (installed.pair, installed.version) == ("en-ru", "1.9")
    assert (pkgs / "translate-en_ru-1_9" / "metadata.json").exists()
    assert [p.pair for p in list_installed(pkgs)[0]] == ["en-ru"]
    assert find_package("en", "ru", pkgs).path == installed.path
    removed = remove_package("en-ru", pkgs)
    assert [p.pair for p in removed] == ["en-ru"]
    assert list_installed(pkgs) == ([], [])


def test_a_newer_package_replaces_the_installed_one(tmp_path):
    pkgs = tmp_path / "pkgs"
    install_package_file(make_package(tmp_path / "a.argosmodel"), pkgs)
    newer = dict(METADATA, package_version="1.10")
    install_package_file(make_package(tmp_path / "b.argosmodel", "en_ru_110", newer), pkgs)
    assert [(p.pair, p.version) for p in list_installed(pkgs)[0]] == [("en-ru", "1.10")]


def test_source_prefix_and_target_tokenizer_come_from_our_metadata_key(tmp_path):
    meta = dict(
        METADATA, polyglot={"source_prefix": ">>kaz_Cyrl<<", "target_sentencepiece": "t.spm"}
    )
    archive = make_package(
        tmp_path / "p.argosmodel",
        metadata=meta,
        files={"translate-en_ru-1_9/t.spm": REAL_FILES["sentencepiece.model"]},
    )
    pkg = install_package_file(archive, tmp_path / "pkgs")
    assert pkg.source_prefix == ">>kaz_Cyrl<<"
    assert pkg.target_sentencepiece == "t.spm"


def test_not_a_zip(tmp_path):
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"this is not a zip")
    with pytest.raises(ModelError, match="not a zip archive"):
        validate_archive(bad)


def test_every_problem_is_listed_at_once(tmp_path):
    archive = make_package(
        tmp_path / "p.argosmodel",
        metadata={"from_code": "english", "type": "sbd"},
        files={
            "translate-en_ru-1_9/model/model.bin": None,
            "translate-en_ru-1_9/sentencepiece.model": None,
        },
    )
    with zipfile.ZipFile(archive) as z:
        assert "translate-en_ru-1_9/model/model.bin" not in z.namelist()
    with pytest.raises(ModelError) as info:
        validate_archive(archive)
    message = str(info.value)
    for expected in (
        "'to_code' is missing",
        "'package_version' is missing",
        "'from_code' = 'english' is not a language code",
        "type 'sbd' is not a translation package",
        "missing model/model.bin",
        "missing sentencepiece.model or bpe.model",
    ):
        assert expected in message


@pytest.mark.parametrize(
    "member",
    ["translate-en_ru-1_9/../../escaped.txt", "/etc/evil", "translate-en_ru-1_9/C:\\evil"],
)
def test_paths_escaping_the_folder_are_refused_and_nothing_is_written(tmp_path, member):
    archive = make_package(tmp_path / "p.argosmodel", files={member: b"x"})
    pkgs = tmp_path / "deep" / "pkgs"
    with pytest.raises(ModelError, match=r"outside the folder|exactly one top folder"):
        install_package_file(archive, pkgs)
    assert not (tmp_path / "escaped.txt").exists()
    assert not pkgs.exists() or list(pkgs.iterdir()) == []


def test_symlinks_are_refused(tmp_path):
    archive = make_package(tmp_path / "p.argosmodel")
    with zipfile.ZipFile(archive, "a") as z:
        info = zipfile.ZipInfo("translate-en_ru-1_9/link")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(info, "/etc/passwd")
    with pytest.raises(ModelError, match="symbolic link"):
        validate_archive(archive)


def test_corrupt_member_is_detected(tmp_path):
    archive = make_package(
        tmp_path / "p.argosmodel", files={"translate-en_ru-1_9/big.bin": b"A" * 5000}
    )
    data = bytearray(archive.read_bytes())
    at = data.find(b"A" * 100)  # members are stored uncompressed
    assert at > 0
    data[at] ^= 0xFF
    archive.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="corrupt"):
        validate_archive(archive)


def test_invalid_metadata_json(tmp_path):
    archive = make_package(tmp_path / "p.argosmodel", metadata="{not json")
    with pytest.raises(ModelError, match=r"metadata\.json is not valid JSON"):
        validate_archive(archive)


def test_install_from_a_package_index_with_progress(tmp_path, monkeypatch):
    archive = make_package(tmp_path / "translate-en_ru-1_9.argosmodel")
    index = tmp_path / "index.json"
    index.write_text(json.dumps([dict(METADATA, links=[archive.as_uri()])]))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index.as_uri())
    seen: list[tuple[int, int | None]] = []
    pkg = install_from_index("en-ru", tmp_path / "pkgs", lambda d, t: seen.append((d, t)))
    assert pkg.pair == "en-ru"
    assert seen and seen[-1][0] == archive.stat().st_size
    assert [p.name for p in (tmp_path / "pkgs").iterdir()] == ["translate-en_ru-1_9"]


def test_pair_missing_from_the_index(tmp_path, monkeypatch):
    index = tmp_path / "index.json"
    index.write_text(json.dumps([METADATA]))
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index.as_uri())
    with pytest.raises(ModelError, match="has no en→de package") as info:
        install_from_index("en-de", tmp_path / "pkgs")
    # the hint names the pairs the index does offer (it once named a command that did not exist)
    assert info.value.hint == "the index offers: en-ru"


def test_unreachable_index_is_a_network_error(tmp_path):
    # conftest points ARGOS_PACKAGE_INDEX at a closed port on this machine
    with pytest.raises(NetworkError, match="cannot reach the Argos package index") as info:
        install_from_index("en-ru", tmp_path / "pkgs", timeout=5)
    assert "polyglot models install FILE.argosmodel" in (info.value.hint or "")


def test_cli_install_list_remove(tmp_path):
    archive = make_package(tmp_path / "p.argosmodel")
    pkgs = str(tmp_path / "pkgs")
    result = runner.invoke(app, ["models", "install", str(archive), "--models-dir", pkgs])
    assert result.exit_code == 0, result.output
    assert "installed en-ru 1.9" in result.output
    result = runner.invoke(app, ["models", "list", "--models-dir", pkgs])
    assert result.exit_code == 0 and result.output.startswith("en-ru")
    result = runner.invoke(app, ["models", "remove", "en-ru", "--models-dir", pkgs])
    assert result.exit_code == 0 and "removed en-ru 1.9" in result.output
    result = runner.invoke(app, ["models", "remove", "en-ru", "--models-dir", pkgs])
    assert result.exit_code == 4 and "no model installed for en→ru" in result.output


def test_cli_install_offline_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["models", "install", "en-ru", "--models-dir", str(tmp_path)])
    assert result.exit_code == 6
    assert "cannot reach the Argos package index" in result.output
    assert "Traceback" not in result.output


# --- archive safety (polyglot.models.archives, shared with the OPUS-MT import) ------------------


def _info(name: str, size: int = 10, compressed: int = 10, mode: int = 0o100644) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.file_size, info.compress_size = size, compressed
    info.external_attr = mode << 16
    return info


@pytest.mark.parametrize(
    ("info", "problem"),
    [
        (_info("/etc/passwd"), "outside the folder"),
        (_info("a/../../x"), "outside the folder"),
        (_info("a\\..\\x"), "outside the folder"),
        (_info("C:/x"), "outside the folder"),
        (_info("a/link", mode=stat.S_IFLNK | 0o777), "symbolic link"),
        (_info("a/zeros.npz", 300 * 1024**2, 300 * 1024), "zip bomb"),
        (_info("a/zeros.bin", 10 * 1024**2, 10 * 1024), "zip bomb"),  # exactly 10 MiB
        (_info("a/huge.bin", 9 * 1024**3, 9 * 1024**3), "unpacks to 9.0 GB"),
    ],
)
def test_check_members_refuses_what_is_unsafe_to_extract(info, problem):
    problems = check_members([_info("a/ok.bin", 50 * 1024**2, 40 * 1024**2), info])
    assert len(problems) == 1 and problem in problems[0]


def test_check_members_accepts_a_real_layout():
    infos = [_info("./a/"), _info("a/model/model.bin", 300 * 1024**2, 280 * 1024**2)]
    assert check_members([*infos, _info("a/config.json", 4000, 20)]) == []


def test_safe_extract_refuses_an_archive_it_was_not_meant_for(tmp_path):
    archive = make_package(tmp_path / "p.argosmodel", files={"translate-en_ru-1_9/../x": b"x"})
    with zipfile.ZipFile(archive) as z, pytest.raises(ValueError, match="unsafe archive"):
        safe_extract(z, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# --- installing never loses the working package ---------------------------------------


def _hidden(pkgs: Path) -> list[str]:
    return sorted(p.name for p in pkgs.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize("top", [".pkg", ".translate-en_ru-2_0"])
def test_a_hidden_top_folder_is_refused_and_the_installed_package_kept(tmp_path, top):
    pkgs = tmp_path / "pkgs"
    install_package_file(make_package(tmp_path / "good.argosmodel"), pkgs)
    hidden = make_package(
        tmp_path / "hidden.argosmodel", top, dict(METADATA, package_version="2.0")
    )
    result = runner.invoke(app, ["models", "install", str(hidden), "--models-dir", str(pkgs)])
    assert result.exit_code == 4, result.output
    assert f"the top folder {top!r} starts with '.'" in result.output
    assert [(p.pair, p.version) for p in list_installed(pkgs)[0]] == [("en-ru", "1.9")]
    assert _hidden(pkgs) == []


def test_a_top_folder_named_like_another_pairs_package_is_refused(tmp_path):
    pkgs = tmp_path / "pkgs"
    install_package_file(make_package(tmp_path / "ru.argosmodel"), pkgs)
    en_de = dict(METADATA, to_code="de", to_name="German")
    clash = make_package(tmp_path / "de.argosmodel", "translate-en_ru-1_9", en_de)
    with pytest.raises(ModelError, match="is the installed en-ru package's folder"):
        install_package_file(clash, pkgs)
    assert [p.pair for p in list_installed(pkgs)[0]] == ["en-ru"]


def test_a_package_that_does_not_read_back_restores_the_one_it_replaced(tmp_path, monkeypatch):
    pkgs = tmp_path / "pkgs"
    install_package_file(make_package(tmp_path / "a.argosmodel"), pkgs)
    real = install.list_installed

    def blind_to_the_new_one(directory=None):
        installed, broken = real(directory)
        return [p for p in installed if p.path.name != "en_ru_110"], broken

    monkeypatch.setattr(install, "list_installed", blind_to_the_new_one)
    newer = make_package(
        tmp_path / "b.argosmodel", "en_ru_110", dict(METADATA, package_version="1.10")
    )
    with pytest.raises(ModelError, match="cannot read it back"):
        install_package_file(newer, pkgs)
    assert [(p.pair, p.version) for p in real(pkgs)[0]] == [("en-ru", "1.9")]
    assert sorted(p.name for p in pkgs.iterdir()) == ["translate-en_ru-1_9"]


def test_a_failed_move_into_place_restores_the_replaced_package(tmp_path, monkeypatch):
    pkgs = tmp_path / "pkgs"
    install_package_file(make_package(tmp_path / "a.argosmodel"), pkgs)
    real_replace = os.replace

    def full_when_placing(src, dst):
        if Path(src).parent.name.startswith(".install-"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(install.os, "replace", full_when_placing)
    with pytest.raises(OutputError, match="the disk is full"):
        install_package_file(make_package(tmp_path / "b.argosmodel"), pkgs)
    assert [(p.pair, p.version) for p in list_installed(pkgs)[0]] == [("en-ru", "1.9")]
    assert sorted(p.name for p in pkgs.iterdir()) == ["translate-en_ru-1_9"]


def test_a_full_disk_while_extracting_is_an_output_error(tmp_path, monkeypatch):
    pkgs = tmp_path / "pkgs"
    install_package_file(make_package(tmp_path / "a.argosmodel"), pkgs)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(archives.shutil, "copyfileobj", full)
    archive = make_package(tmp_path / "b.argosmodel")
    result = runner.invoke(app, ["models", "install", str(archive), "--models-dir", str(pkgs)])
    assert result.exit_code == 5, result.output
    assert "the disk is full" in result.output and "unexpected" not in result.output
    assert sorted(p.name for p in pkgs.iterdir()) == ["translate-en_ru-1_9"]


# --- removing ---------------------------------------------------------------------------


def test_a_leftover_of_an_interrupted_remove_does_not_block_the_next(tmp_path):
    pkgs = tmp_path / "pkgs"
    install_package_file(make_package(tmp_path / "p.argosmodel"), pkgs)
    leftover = pkgs / ".removing-translate-en_ru-1_9"
    (leftover / "model").mkdir(parents=True)
    (leftover / "model" / "model.bin").write_bytes(b"half deleted")
    result = runner.invoke(app, ["models", "remove", "en-ru", "--models-dir", str(pkgs)])
    assert result.exit_code == 0, result.output
    assert list_installed(pkgs) == ([], [])


def test_stale_removing_folders_are_swept_fresh_ones_kept(tmp_path):
    pkgs = tmp_path / "pkgs"
    install_package_file(make_package(tmp_path / "p.argosmodel"), pkgs)
    stale, fresh = pkgs / ".removing-old", pkgs / ".removing-now"
    for folder in (stale, fresh):
        (folder / "pkg").mkdir(parents=True)
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    remove_package("en-ru", pkgs)
    assert not stale.exists() and fresh.exists()


def test_a_half_deleted_package_is_swept_by_models_list_too(tmp_path):
    pkgs = tmp_path / "pkgs"
    install_package_file(make_package(tmp_path / "p.argosmodel"), pkgs)
    stale = pkgs / ".removing-old"
    (stale / "translate-en_ru-1_0" / "model").mkdir(parents=True)
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    result = runner.invoke(app, ["models", "list", "--models-dir", str(pkgs)])
    assert result.exit_code == 0, result.output
    assert "note: removed .removing-old, left by an interrupted remove" in result.output
    assert _hidden(pkgs) == []


def test_a_remove_that_cannot_write_is_an_output_error(tmp_path, monkeypatch):
    pkgs = tmp_path / "pkgs"
    install_package_file(make_package(tmp_path / "p.argosmodel"), pkgs)

    def read_only(src, dst):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(install.os, "replace", read_only)
    result = runner.invoke(app, ["models", "remove", "en-ru", "--models-dir", str(pkgs)])
    assert result.exit_code == 5, result.output
    assert "--models-dir" in result.output
    monkeypatch.undo()
    assert [p.pair for p in list_installed(pkgs)[0]] == ["en-ru"]
    assert _hidden(pkgs) == []


# --- a malformed installed folder breaks nothing else ------------------------------------


@pytest.mark.parametrize(
    ("metadata", "problem"),
    [
        ([], "metadata.json must hold a JSON object"),
        ("just text", "metadata.json must hold a JSON object"),
        (dict(METADATA, polyglot={"target_sentencepiece": 5}), "target_sentencepiece"),
        (dict(METADATA, polyglot=["x"]), "'polyglot' must be an object"),
        (dict(METADATA, languages="en"), "'languages' must be a list"),
    ],
)
def test_a_malformed_package_folder_is_reported_and_others_still_work(tmp_path, metadata, problem):
    pkgs = tmp_path / "pkgs"
    broken = pkgs / "broken"
    broken.mkdir(parents=True)
    (broken / "metadata.json").write_text(json.dumps(metadata))
    install_package_file(make_package(tmp_path / "p.argosmodel"), pkgs)
    installed, problems = list_installed(pkgs)
    assert [p.pair for p in installed] == ["en-ru"]
    assert [(p.path, problem in p.message) for p in problems] == [(str(broken), True)]
    assert find_package("en", "ru", pkgs).path.name == "translate-en_ru-1_9"
    result = runner.invoke(app, ["models", "list", "--models-dir", str(pkgs)])
    assert result.exit_code == 4, result.output  # a script sees that something is wrong
    assert result.stdout.startswith("en-ru")  # the usable ones are still listed
    assert f"{broken}: not a usable package" in result.stderr
    assert (
        "remove each broken folder, then reinstall its pair if you need it: "
        f"rm -r {shlex.quote(str(broken))}" in (" ".join(result.stderr.split()))
    )


def test_models_list_names_the_pair_to_reinstall_for_a_broken_folder(tmp_path):
    pkgs = tmp_path / "pkgs"
    by_metadata = pkgs / "mine"
    by_metadata.mkdir(parents=True)
    (by_metadata / "metadata.json").write_text(
        json.dumps(dict(METADATA, from_code="en", to_code="fr"))
    )
    by_name = pkgs / "translate-en_kk-1_0"
    by_name.mkdir()
    result = runner.invoke(app, ["models", "list", "--models-dir", str(pkgs)])
    assert result.exit_code == 4, result.output
    said = " ".join(result.stderr.split())
    assert "2 installed package folder(s) cannot be used" in said
    assert f"rm -r {by_metadata} && polyglot models install en-fr --models-dir {pkgs}" in said
    assert f"rm -r {by_name} && polyglot models install en-kk --models-dir {pkgs}" in said


def test_the_fix_for_a_broken_folder_is_a_command_a_shell_runs_whatever_the_path(tmp_path):
    pkgs = tmp_path / "it's-models"  # a quote in the path: the command must still be one
    broken = pkgs / "translate-en_kk-1_0"
    broken.mkdir(parents=True)
    result = runner.invoke(app, ["models", "list", "--models-dir", str(pkgs)])
    assert result.exit_code == 4, result.output
    said = " ".join(result.stderr.split())
    command = said[said.index("rm -r ") : said.index(" && polyglot models install")]
    subprocess.run(["sh", "-c", command], check=True)
    assert not broken.exists() and pkgs.is_dir()


def test_a_non_object_polyglot_key_in_an_archive_is_a_listed_problem(tmp_path):
    archive = make_package(tmp_path / "p.argosmodel", metadata=dict(METADATA, polyglot=[1]))
    with pytest.raises(ModelError, match="'polyglot' must be an object"):
        validate_archive(archive)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["install", "garbage"], "'garbage' is not a language pair"),
        (["install", "en-en"], "translates a language into itself"),
        (["install", "en-xx"], "unknown language code 'xx'"),
        (["remove", "xx"], "'xx' is not a language pair"),
        (["import-opus-mt", "r.zip", "--from", "en", "--to", "en"], "into itself"),
    ],
)
def test_bad_pairs_are_usage_errors(tmp_path, args, message):
    result = runner.invoke(app, ["models", *args, "--models-dir", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_models_dir_that_is_a_file(tmp_path):
    (tmp_path / "f").write_text("x")
    result = runner.invoke(app, ["models", "list", "--models-dir", str(tmp_path / "f")])
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.output


@pytest.mark.parametrize(
    ("member", "message"),
    [
        ("model/model.bin", "model/ is not a usable CTranslate2 model"),
        ("sentencepiece.model", "sentencepiece.model is not a usable SentencePiece model"),
    ],
)
def test_a_damaged_model_file_is_refused_at_install(tmp_path, member, message):
    pkgs = tmp_path / "pkgs"
    install_package_file(make_package(tmp_path / "good.argosmodel"), pkgs)
    damaged = make_package(
        tmp_path / "bad.argosmodel",
        "en_ru_2",
        dict(METADATA, package_version="2.0"),
        files={f"en_ru_2/{member}": b"\0" * 512},
    )
    with pytest.raises(ModelError, match=message):
        install_package_file(damaged, pkgs)
    assert [(p.pair, p.version) for p in list_installed(pkgs)[0]] == [("en-ru", "1.9")]


# --- a killed install: the next models command restores or cleans ------------------------

#: Installs ARCHIVE into PKGS and SIGKILLs itself at the point MODE names: no handler,
#: no finally, exactly what a kill -9 or a power cut leaves.
_KILLED_INSTALL = r"""
import os, signal, sys
from pathlib import Path
from polyglot.models import archives, install
mode, archive, pkgs = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
real_replace, real_copy, copies = os.replace, archives.shutil.copyfileobj, []

def replace(src, dst):
    if Path(src).parent.name.startswith(".install-"):  # the old package is already aside
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(src, dst)

def copy(src, dst, length=0):
    copies.append(1)
    if len(copies) == 3:  # some members unpacked, not all
        os.kill(os.getpid(), signal.SIGKILL)
    real_copy(src, dst, length)

if mode == "placing":
    install.os.replace = replace
else:
    archives.shutil.copyfileobj = copy
install.install_package_file(archive, pkgs)
"""


def _killed_install(mode: str, archive: Path, pkgs: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _KILLED_INSTALL, mode, str(archive), str(pkgs)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == -9, done.stderr


def test_an_install_killed_after_moving_the_old_package_aside_is_restored(tmp_path):
    pkgs = tmp_path / "pkgs"
    install_package_file(make_package(tmp_path / "a.argosmodel"), pkgs)
    newer = make_package(
        tmp_path / "b.argosmodel", "en_ru_110", dict(METADATA, package_version="1.10")
    )
    _killed_install("placing", newer, pkgs)
    assert list_installed(pkgs)[0] == []  # the fault: the pair has no package
    assert any(name.startswith(".replacing-") for name in _hidden(pkgs))
    result = runner.invoke(app, ["models", "list", "--models-dir", str(pkgs)])
    assert result.exit_code == 0, result.output
    assert "restored translate-en_ru-1_9 (en-ru)" in result.output
    assert [(p.pair, p.version) for p in list_installed(pkgs)[0]] == [("en-ru", "1.9")]
    assert _hidden(pkgs) == []
    install_package_file(newer, pkgs)  # and the install then goes through
    assert [(p.pair, p.version) for p in list_installed(pkgs)[0]] == [("en-ru", "1.10")]
    assert _hidden(pkgs) == []


def test_an_install_killed_while_unpacking_is_cleaned_up(tmp_path):
    pkgs = tmp_path / "pkgs"
    install_package_file(make_package(tmp_path / "a.argosmodel"), pkgs)
    _killed_install("unpacking", make_package(tmp_path / "b.argosmodel"), pkgs)
    assert [name for name in _hidden(pkgs) if name.startswith(".install-")]  # the fault
    result = runner.invoke(app, ["models", "remove", "en-ru", "--models-dir", str(pkgs)])
    assert result.exit_code == 0, result.output
    assert "left by an interrupted install" in result.output
    assert list(pkgs.iterdir()) == []


def test_leftovers_of_an_install_going_on_are_left_alone(tmp_path):
    from polyglot.models.install import _models_lock, recover_interrupted

    pkgs = tmp_path / "pkgs"
    install_package_file(make_package(tmp_path / "a.argosmodel"), pkgs)
    (pkgs / ".install-running").mkdir()
    with _models_lock(pkgs):  # another run is installing
        import subprocess
        import sys

        code = "import sys; from polyglot.models.install import recover_interrupted as r; "
        code += "print(r(__import__('pathlib').Path(sys.argv[1])))"
        other = subprocess.run(
            [sys.executable, "-c", code, str(pkgs)], capture_output=True, text=True, check=True
        )
        assert other.stdout.strip() == "[]"
        assert (pkgs / ".install-running").exists()
    assert recover_interrupted(pkgs) == ["removed .install-running, left by an interrupted install"]


def test_many_small_members_that_expand_together_are_a_bomb():
    infos = [_info(f"a/{i}.bin", 1024**2, 1024) for i in range(2000)]  # 2 GB from 2 MB
    (problem,) = check_members(infos)
    assert "over 100 times its size (zip bomb?)" in problem


def _zeros_package(path: Path, members: dict[str, int]) -> Path:
    """A package whose ``members`` (name -> MiB) are zeros: a zip bomb."""
    archive = make_package(path)
    with zipfile.ZipFile(archive, "a", zipfile.ZIP_DEFLATED) as zf:
        for name, mib in members.items():
            with zf.open(f"translate-en_ru-1_9/{name}", "w", force_zip64=True) as out:
                for _ in range(mib):
                    out.write(bytes(1024**2))
    return archive


@pytest.mark.parametrize(
    "members",
    [
        {f"model/shard{i}.bin": 10 for i in range(100)},  # 1,000 MB from ~1 MB
        {"big.bin": 64},
    ],
)
def test_a_zip_bomb_package_is_refused_before_any_member_is_read(tmp_path, monkeypatch, members):
    archive = _zeros_package(tmp_path / "bomb.argosmodel", members)
    pkgs = tmp_path / "pkgs"

    def never(*args, **kwargs):
        raise AssertionError("a member of a refused archive was read")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    result = runner.invoke(app, ["models", "install", str(archive), "--models-dir", str(pkgs)])
    assert result.exit_code == 4, result.output
    assert "zip bomb" in result.output and "AssertionError" not in result.output
    assert not pkgs.exists()


def test_a_huge_metadata_json_is_never_read_into_memory(tmp_path, monkeypatch):
    archive = tmp_path / "p.argosmodel"
    spaces = json.dumps(METADATA).encode() + b" " * (2 * 1024**2)  # valid JSON, 2 MiB
    make_package(archive)
    with zipfile.ZipFile(archive) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    members["translate-en_ru-1_9/metadata.json"] = spaces
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:  # stored: not a bomb
        for name, data in members.items():
            zf.writestr(name, data)
    real_read = zipfile.ZipFile.read

    def read(self, name, pwd=None):
        assert not str(name).endswith("metadata.json"), "metadata.json was read"
        return real_read(self, name, pwd)

    monkeypatch.setattr(zipfile.ZipFile, "read", read)
    with pytest.raises(ModelError, match=r"metadata\.json is 2 MiB"):
        validate_archive(archive)


# --- a killed download or conversion: the next models command sweeps its work folder ------

#: Downloads en-ru from the index at ARGOS_PACKAGE_INDEX into PKGS and SIGKILLs itself
#: once some bytes are written: a kill -9 (or a closed laptop lid) mid-download.
_KILLED_DOWNLOAD = r"""
import os, signal, sys
from pathlib import Path
from polyglot.models.argos_index import install_from_index
install_from_index("en-ru", Path(sys.argv[1]), lambda done, total: os.kill(os.getpid(), 9))
"""


def age_work_folders(folder: Path, seconds: float = 3600) -> None:
    """Make the markers of the work folders in ``folder`` ``seconds`` old: time passes."""
    from polyglot.models.scratch import MARKER

    then = time.time() - seconds
    for marker in folder.glob(f".*/{MARKER}"):
        os.utime(marker, (then, then))


def test_a_killed_download_leaves_a_work_folder_the_next_models_command_removes(
    tmp_path, monkeypatch
):
    import subprocess
    import sys

    archive = make_package(tmp_path / "translate-en_ru-1_9.argosmodel")
    index = tmp_path / "index.json"
    index.write_text(json.dumps([dict(METADATA, links=[archive.as_uri()])]))
    pkgs = tmp_path / "pkgs"
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_DOWNLOAD, str(pkgs)],
        env={**os.environ, "ARGOS_PACKAGE_INDEX": index.as_uri()},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == -9, done.stderr
    [leftover] = _hidden(pkgs)  # the fault: a partial download
    assert leftover.startswith(".download-")
    assert (pkgs / leftover / "translate-en_ru-1_9.argosmodel").is_file()
    result = runner.invoke(app, ["models", "list", "--models-dir", str(pkgs)])
    assert _hidden(pkgs) == [leftover]  # a minute's grace: it could be a download starting
    age_work_folders(pkgs)
    result = runner.invoke(app, ["models", "list", "--models-dir", str(pkgs)])
    assert result.exit_code == 0, result.output
    assert f"note: removed {leftover}, left by an interrupted download" in result.output
    assert list(pkgs.iterdir()) == []
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index.as_uri())
    install_from_index("en-ru", pkgs)  # and the download then goes through
    assert [p.name for p in pkgs.iterdir()] == ["translate-en_ru-1_9"]


#: Holds a work folder in PKGS, prints its path, and waits for a line on stdin.
_HOLDING = r"""
import sys
from pathlib import Path
from polyglot.models.scratch import scratch_folder
with scratch_folder(Path(sys.argv[1]), "download") as folder:
    print(folder, flush=True)
    sys.stdin.readline()
"""


def test_only_work_folders_of_killed_runs_are_swept_never_the_users_or_a_running_ones(tmp_path):
    import subprocess
    import sys

    from polyglot.models.scratch import MARKER, scratch_folder, sweep_scratch

    pkgs = tmp_path / "pkgs"
    install_package_file(make_package(tmp_path / "a.argosmodel"), pkgs)
    mine = {  # the user's, named like ours but without the marker
        ".download-mine": "notes.txt",
        ".opus-mt-experiments": "model.npz",
    }
    for name, file in mine.items():
        (pkgs / name).mkdir()
        (pkgs / name / file).write_text("the user's")
    (pkgs / ".download-link").symlink_to(tmp_path)  # a link: never followed, never removed
    with subprocess.Popen(
        [sys.executable, "-c", _HOLDING, str(pkgs)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as running:
        assert running.stdout is not None and running.stdin is not None
        other = Path(running.stdout.readline().strip())  # another process downloading now
        with scratch_folder(pkgs, "opus-mt") as here:  # this process converting now
            age_work_folders(pkgs)
            assert sweep_scratch(pkgs) == []
            result = runner.invoke(app, ["models", "list", "--models-dir", str(pkgs)])
            assert result.exit_code == 0, result.output
            assert other.is_dir() and here.is_dir()
            assert (other / MARKER).is_file() and (here / MARKER).is_file()
        running.stdin.write("done\n")
        running.stdin.close()
        assert running.wait() == 0
    assert not other.exists() and not here.exists()  # each run deletes its own
    assert _hidden(pkgs) == sorted([*mine, ".download-link"])
    for name, file in mine.items():
        assert (pkgs / name / file).read_text() == "the user's"
    assert [p.pair for p in list_installed(pkgs)[0]] == ["en-ru"]
