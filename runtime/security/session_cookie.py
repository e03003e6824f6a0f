"""Flask's signed-cookie sessions, with the signing serializer built once per key instead of on every
request (Flask builds a new one each time: about 3 % of a form page's time). The serializer holds
only its configuration, so one instance serves every request and thread; a changed SECRET_KEY or
SECRET_KEY_FALLBACKS (tests change them) builds a new one."""
from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface


class SessionCookies(SecureCookieSessionInterface):
    def __init__(self) -> None:
        self._signing = (None, None)

    def get_signing_serializer(self, app: Flask):
        key = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        held_key, serializer = self._signing
        if held_key != key:
            serializer = super().get_signing_serializer(app)
            self._signing = (key, serializer)
        return serializer


def install(app: Flask) -> None:
    app.session_interface = SessionCookies()
