"""Applications from the citizen's side: created as drafts with a secret resume token (only its hash
is stored), found again by that token, claimed for submission, numbered on submission."""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import defer, joinedload

from runtime import clock
from runtime.casework.numbering import next_number as take_number
from runtime.extensions import db
from runtime.fast_read import fetch_one
from runtime.models import Application, ApplicationEvent, ItemVersion
from runtime.models.timestamps import utcnow

EDITABLE = ("draft", "needs_correction")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_draft(version, user_id=None) -> tuple[Application, str]:
    token = secrets.token_urlsafe(24)
    application = Application(item_version_id=version.id, department_id=version.item.department_id,
                              applicant={}, answers={}, materials={}, status="draft", channel="online",
                              applicant_user_id=user_id, resume_token_hash=token_hash(token))
    db.session.add(application)
    db.session.flush()
    record_status(application, None, "draft", "网上申请创建草稿")
    return application, token


@cache
def _by_token():
    """Built once (after the mappers are configured); the version comes along in the same query,
    without its definition (see published.compiled). The stored pre-review result (large once an
    application was submitted) is only read by the pages that show it."""
    return (select(Application).where(Application.resume_token_hash == bindparam("token_hash"))
            .options(joinedload(Application.item_version).defer(ItemVersion.definition),
                     defer(Application.prereview)))


def find_by_token(token: str) -> Application | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(_by_token(), {"token_hash": token_hash(token)})


@dataclass(frozen=True)
class DraftView:
    """What a step page shows of an application, read without the ORM (see read_by_token)."""
    id: int
    status: str
    applicant: dict
    answers: dict
    materials: dict
    channel: str
    item_version_id: int
    checksum: str


@cache
def _view_by_token():
    return (select(Application.id, Application.status, Application.applicant, Application.answers,
                   Application.materials, Application.channel, Application.item_version_id, ItemVersion.checksum)
            .join(ItemVersion, ItemVersion.id == Application.item_version_id)
            .where(Application.resume_token_hash == bindparam("token_hash")))


def read_by_token(token: str) -> DraftView | None:
    """The application behind a resume token for display only (runtime.fast_read): the most viewed
    page of the portal. Pages that change the application use find_by_token."""
    if not token or len(token) > 64:
        return None
    row = fetch_one(db.engine, _view_by_token(), {"token_hash": token_hash(token)})
    return None if row is None else DraftView(*row)


def record_status(application: Application, before, after: str, note: str = "", actor_id=None,
                  review: dict | None = None) -> None:
    application.status = after
    db.session.add(ApplicationEvent(application=application, status_from=before, status_to=after, note=note,
                                    actor_id=actor_id, review=review))


def review_summary(result: dict) -> dict:
    """What statistics keep of one automatic pre-review: its outcome and the materials it found lacking."""
    return {"outcome": result.get("outcome"),
            "missing": [m["id"] for m in result.get("materials", []) if m.get("status") in ("missing", "invalid")]}


def claim_for_submit(application: Application, revision: int | None) -> bool:
    """Take the application for one submission: a conditional UPDATE that only matches while it is
    still editable and still at ``revision``, the one the review page showed when the applicant
    pressed submit. It holds the row (PostgreSQL) or the write lock (SQLite) until the caller commits,
    so a second, concurrent submit from the same page (a double click) waits, then matches nothing
    and shows the first one's result instead of submitting again. The status alone cannot tell: a
    submission that needs corrections stays editable. Refreshes ``application``."""
    if revision is None:   # a form without it comes from no review page of ours
        return False
    claimed = db.session.execute(update(Application).where(Application.id == application.id,
                                                           Application.status.in_(EDITABLE),
                                                           Application.revision == revision)
                                 .values(updated_at=utcnow()).execution_options(synchronize_session=False))
    db.session.refresh(application)
    return claimed.rowcount == 1


def next_number(application: Application, now: datetime | None = None) -> str:
    """申请编号: date + department id + a daily sequence, e.g. 20261124-0007-0003. Taken from a locked
    sequence row in the caller's transaction: unique under concurrent submissions and without gaps."""
    now = now or clock.local(utcnow())  # the date of the centre's day, as on the receipt
    prefix = f"{now:%Y%m%d}-{application.department_id:04d}-"

    def already_taken() -> int:
        """Numbers given before the daily sequence existed. A range on the unique index of numbers, not
        LIKE 'prefix%', which a non-C collation (C.UTF-8 included) keeps off the index."""
        return db.session.scalar(select(func.count()).select_from(Application)
                                 .where(Application.number.between(prefix + "0", prefix + "9" * 9)))

    taken = take_number(application.department_id, f"application-{now:%m%d}", now.year, start=already_taken)
    return f"{prefix}{taken:04d}"
