"""Today's date and local time for case work, in one place so tests (and a training instance) can fix it.

Timestamps are stored as naive UTC; deadlines, notices and pages use the centre's civil time zone
(YIWANG_TIMEZONE, default Asia/Shanghai), so a submission at 07:30 Beijing time counts on that day."""
from __future__ import annotations

import os
from datetime import date, datetime, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo


@lru_cache(maxsize=1)
def zone() -> ZoneInfo:
    return ZoneInfo(os.environ.get("YIWANG_TIMEZONE", "Asia/Shanghai"))


def today() -> date:
    return datetime.now(zone()).date()


def local(moment: datetime | None) -> datetime | None:
    """A stored naive-UTC timestamp in the centre's time zone."""
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc).astimezone(zone()) if moment.tzinfo is None else moment.astimezone(zone())
