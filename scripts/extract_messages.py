"""Write translations/messages.pot, the template of every user-facing text in the code: `pybabel extract`
with the project's babel.cfg (keywords _l and lazy_gettext besides the standard ones, sorted, no locations),
plus the texts its Python extractor cannot see — a ``_("…")`` written inside an f-string's braces, which
Python 3.11 tokenizes as one string (catalogue_markup.py builds its HTML that way).

Usage: .venv/bin/python scripts/extract_messages.py [-o FILE]   (default translations/messages.pot)
tests/web/test_translations.py runs it and fails on any text without a Chinese translation."""
from __future__ import annotations

import argparse
import ast
import configparser
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
EXTRA_KEYWORDS = ("_l", "lazy_gettext")   # besides pybabel's standard ones (_, gettext, ngettext …)
KEYWORDS = ("_", "gettext", "ngettext", *EXTRA_KEYWORDS)


def python_files() -> list[Path]:
    """The files babel.cfg hands to the Python extractor (``[python: pattern]``, ``**`` spanning folders)."""
    config = configparser.RawConfigParser()
    config.read(ROOT / "babel.cfg", encoding="utf-8")
    files: set[Path] = set()
    for section in config.sections():
        method, _, pattern = section.partition(":")
        if method.strip() == "python":
            files.update(ROOT.glob(pattern.strip().replace("**.py", "**/*.py")))
    return sorted(files)


def texts_in_fstrings(path: Path) -> list[tuple[str, ...]]:
    """The literal texts of translation calls inside f-strings: (msgid,) or (singular, plural)."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    found = []
    for fstring in (n for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)):
        for call in (n for n in ast.walk(fstring) if isinstance(n, ast.Call)):
            if not (isinstance(call.func, ast.Name) and call.func.id in KEYWORDS):
                continue
            literals = [a.value for a in call.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if literals:
                found.append(tuple(literals[:2]) if call.func.id == "ngettext" else (literals[0],))
    return found


def extract(output: Path) -> int:
    """Write the template to ``output``; returns how many texts were added from f-strings."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "messages.pot"
        subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
                        *[arg for k in EXTRA_KEYWORDS for arg in ("-k", k)], "--no-location", "--sort-output",
                        "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
        with pot.open("rb") as f:
            catalog = read_po(f)
    added = 0
    for path in python_files():
        for ids in texts_in_fstrings(path):
            msgid = ids if len(ids) == 2 else ids[0]
            if catalog.get(msgid) is None:
                catalog.add(msgid)
                added += 1
    with output.open("wb") as f:
        write_po(f, catalog, sort_output=True, omit_header=False, no_location=True)
    return added


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "translations" / "messages.pot")
    args = parser.parse_args()
    added = extract(args.output)
    print(f"wrote {args.output} ({added} texts from f-strings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
