"""Every user-facing text in the code has a Simplified Chinese translation."""
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]


def test_every_message_is_translated_to_chinese(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_l",
                    "-k", "lazy_gettext", "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    wanted = {m.id for m in read_po(pot.open("rb")) if m.id}
    with (ROOT / "translations/zh/LC_MESSAGES/messages.po").open("rb") as f:
        zh = {m.id: m.string for m in read_po(f) if m.id}
    untranslated = sorted(str(i) for i in wanted if not zh.get(i))
    assert len(wanted) > 40
    assert untranslated == [], "add them to translations/zh/LC_MESSAGES/messages.po (pybabel update)"
