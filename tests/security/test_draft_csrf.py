"""CSRF on the pages behind a resume link: their forms carry a token bound to the link
(runtime/security/draft_csrf.py). It opens that draft's forms only, survives a lost or expired
session (a citizen's long form is not thrown away), and viewing a step sets no cookie."""
from __future__ import annotations

from tests.conftest import csrf_token
from tests.portal.conftest import VALID_ID, item_id, start  # noqa: F401 - item_id is a fixture

CSRF_MESSAGE = "表单已过期或不是从本站提交的"
APPLICANT = {"type": "person", "name": "张三", "id_number": VALID_ID, "mobile": "13800138000", "go": "save"}


def _token(client, url) -> str:
    return csrf_token(client.get(url).get_data(as_text=True))


def test_viewing_a_step_sets_no_cookie(app, client, item_id):
    base = start(client, item_id)
    stranger = app.test_client(use_cookies=False)   # the resume link opened in a fresh browser
    response = stranger.get(f"{base}/applicant")
    assert response.status_code == 200 and "Set-Cookie" not in response.headers


def test_the_links_token_saves_the_form_even_without_the_session(app, client, item_id):
    base = start(client, item_id)
    token = _token(client, f"{base}/applicant")
    client.delete_cookie("session")   # the session expired or the browser dropped it while filling in
    response = client.post(f"{base}/applicant", data={**APPLICANT, "csrf_token": token})
    assert response.status_code == 200 and CSRF_MESSAGE not in response.get_data(as_text=True)
    assert 'value="张三"' in client.get(f"{base}/applicant").get_data(as_text=True)


def test_a_token_opens_only_its_own_draft(app, client, item_id):
    mine, theirs = start(client, item_id), start(app.test_client(), item_id)
    token = _token(client, f"{mine}/applicant")
    for url in (f"{theirs}/applicant", f"{theirs}/submit", f"{theirs}/withdraw"):
        response = client.post(url, data={**APPLICANT, "csrf_token": token})
        assert response.status_code == 400 and CSRF_MESSAGE in response.get_data(as_text=True), url
    assert 'value="张三"' not in client.get(f"{theirs}/applicant").get_data(as_text=True)


def test_forged_or_missing_tokens_are_refused(client, item_id):
    base = start(client, item_id)
    token = _token(client, f"{base}/applicant")
    for data in ({}, {"csrf_token": "forged"}, {"csrf_token": token[:-1]}, {"csrf_token": token.upper()}):
        response = client.post(f"{base}/applicant", data={**APPLICANT, **data})
        assert response.status_code == 400 and CSRF_MESSAGE in response.get_data(as_text=True), data
    response = client.post(f"{base}/applicant", data=APPLICANT, headers={"X-CSRFToken": token})
    assert response.status_code == 200   # the header form (scripts) is accepted too


def test_the_token_depends_on_the_secret_key(app, item_id):
    from runtime.security.draft_csrf import bound_token
    with app.test_request_context():
        first = bound_token("some-resume-token")
        app.config["SECRET_KEY"] = app.config["SECRET_KEY"] + "-rotated"
        try:
            assert bound_token("some-resume-token") != first
        finally:
            app.config["SECRET_KEY"] = app.config["SECRET_KEY"].removesuffix("-rotated")
        assert bound_token("some-resume-token") == first and bound_token("other-token") != first


def test_pages_elsewhere_keep_the_session_token(client, item_id):
    """The item's start form (no resume link yet) still uses Flask-WTF's session-bound token."""
    page = client.get(f"/zwfw/items/{item_id}/apply").get_data(as_text=True)
    assert csrf_token(page).count(".") == 2   # itsdangerous' signed, timed form
