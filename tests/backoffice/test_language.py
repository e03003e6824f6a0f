"""Every back-office page a role can reach by links, Flask-AppBuilder's screens included, reads in
Chinese and shows times in the centre's time zone."""
from __future__ import annotations

import re

import pytest

from tests.backoffice.conftest import ASKED_AT_UTC
from tests.backoffice.crawl import walk
from tests.conftest import login
from tests.web.people import PASSWORD

# Latin letters that are data, not interface: user names and e-mail addresses of the test accounts,
# the letters of unified social credit codes (…MB…), file extensions and formats (PDF is how Chinese
# users name it too; a CA hands out the certificate file as PKCS#12, .p12 or .pfx), and the pinyin initials
# the new-item page gives as an example of what to type (spjy: 食品经营).
DATA = {"sys", "admin", "clerk", "citizen", "example", "invalid", "MB", "zip", "pdf", "jpg", "png", "PDF", "PKCS", "pfx",
        "spjy"}
WORD = re.compile(r"[A-Za-z]{2,}")
# The item editor shows the definition's ids (technical keys by design); the audit entry's before/after
# are the stored JSON of the change.
NOT_SCANNED = re.compile(r"^/builder/items/\d+$|^/auditeventview/show/")


def english(text: str) -> set[str]:
    return {w for w in WORD.findall(text) if w not in DATA and not any(w.startswith(d) for d in ("admin", "clerk"))}


@pytest.mark.parametrize("username", ["clerk_a", "admin_a", "sys"])
def test_no_english_on_any_back_office_page(client, office, username):
    login(client, username, PASSWORD)
    pages = walk(client)
    assert len(pages) >= 8
    found = {path: sorted(english(text)) for path, text in pages.items() if not NOT_SCANNED.search(path)}
    assert {path: words for path, words in found.items() if words} == {}


@pytest.mark.parametrize("username", ["clerk_a", "sys"])
def test_times_are_shown_in_the_centres_time_zone(client, office, username):
    """The question was asked at 02:47 UTC, 10:47 in Beijing: no page may print the UTC clock time."""
    login(client, username, PASSWORD)
    pages = walk(client)
    utc = ASKED_AT_UTC.strftime("%H:%M")
    assert not [path for path, text in pages.items() if utc in text]
    assert [path for path, text in pages.items() if "10:47" in text]
