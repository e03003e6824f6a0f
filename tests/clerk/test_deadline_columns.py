"""The stored deadline columns say what the live signal says, on every day: red exactly while
due_on < today, yellow exactly while warn_on <= today and not red (runtime/casework/deadline_columns.py)."""
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st

from runtime.casework.deadline_columns import columns
from runtime.casework.deadlines import signal
from runtime.engine.workdays import default_calendar

CAL = default_calendar()
DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31))


def _level(application, today: date) -> str:
    with patch("runtime.clock.today", lambda: date(2025, 1, 1)):   # stored before any day the test asks about
        due, warn = columns(application, CAL)
    if due is not None and due < today.isoformat():
        return "red"
    if warn is not None and warn <= today.isoformat():
        return "yellow"
    return "ok"


NEAR = st.integers(min_value=-3, max_value=25)   # days from the base date: deadlines and "today" close together


@st.composite
def cases(draw):
    """A case and a day to look at it, all within a few weeks of one base date."""
    base = draw(DAYS)
    near = lambda: base + timedelta(days=draw(NEAR))  # noqa: E731
    status = draw(st.sampled_from(["submitted", "reviewed", "needs_correction", "accepted", "completed", "rejected"]))
    promised = draw(st.one_of(st.none(), st.builds(near)))
    tolerated = draw(st.one_of(st.none(), st.builds(near)))
    open_pause = draw(st.booleans())
    application = SimpleNamespace(
        status=status, submitted_at=draw(st.sampled_from([None, datetime.combine(base, datetime.min.time())
                                                          + timedelta(hours=draw(st.integers(0, 23)))])),
        promised_date=promised.isoformat() if promised else None,
        pauses=[{"start": base.isoformat(), "end": None if open_pause else base.isoformat(), "reason": "检测"}],
        tolerated_until=tolerated.isoformat() if tolerated else None,
        supplemented_on=draw(st.sampled_from([None, base.isoformat()])))
    return application, near()


@settings(max_examples=400, deadline=None)
@given(cases())
@example((SimpleNamespace(status="submitted", submitted_at=datetime(2026, 12, 28, 9), promised_date=None, pauses=None,
                          tolerated_until=None, supplemented_on=None), date(2026, 12, 29)))
def test_stored_columns_agree_with_the_signal(case_and_day):
    application, today = case_and_day
    live = signal(application, CAL, today)
    assert _level(application, today) == (live.level if live else "ok")


def test_undetermined_deadline_is_yellow_from_the_day_it_was_found():
    late = SimpleNamespace(status="submitted", submitted_at=datetime(2026, 12, 28, 9), promised_date=None, pauses=None,
                           tolerated_until=None, supplemented_on=None)
    due, warn = columns(late, CAL)
    assert due is None and warn is not None
