"""Stored XSS: hostile text in every user-facing string of a published definition and in every
answer, file name, question and reason is shown as text on every page that displays it, and as text in
the PDF documents. A page that puts data into <script> blocks or attributes must keep it inert too."""
from __future__ import annotations

import io
import json
import subprocess

import pytest

from builder.item_store import publish
from runtime.engine.compiled_item import compile_item
from runtime.extensions import db
from runtime.models import Application, ApplicationFile, Consultation, Item
from runtime.stored_files import save_file
from tests.conftest import issued_pdf
from tests.security.conftest import COMPLETE, EXAMPLE, PDF, login_as, make_application, post_with_token
from tests.security.payloads import ATTRIBUTE, JS_URL, PAYLOAD, SCRIPT, poison_definition, unescaped


def _poisoned_answers(compiled, answers: dict) -> dict:
    """Every answer given, with the payload appended to its text (or swapped for a poisoned option value)."""
    def poison(value):
        if isinstance(value, str):
            return value + PAYLOAD
        if isinstance(value, list):
            return [poison(v) for v in value]
        if isinstance(value, dict):
            return {k: poison(v) for k, v in value.items()}
        return value
    out = {k: poison(v) for k, v in answers.items()}
    for field in compiled.fields.values():
        if field.check.type in ("text", "textarea") and field.id not in out:
            out[field.id] = "答" + PAYLOAD
    return out


@pytest.fixture
def hostile(app, actors):
    """The example item republished with the payload in every text, a submitted and a draft application
    whose answers, applicant and file names carry it, and a public consultation question and answer."""
    with app.app_context():
        doc, poisoned = poison_definition(json.loads(EXAMPLE.read_text("utf-8")))
        assert len(poisoned) > 100  # the walk reached the texts (labels, help, messages, guide …)
        publish(doc)
        db.session.commit()
        compiled = compile_item(doc)
        data = json.loads(COMPLETE.read_text("utf-8"))
        applicant = {**data["applicant"], "name": "张三" + PAYLOAD, "mobile": "13800138000" + PAYLOAD}
        answers = _poisoned_answers(compiled, data["answers"])
        submitted, submitted_token = make_application(actors.item_a, applicant=applicant, answers=answers)
        draft, draft_token = make_application(actors.item_a, applicant=applicant, answers=answers, status="draft")
        stored = save_file(PDF)
        for app_id in (submitted, draft):
            db.session.add(ApplicationFile(application_id=app_id, material_id=doc["materials"][0]["id"],
                                           stored_file_id=stored.id, original_name="扫描件" + PAYLOAD + ".pdf"))
        db.session.add(Consultation(item_id=actors.item_a, department_id=actors.dept_a, question="请问" + PAYLOAD,
                                    asker_name="王五" + SCRIPT, asker_contact="139" + ATTRIBUTE,
                                    answer="答复" + PAYLOAD, public=True,
                                    answered_at=db.func.now()))
        db.session.commit()
        number = db.session.get(Application, submitted).number
        return {"doc": doc, "submitted": submitted, "submitted_token": submitted_token, "draft": draft,
                "draft_token": draft_token, "number": number, "item": actors.item_a}


def _html(response, url):
    assert response.status_code in (200, 400), f"{url}: {response.status_code}"
    return response.get_data(as_text=True)


def _assert_safe(client, urls):
    checked = 0
    for url in urls:
        html = _html(client.get(url), url)
        assert unescaped(html) == [], f"{url} shows the payload unescaped: {unescaped(html)}"
        checked += ("&lt;script&gt;alert(1)" in html) or ("\\u003cscript\\u003e" in html)
    return checked


def test_public_and_applicant_pages_escape_definition_and_answers(client, hostile):
    doc, item = hostile["doc"], hostile["item"]
    scenario_args = "&".join(f"{f['id']}=x{PAYLOAD}" for s in doc["form"]["steps"] for f in s["fields"])
    public = [f"/zwfw/?q={PAYLOAD}", "/zwfw/", f"/zwfw/items/{item}", f"/zwfw/items/{item}/downloads",
              f"/zwfw/items/{item}/apply", f"/zwfw/items/{item}/result", f"/zwfw/items/{item}/consult",
              f"/zwfw/items/{item}/scenario", f"/zwfw/items/{item}/scenario?{scenario_args}"]
    base = f"/zwfw/a/{hostile['draft_token']}"
    steps = [f"{base}/applicant"] + [f"{base}/{s['id']}" for s in doc["form"]["steps"]] + \
        [f"{base}/materials", f"{base}/review", f"/zwfw/a/{hostile['submitted_token']}/done"]
    visible = _assert_safe(client, public + steps)
    assert visible >= len(public + steps) - 2  # the payload is on the pages, as text (the test can see it)


