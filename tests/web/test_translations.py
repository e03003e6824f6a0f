"""Every user-facing text in the code has a Simplified Chinese translation."""
import importlib.util
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]


def extract_messages():
    spec = importlib.util.spec_from_file_location("extract_messages", ROOT / "scripts/extract_messages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_is_translated_to_chinese(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "scripts/extract_messages.py", "-o", str(pot)], cwd=ROOT, check=True,
                   capture_output=True)
    wanted = {m.id for m in read_po(pot.open("rb")) if m.id}
    with (ROOT / "translations/zh/LC_MESSAGES/messages.po").open("rb") as f:
        zh = {m.id: m.string for m in read_po(f) if m.id}
    untranslated = sorted(str(i) for i in wanted if not zh.get(i))
    assert len(wanted) > 40 and "All regions" in wanted   # the catalogue's texts inside f-strings count too
    assert untranslated == [], "add them to translations/zh/LC_MESSAGES/messages.po (sorted by msgid)"


def test_texts_inside_f_strings_are_found(tmp_path):
    source = tmp_path / "page.py"
    source.write_text('html = f\'<p>{escape(_("Hidden in braces"))}</p><p>{n}</p>\'\n'
                      'plain = _("Seen by pybabel")\n', "utf-8")
    assert extract_messages().texts_in_fstrings(source) == [("Hidden in braces",)]
