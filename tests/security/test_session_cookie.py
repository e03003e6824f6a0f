"""The session cookie (runtime/security/session_cookie.py): its signing serializer is built once per key, so
a changed SECRET_KEY must sign with the new key at once, and a cookie signed with an old key must only be
read while that key is listed in SECRET_KEY_FALLBACKS; and it stays within what a browser keeps."""
from secrets import token_urlsafe

from flask import Flask, session

from runtime.security.session_cookie import install
from tests.security.conftest import login_as


def make_app(key: str) -> Flask:
    app = Flask(__name__)
    app.config.update(SECRET_KEY=key, TESTING=True)
    install(app)

    @app.get("/set")
    def set_value():
        session["who"] = "甲"
        return "ok"

    @app.get("/get")
    def get_value():
        return session.get("who", "-")
    return app


def cookie_of(response) -> str:
    return response.headers["Set-Cookie"].split(";", 1)[0].split("=", 1)[1]


def test_a_changed_key_signs_and_checks_with_the_new_key():
    app = make_app("first-key-" + "a" * 32)
    client = app.test_client()
    old_cookie = cookie_of(client.get("/set"))
    assert client.get("/get").get_data(as_text=True) == "甲"
    app.config["SECRET_KEY"] = app.secret_key = "second-key-" + "b" * 32
    assert client.get("/get").get_data(as_text=True) == "-"          # the old signature no longer counts
    assert cookie_of(client.get("/set")) != old_cookie
    assert client.get("/get").get_data(as_text=True) == "甲"
    stranger = app.test_client()
    stranger.set_cookie("session", old_cookie)
    assert stranger.get("/get").get_data(as_text=True) == "-"
    app.config["SECRET_KEY_FALLBACKS"] = ["first-key-" + "a" * 32]     # rotation: the old key still read
    assert stranger.get("/get").get_data(as_text=True) == "甲"


def test_long_list_urls_do_not_push_the_cookie_past_the_browsers_limit(app, client, actors):
    """Flask-AppBuilder keeps the last five list URLs in the session cookie. A link with a long filter (one
    sent to a clerk, say) made the cookie larger than the 4 KB a browser keeps, so the browser dropped it:
    signed out and every form's CSRF token void. Long URLs are left out of that history instead."""
    login_as(client, "sys")
    for n in range(5):
        response = client.get("/itemview/list/", query_string={"_flt_0_name": token_urlsafe(1200)})
        assert response.status_code == 200
        cookie = response.headers.get("Set-Cookie", "")
        assert len(cookie) < 4000, len(cookie)
    assert client.get("/itemview/list/?psize_ItemView=25").status_code == 200   # still signed in
