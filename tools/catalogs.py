"""Extract, update and compile polyglot's UI catalogs with Babel's own tooling.

    python tools/catalogs.py extract   # code and templates -> locales/polyglot.pot
    python tools/catalogs.py update    # polyglot.pot -> locales/<lang>/LC_MESSAGES/polyglot.po
    python tools/catalogs.py compile   # each .po -> polyglot/locales/<lang>/LC_MESSAGES/*.mo
    python tools/catalogs.py init de   # start a catalog for a new language

Each step runs the ``pybabel`` command printed before it (see README,
"Localisation").  The compiled catalogs are package data and are committed:
tests/test_catalogs.py fails when one's messages differ from its .po (it compares
messages, not bytes: a .mo also holds the compiling Babel's version).
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from polyglot.i18n import EXTRACT_KEYWORDS

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = "polyglot"
SOURCES = ROOT / "locales"
COMPILED = ROOT / "polyglot" / "locales"

EXTRACT = [
    "extract", "-F", "babel.cfg", "-o", "locales/polyglot.pot",
    "--project", "polyglot", "--version", "0.1.0", "--copyright-holder", "polyglot maintainers",
    "--msgid-bugs-address", "", "-c", "TRANSLATORS:",
    *(arg for keyword in EXTRACT_KEYWORDS for arg in ("-k", keyword)),
    "--add-location", "file", "--sort-by-file", "--no-wrap", ".",
]  # fmt: skip


def pybabel(*args: str) -> None:
    """Run one pybabel command from the repository root, showing it first."""
    print("pybabel", shlex.join(args), flush=True)
    os.chdir(ROOT)
    CommandLineInterface().run(["pybabel", *args])


def languages() -> list[str]:
    """Languages with a .po file under locales/."""
    return sorted(po.parent.parent.name for po in SOURCES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "extract":
        pybabel(*EXTRACT)
    elif command == "update":
        pybabel("update", "-i", "locales/polyglot.pot", "-d", "locales", "-D", DOMAIN, "--no-wrap")
    elif command == "init" and len(argv) == 2:
        pybabel("init", "-i", "locales/polyglot.pot", "-d", "locales", "-D", DOMAIN,
                "-l", argv[1], "--no-wrap")  # fmt: skip
    elif command == "compile":
        for lang in languages():
            (COMPILED / lang / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
            pybabel(
                "compile", "-D", DOMAIN, "-l", lang, "--statistics",
                "-i", f"locales/{lang}/LC_MESSAGES/{DOMAIN}.po",
                "-o", f"polyglot/locales/{lang}/LC_MESSAGES/{DOMAIN}.mo",
            )  # fmt: skip
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