def test_definition_urls_never_become_javascript_links(client, hostile):
    assert JS_URL in json.dumps(hostile["doc"])  # the format accepted the javascript: URL …
    for url in (f"/zwfw/items/{hostile['item']}", f"/zwfw/items/{hostile['item']}/apply"):
        html = client.get(url).get_data(as_text=True)
        assert 'href="javascript:' not in html.lower()  # … the pages never link to it


def test_status_page_escapes(client, hostile):
    response = post_with_token(client, "/zwfw/status", data={"number": hostile["number"] + PAYLOAD,
                                                             "identity": "x"})
    assert unescaped(response.get_data(as_text=True)) == []
    response = post_with_token(client, "/zwfw/status", data={"number": hostile["number"],
                                                             "identity": "11010519491231002X"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "&lt;script&gt;" in html and unescaped(html) == []


def test_clerk_builder_and_back_office_pages_escape(app, client, hostile):
    login_as(client, "sys")
    item, case = hostile["item"], hostile["submitted"]
    with app.app_context():
        version_id = db.session.get(Item, item).versions[-1].id
        consultation_id = db.session.scalar(db.select(Consultation.id))
        audit_ids = db.session.scalars(db.text("SELECT id FROM audit_event ORDER BY id DESC LIMIT 5")).all()
    field = hostile["doc"]["form"]["steps"][0]["fields"][0]["id"]
    urls = ["/clerk/", f"/clerk/?q={PAYLOAD}", f"/clerk/?q=张三", f"/clerk/applications/{case}", "/clerk/intake",
            "/builder/", f"/builder/?q={PAYLOAD}", f"/builder/items/{item}", f"/builder/items/{item}/preview",
            f"/builder/items/{item}/preview?{field}=x{PAYLOAD}", "/builder/exchange/", "/builder/new",
            "/itemview/list/", f"/itemview/show/{item}", "/itemversionview/list/", f"/itemversionview/show/{version_id}",
            "/consultationview/list/", f"/consultationview/show/{consultation_id}",
            f"/consultationview/edit/{consultation_id}", "/auditeventview/list/",
            *[f"/auditeventview/show/{i}" for i in audit_ids], "/zwfw/my"]
    visible = _assert_safe(client, urls)
    assert visible >= 10


def test_builder_json_is_served_as_json(client, hostile):
    """The builder API returns the hostile definition only as application/json (never rendered as HTML)."""
    login_as(client, "sys")
    item = hostile["item"]
    for url in (f"/builder/api/items/{item}/draft", f"/builder/api/items/{item}/versions",
                f"/builder/api/items/{item}/diff?from=1&to=2"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.mimetype == "application/json"
        assert response.headers.get("X-Content-Type-Options") == "nosniff"


def _pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout \
        .decode("utf-8")


def test_documents_show_the_payload_as_text(app, client, hostile):
    """WeasyPrint renders from autoescaped HTML: the markup is printed as characters, not interpreted."""
    login_as(client, "sys")
    case = hostile["submitted"]
    texts = [_pdf_text(issued_pdf(client, f"/clerk/applications/{case}/documents/one_time_notice.pdf").data),
             _pdf_text(client.get(f"/builder/items/{hostile['item']}/preview/notice.pdf").data)]
    post_with_token(client, f"/clerk/applications/{case}", f"/clerk/applications/{case}/accept",
                    data={"note": "受理" + PAYLOAD, "confirm": "1"})
    for kind in ("acceptance_notice", "acceptance_slip"):
        response = issued_pdf(client, f"/clerk/applications/{case}/documents/{kind}.pdf")
        assert response.status_code == 200, kind
        texts.append(_pdf_text(response.data))
    for text in texts:
        flat = "".join(text.split())
        assert "<script>alert(1)</script>" in flat  # the payload printed literally …
        assert "&lt;" not in flat  # … and not double-escaped


def test_inline_json_cannot_close_its_script_block(client, hostile):
    """Answers go into <script type="application/json"> on the step pages: `</script>` must be escaped."""
    base = f"/zwfw/a/{hostile['draft_token']}"
    html = client.get(f"{base}/{hostile['doc']['form']['steps'][0]['id']}").get_data(as_text=True)
    start = html.index('<script type="application/json" id="form-logic">')
    block = html[start:html.index("</script>", start)]
    assert "alert(1)" in block  # the answers are there …
    assert "<" not in block[len('<script type="application/json" id="form-logic">'):]  # … with < escaped
    json.loads(block.split(">", 1)[1])  # and still valid JSON


def test_uploaded_file_name_is_escaped_on_materials_page(client, hostile):
    base = f"/zwfw/a/{hostile['draft_token']}"
    response = post_with_token(client, f"{base}/materials", data={
        "material": hostile["doc"]["materials"][0]["id"], "files": (io.BytesIO(PDF), SCRIPT + '".pdf')},
        content_type="multipart/form-data")
    assert response.status_code == 302
    html = client.get(f"{base}/materials").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and unescaped(html) == []
