"""The UI catalogs: locales/*.po are complete and correct, polyglot.pot matches the
code, and the compiled .mo files shipped in polyglot/locales/ are up to date.

After changing a UI string: ``python tools/catalogs.py extract && python
tools/catalogs.py update``, translate, then ``python tools/catalogs.py compile``
(README, "Localisation").
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from polyglot.i18n import EXTRACT_KEYWORDS

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "locales"
COMPILED = REPO / "polyglot" / "locales"
LANGS = sorted(p.parent.parent.name for p in SOURCES.glob("*/LC_MESSAGES/polyglot.po"))
FIX = "run: python tools/catalogs.py extract && python tools/catalogs.py update"


def read_catalog(path: Path, lang: str | None = None):
    with open(path, "rb") as fp:
        return read_po(fp, locale=lang)


def test_the_newsroom_languages_have_catalogs():
    assert LANGS == ["fr", "kk", "ru"]


def test_template_matches_the_strings_in_the_code():
    with open(REPO / "babel.cfg", encoding="utf-8") as fp:
        method_map, options_map = parse_mapping_cfg(fp)
    in_code = set()
    keywords = {**DEFAULT_KEYWORDS, **parse_keywords(EXTRACT_KEYWORDS)}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(REPO), method_map, options_map, keywords=keywords, comment_tags=("TRANSLATORS:",)
    ):
        in_code.add(message if isinstance(message, str) else tuple(message))
    pot = {m.id for m in read_catalog(SOURCES / "polyglot.pot") if m.id}
    assert in_code == pot, f"locales/polyglot.pot is out of date; {FIX}"


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_is_complete_and_well_formed(lang):
    pot = read_catalog(SOURCES / "polyglot.pot")
    catalog = read_catalog(SOURCES / lang / "LC_MESSAGES" / "polyglot.po", lang)
    assert catalog.locale_identifier == lang
    assert {m.id for m in catalog if m.id} == {m.id for m in pot if m.id}, FIX
    assert not catalog.obsolete, "remove obsolete (#~) entries"
    assert not catalog.fuzzy
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, f"{lang}: fuzzy: {message.id!r}"
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{lang}: untranslated: {message.id!r}"
        if isinstance(message.id, tuple):
            assert len(strings) == catalog.num_plurals, f"{lang}: plural forms of {message.id!r}"
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert problems == []  # placeholders (python-format) agree with the msgid


def compiled_messages(catalog) -> dict:
    """What a compiled catalog says: each message's id and translation, and the plural rule.

    Compared instead of the .mo's bytes, which also hold the compiling Babel's
    version (``Generated-By``) and so change with every Babel release.
    """

    def key(value):  # read_mo gives plural forms as lists, read_po as tuples
        return tuple(value) if isinstance(value, list | tuple) else value

    messages = {key(m.id): key(m.string) for m in catalog if m.id and not m.fuzzy}
    return {"plural_forms": catalog.plural_forms, "messages": messages}


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalog_is_up_to_date(lang):
    catalog = read_catalog(SOURCES / lang / "LC_MESSAGES" / "polyglot.po", lang)
    shipped = COMPILED / lang / "LC_MESSAGES" / "polyglot.mo"
    assert shipped.is_file(), f"{shipped} is missing: run python tools/catalogs.py compile"
    with open(shipped, "rb") as fp:
        compiled = read_mo(fp)
    assert compiled_messages(compiled) == compiled_messages(catalog), (
        f"{shipped} is older than its .po: run python tools/catalogs.py compile"
    )


def test_an_out_of_date_compiled_catalog_is_caught(tmp_path):
    """The comparison above sees a changed translation, a new message and a new plural rule."""
    catalog = read_catalog(SOURCES / "ru" / "LC_MESSAGES" / "polyglot.po", "ru")
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    assert compiled_messages(read_mo(buf)) == compiled_messages(catalog)
    message = next(m for m in catalog if m.id and isinstance(m.id, str))
    edited = read_catalog(SOURCES / "ru" / "LC_MESSAGES" / "polyglot.po", "ru")
    edited[message.id].string = message.string + "!"
    assert compiled_messages(edited) != compiled_messages(catalog)
    edited = read_catalog(SOURCES / "ru" / "LC_MESSAGES" / "polyglot.po", "ru")
    edited.add("a message the code gained", "новое сообщение")
    assert compiled_messages(edited) != compiled_messages(catalog)


def test_no_compiled_catalog_without_a_source():
    compiled = sorted(p.parent.parent.name for p in COMPILED.glob("*/LC_MESSAGES/polyglot.mo"))
    assert compiled == LANGS


def test_a_plain_install_ships_templates_and_compiled_catalogs(tmp_path):
    """Build a wheel (not an editable install) and look inside."""
    tree = tmp_path / "src"
    tree.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, tree / name)
    shutil.copytree(
        REPO / "polyglot", tree / "polyglot", ignore=shutil.ignore_patterns("__pycache__")
    )
    # Offline, with the setuptools the dev extra installs (bdist_wheel built in).
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", str(tmp_path / "dist"), str(tree)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("polyglot-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for lang in LANGS:
        assert f"polyglot/locales/{lang}/LC_MESSAGES/polyglot.mo" in names
    for template in ("base.html", "page.html", "index.html", "review.html", "polyglot.css"):
        assert f"polyglot/templates/{template}" in names
