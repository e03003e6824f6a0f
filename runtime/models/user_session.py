"""A user's session generation: every session cookie carries a fingerprint of the generation (and of
the password hash) it was issued under, so raising the generation — at logout — or changing the
password ends every session of that user (runtime/security/session_revocation.py)."""
from flask_appbuilder import Model
from sqlalchemy import Column, ForeignKey, Integer


class UserSession(Model):
    __tablename__ = "user_session"

    user_id = Column(Integer, ForeignKey("ab_user.id", ondelete="CASCADE"), primary_key=True)
    generation = Column(Integer, nullable=False, default=0)
