"""Ending sessions that a signed cookie alone would keep alive. A session cookie is signed, not stored,
so the server cannot forget it; instead the session carries a fingerprint — an HMAC of the user's id,
password hash and session generation — and a session whose fingerprint no longer matches loads no
user. Logging out raises the generation (every session of the user ends: a copied cookie is worthless);
a password change or reset changes the hash (the same); deactivation already refuses the user."""
from __future__ import annotations

import hashlib
import hmac

from flask import Flask, current_app, session
from flask_login import user_logged_in
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from runtime.extensions import db
from runtime.models import UserSession

KEY = "_yw_session"


def _generation(user_id: int) -> int:
    return db.session.scalar(select(UserSession.generation).where(UserSession.user_id == user_id)) or 0


def fingerprint(user) -> str:
    message = f"{user.id}:{user.password or ''}:{_generation(user.id)}".encode()
    return hmac.new(current_app.secret_key.encode(), message, hashlib.sha256).hexdigest()[:32]


def stamp(user) -> None:
    """Mark the current session as one of ``user``'s current sessions."""
    session[KEY] = fingerprint(user)


def is_current(user) -> bool:
    return hmac.compare_digest(session.get(KEY, ""), fingerprint(user))


def end_all(user) -> None:
    """End every session of ``user`` (the caller commits)."""
    raised = db.session.execute(update(UserSession).where(UserSession.user_id == user.id)
                                .values(generation=UserSession.generation + 1))
    if raised.rowcount == 0:
        try:
            with db.session.begin_nested():
                db.session.add(UserSession(user_id=user.id, generation=1))
        except IntegrityError:  # a concurrent logout inserted it first
            db.session.execute(update(UserSession).where(UserSession.user_id == user.id)
                               .values(generation=UserSession.generation + 1))
    session.pop(KEY, None)


def install(app: Flask) -> None:
    @user_logged_in.connect_via(app)
    def _stamp(_app, user, **_extra):
        stamp(user)
