"""Drafts nobody comes back to: an application never submitted and untouched for
``YIWANG_DRAFT_EXPIRY_DAYS`` (default 30) is deleted with its file rows by ``flask files sweep``, whose
file sweep then removes the files themselves (nothing refers to them any more). The applicant is told
the period when the draft is started. Submitted applications never expire."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select

from runtime import audit
from runtime.extensions import db
from runtime.models import Application, ApplicationEvent, ApplicationFile, IssuedDocument
from runtime.models.timestamps import utcnow

DEFAULT_DAYS = 30
BATCH = 500


def expiry_days() -> int:
    return int(current_app.config.get("YIWANG_DRAFT_EXPIRY_DAYS", DEFAULT_DAYS))


def expired_drafts() -> list[int]:
    cutoff = utcnow() - timedelta(days=expiry_days())
    return list(db.session.scalars(select(Application.id).where(Application.status == "draft",
                                                                Application.updated_at < cutoff)
                                   .order_by(Application.id)))


def expire_drafts(dry_run: bool = False) -> int:
    """Delete (or with ``dry_run`` only count) the expired drafts; returns how many."""
    ids = expired_drafts()
    if dry_run:
        db.session.rollback()
        return len(ids)
    cutoff = utcnow() - timedelta(days=expiry_days())
    deleted = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start:start + BATCH]
        # still a draft and still untouched: a draft saved since the read above stays
        batch = list(db.session.scalars(select(Application.id).where(
            Application.id.in_(batch), Application.status == "draft", Application.updated_at < cutoff)
            .with_for_update()))
        if not batch:
            continue
        for model in (ApplicationFile, ApplicationEvent, IssuedDocument):
            db.session.execute(delete(model).where(model.application_id.in_(batch)))
        db.session.execute(delete(Application).where(Application.id.in_(batch)))
        audit.record(db.session, "expire", "Application", None,
                     f"删除超过 {expiry_days()} 天未修改的未提交申请 {len(batch)} 份")
        db.session.commit()
        deleted += len(batch)
    return deleted
