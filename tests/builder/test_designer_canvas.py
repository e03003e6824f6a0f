"""The designer canvas endpoint draws fields with the portal's own controls, and survives half-made drafts."""
from tests.builder.test_builder_api import api, world  # noqa: F401 - the shared fixture
from tests.conftest import login
from tests.web.people import PASSWORD


def test_fields_are_drawn_by_the_portal_controls(client, world):  # noqa: F811
    login(client, "admin_a", PASSWORD)
    fields = [{"id": "kind", "type": "radio", "label": "类别", "options": [{"value": "a", "label": "甲类"}]},
              {"id": "area", "type": "number", "label": "面积", "unit": "平方米", "required": True},
              {"id": "rows", "type": "group", "label": "从业人员", "help": "每人一行", "fields": []}]
    html = api(client, "POST", "/canvas", {"fields": fields}).get_json()["html"]
    assert 'type="radio"' in html[0] and "甲类" in html[0] and "<legend>类别" in html[0]
    assert "面积(平方米)" in html[1] and "<abbr" in html[1]
    assert html[2].startswith("<legend>从业人员") and "每人一行" in html[2]


def test_half_made_fields_still_draw(client, world):  # noqa: F811
    login(client, "admin_a", PASSWORD)
    fields = [{"id": "field_1", "type": "select", "label": "", "options": [{"value": ""}, "odd"]},
              {"type": "text", "label": "<b>x</b>"}, "not a field", {"id": "q", "type": "checkbox_group", "label": "Q",
                                                                    "options": {"bad": 1}}]
    r = api(client, "POST", "/canvas", {"fields": fields})
    assert r.status_code == 200
    html = r.get_json()["html"]
    assert "未命名字段" in html[0] and "未填写文字的选项" in html[0]
    assert "&lt;b&gt;x&lt;/b&gt;" in html[1] and "<b>" not in html[1]
    assert html[2] == ""
    assert 'type="checkbox"' not in html[3]


def test_bad_requests_get_a_chinese_message(client, world):  # noqa: F811
    login(client, "admin_a", PASSWORD)
    r = api(client, "POST", "/canvas", {"fields": "x"})
    assert r.status_code == 400 and "字段" in r.get_json()["message"]


def test_every_text_of_a_field_comes_back_escaped(client, world):  # noqa: F811
    login(client, "admin_a", PASSWORD)
    bad = '<img src=x onerror=alert(1)>"\''
    fields = [{"id": "a", "type": kind, "label": bad, "help": bad, "placeholder": bad, "unit": bad, "statement": bad,
               "options": [{"value": bad, "label": bad}]}
              for kind in ("text", "number", "select", "radio", "checkbox_group", "declaration", "group")]
    for html in api(client, "POST", "/canvas", {"fields": fields}).get_json()["html"]:
        assert "<img" not in html and "&lt;img" in html
