"""The application step page is served from a cached shell (runtime/portal/page_shells.py): it must
be the same HTML as a full render, never show one applicant's data to another, and follow a newly
published version at once."""
import copy
import json
import re

from builder.item_store import publish
from runtime.extensions import db
from tests.conftest import csrf_token
from tests.portal.conftest import EXAMPLE, VALID_ID, start
from tests.portal.test_application_flow import OPERATOR, fill_applicant, post, text


def _without_csrf(html: str) -> str:
    # The signed CSRF token carries a timestamp, so two renders in one session may differ there only.
    return re.sub(r'name="csrf_token" value="[^"]+"', 'name="csrf_token" value=""', html)


def _both(app, client, url, method="get", data=None):
    """The page from its shell and from a full render, for the same client and state."""
    pages = []
    for shells in (True, False):
        app.config["YIWANG_PAGE_SHELLS"] = shells
        try:
            response = post(client, url, data) if method == "post" else client.get(url)
        finally:
            app.config["YIWANG_PAGE_SHELLS"] = True
        pages.append((response.status_code, _without_csrf(text(response))))
    return pages


def test_shell_gives_the_same_html_as_a_full_render(app, client, item_id):
    base = start(client, item_id)
    # The start message is flashed into the shell's slot: shown once, never baked into the shell.
    created = "申请已创建。请保存本页网址"
    assert created in text(client.get(f"{base}/applicant"))
    assert created not in text(client.get(f"{base}/applicant"))
    other = app.test_client()
    assert created in text(other.get(f"{start(other, item_id)}/applicant"))
    cached, full = _both(app, client, f"{base}/applicant")
    assert cached == full
    fill_applicant(client, base)
    # A step with answers, a conditional group and errors (400), then with an added row.
    hostile = {**OPERATOR, "operator_name": "<script>alert(1)</script>", "form_of_business": "family", "go": "next"}
    cached, full = _both(app, client, f"{base}/step_operator", "post", hostile)
    assert cached == full and cached[0] == 400
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in cached[1] and "<script>alert(1)" not in cached[1]
    assert 'id="error-summary"' in cached[1]
    cached, full = _both(app, client, f"{base}/step_operator", "post",
                         {**OPERATOR, "form_of_business": "family", "add_row": "family_members"})
    assert cached == full and "family_members-0-member_name" in cached[1]
    assert _both(app, client, f"{base}/step_business")[0] == _both(app, client, f"{base}/step_business")[1]


def test_another_applicants_values_never_appear(app, client, item_id):
    first = start(client, item_id)
    fill_applicant(client, first)
    post(client, f"{first}/step_operator", {**OPERATOR, "operator_name": "甲某某", "go": "save"})
    page_a = text(client.get(f"{first}/step_operator"))
    assert 'value="甲某某"' in page_a

    other = app.test_client()     # another citizen: own session, own draft
    second = start(other, item_id)
    post(other, f"{second}/applicant", {"type": "person", "name": "乙某某", "id_number": VALID_ID,
                                        "mobile": "13900139000", "go": "next"})
    page_b = text(other.get(f"{second}/step_operator"))
    token_a, token_b = first.rsplit("/", 1)[1], second.rsplit("/", 1)[1]
    assert "甲某某" not in page_b and token_a not in page_b and "13800138000" not in page_b
    assert token_b in page_b and "13900139000" in page_b   # B's own mobile is in the live-logic data
    assert csrf_token(page_a) != csrf_token(page_b)       # a token per session, not one cached
    assert "甲某某" in text(client.get(f"{first}/step_operator"))


def test_newly_published_version_shows_at_once(app, client, item_id):
    old = start(client, item_id)
    fill_applicant(client, old)
    assert "经营者姓名" in text(client.get(f"{old}/step_operator"))   # shell of version 1 now cached

    with app.app_context():
        doc = json.loads(EXAMPLE.read_text("utf-8"))
        changed = copy.deepcopy(doc)
        step = next(s for s in changed["form"]["steps"] if s["id"] == "step_operator")
        step["title"] = "经营者基本信息"
        next(f for f in step["fields"] if f["id"] == "operator_name")["label"] = "经营者本人姓名"
        assert publish(changed).created
        db.session.commit()

    new = start(client, item_id)
    fill_applicant(client, new)
    page = text(client.get(f"{new}/step_operator"))
    assert "经营者本人姓名" in page and "经营者基本信息" in page
    # The earlier application keeps the exact version it was started under.
    page = text(client.get(f"{old}/step_operator"))
    assert "经营者本人姓名" not in page and "经营者姓名" in page


def test_progress_bar_links_every_page_but_the_current(app, client, item_id):
    """Built once per page list and language, with each applicant's own link filled in."""
    for visitor in (client, app.test_client()):
        base = start(visitor, item_id)
        fill_applicant(visitor, base)
        page = text(visitor.get(f"{base}/step_operator"))
        nav = re.search(r'<nav class="progress" aria-label="申请步骤"><ol>\n(.*?)\n</ol></nav>', page, re.S)
        assert nav, "no progress bar"
        items = re.findall(r"<li[^>]*>.*?</li>", nav.group(1))
        assert items[0] == f'<li><a href="{base}/applicant">申请人信息</a></li>', items[0]
        assert '<li aria-current="step">经营者信息</li>' in items, items
        links = re.findall(r'<a href="([^"]+)">', nav.group(1))
        assert len(links) == len(items) - 1 and all(link.startswith(f"{base}/") for link in links)
        for link in links:
            assert visitor.get(link).status_code == 200, link


def test_signed_in_shortcut_agrees_with_flask_login(app, client, item_id):
    """page_chrome.signed_in answers without Flask-Login for visitors whose session names no user and
    who sent no remember-me cookie; that holds only while no request or header loader can sign
    someone in another way."""
    from tests.conftest import login
    from tests.web.people import PASSWORD, build_world
    manager = app.login_manager
    assert manager._request_callback is None and getattr(manager, "_header_callback", None) is None, \
        "a new way to sign in: teach runtime/portal/page_chrome.signed_in about it"
    assert "登录" in text(client.get("/zwfw/")) and "我的申请" not in text(client.get("/zwfw/"))
    with app.app_context():
        build_world()
    login(client, "citizen", PASSWORD)
    for url in ("/zwfw/", start(client, item_id) + "/applicant"):
        page = text(client.get(url))
        assert "我的申请" in page and ">登录<" not in page, url


def test_each_language_gets_its_own_page_and_texts(app, client, item_id):
    """Shells, progress bars and the translations are cached per language: English (?_l_=en) and the
    default Chinese never mix, in either order."""
    base = start(client, item_id)
    fill_applicant(client, base)
    for _round in range(2):
        zh, en = text(client.get("/zwfw/")), text(client.get("/zwfw/?_l_=en"))
        assert "政务服务专栏" in zh and "Government service column" not in zh
        assert "Government service column" in en and "政务服务专栏" not in en and "items found" in en
        zh, en = text(client.get(f"{base}/step_operator")), text(client.get(f"{base}/step_operator?_l_=en"))
        assert 'aria-label="申请步骤"' in zh and "Steps" not in zh
        assert 'aria-label="Steps"' in en and "申请步骤" not in en and ">Applicant<" in en
