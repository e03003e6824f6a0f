"""Stored UTC timestamps are shown, and days counted, in the centre's time zone (Beijing by default)."""
from datetime import datetime

from runtime import clock


def test_an_evening_utc_moment_is_the_next_morning_in_beijing():
    moment = clock.local(datetime(2026, 10, 8, 20, 30))
    assert (moment.date().isoformat(), moment.strftime("%H:%M")) == ("2026-10-09", "04:30")
    assert clock.local(None) is None
