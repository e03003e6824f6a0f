"""Times on pages are the centre's local time, whether stored (naive UTC) or read from a bundle's manifest
(ISO text with its offset, as the import report shows it)."""
from datetime import datetime

from runtime.portal.template_helpers import local_time


def test_stored_and_iso_times_are_shown_in_the_centres_time_zone():
    assert local_time(datetime(2026, 12, 1, 0, 0)) == "2026-12-01 08:00"
    assert local_time("2026-12-01T00:00:00+00:00") == "2026-12-01 08:00"
    assert local_time("2026-12-01T10:00:00+08:00") == "2026-12-01 10:00"


def test_a_text_that_is_not_a_time_is_shown_as_it_is():
    assert local_time("某时") == "某时"
    assert local_time(None) == "" and local_time("") == ""
