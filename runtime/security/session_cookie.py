"""Flask's signed-cookie sessions, with the signing serializer built once per key instead of on every
request (Flask builds a new one each time: about 3 % of a form page's time). The serializer holds
only its configuration, so one instance serves every request and thread; a changed SECRET_KEY or
SECRET_KEY_FALLBACKS (tests change them) builds a new one.

Flask-AppBuilder keeps the last five list URLs in the session (``page_history``, for its back
redirects). A crafted link with a long query string made the cookie larger than the 4 KB a browser
keeps, so the browser dropped it: the user was signed out and every CSRF token failed. Longer URLs
are left out of that history (FAB then redirects to the home page)."""
from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

MAX_HISTORY_URL = 512   # real list URLs with a filter, sorting and paging are about 200 characters


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

    def save_session(self, app: Flask, session, response) -> None:
        history = session["page_history"] if "page_history" in session else None  # .get() would add Vary: Cookie
        if history and any(len(url) > MAX_HISTORY_URL for url in history):
            session["page_history"] = [url for url in history if len(url) <= MAX_HISTORY_URL]
        super().save_session(app, session, response)


def install(app: Flask) -> None:
    app.session_interface = SessionCookies()
