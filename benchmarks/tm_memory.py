"""Peak memory of ``tm import`` and ``tm export`` on a large TMX or XLIFF (500k units by default).

Builds a TMX (or, with ``--format xliff``, an XLIFF 1.2) of N units (the shape a CAT
tool exports: en source, one kk target), then runs ``polyglot tm import`` and
``polyglot tm export`` each in a process of its own and prints its peak RSS and time.
Both stream, so the peak should stay flat as N grows: compare ``--units 50000`` with
the default.

    .venv/bin/python benchmarks/tm_memory.py [--units 500000] [--format xliff] [--keep DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: The translation unit every file repeats (``{i}``: its number), in each format below.
SOURCE = "The minister said on day {i} that the talks in Astana went well &amp; would go on."
TARGET = "Министр {i}-күні Астанадағы келіссөздер жақсы өтті деді."

#: Per format: what opens the file, one unit, what closes it.
FORMATS = {
    "tmx": (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
        '<tmx version="1.4"><header creationtool="bench" creationtoolversion="1" '
        'segtype="sentence" o-tmf="bench" adminlang="en" srclang="en" datatype="plaintext"/>\n'
        "<body>\n",
        '<tu tuid="{i}"><tuv xml:lang="en"><seg>{source}</seg></tuv>'
        '<tuv xml:lang="kk"><seg>{target}</seg></tuv></tu>\n',
        "</body></tmx>\n",
    ),
    # a CAT tool's XLIFF 1.2 (confirmed targets)
    "xliff": (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="big.txt" source-language="en" target-language="kk" '
        'datatype="plaintext"><body>\n',
        '<trans-unit id="u{i}"><source>{source}</source>'
        '<target state="translated">{target}</target></trans-unit>\n',
        "</body></file></xliff>\n",
    ),
}


def write_memory(path: Path, units: int, file_format: str) -> None:
    """``units`` translation units in ``file_format`` (tmx or xliff)."""
    head, unit, tail = FORMATS[file_format]
    with path.open("w", encoding="utf-8") as fp:
        fp.write(head)
        for i in range(units):
            fp.write(unit.format(i=i, source=SOURCE.format(i=i), target=TARGET.format(i=i)))
        fp.write(tail)


#: Runs polyglot's CLI, then prints the process's own peak RSS (KiB) on the last line.
_CHILD = (
    "import resource, sys\n"
    "from polyglot.cli import app\n"
    "try:\n"
    "    app(sys.argv[1:], prog_name='polyglot')\n"
    "except SystemExit as exit:\n"
    "    code = exit.code\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    "sys.exit(code or 0)\n"
)


def run(args: list[str]) -> tuple[float, float, str]:
    """Seconds, peak RSS in MiB of a process running ``polyglot ARGS``, and its output."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"polyglot {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    *said, peak = done.stdout.strip().splitlines()
    return seconds, int(peak) / 1024, " ".join(said)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=500_000)
    parser.add_argument("--format", choices=tuple(FORMATS), default="tmx", help="file imported")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep the files")
    options = parser.parse_args()
    work = options.keep or Path(tempfile.mkdtemp(prefix="polyglot-tm-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    tmx = work / ("big.xlf" if options.format == "xliff" else "big.tmx")
    memory, out = work / "memory.sqlite", work / "export.tmx"
    for path in (memory, out):
        path.unlink(missing_ok=True)
    write_memory(tmx, options.units, options.format)
    size = tmx.stat().st_size / 2**20
    print(f"{options.units} units, {size:.0f} MiB {options.format.upper()} in {work}")
    baseline = run(["--help"])
    print(f"baseline (polyglot --help): peak RSS {baseline[1]:.0f} MiB")
    seconds, peak, said = run(["tm", "import", str(tmx), "--tm", str(memory), "--max-size", "4096"])
    print(f"tm import: {seconds:.1f} s, peak RSS {peak:.0f} MiB  ({said})")
    seconds, peak, said = run(["tm", "export", str(out), "--tm", str(memory), "--pair", "en-kk"])
    print(f"tm export: {seconds:.1f} s, peak RSS {peak:.0f} MiB  ({said})")


if __name__ == "__main__":
    main()
