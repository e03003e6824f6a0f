"""Form controls built in Python (runtime/portal/field_controls.py): escaping, states, accessibility."""
import pytest

from runtime.portal.field_controls import control


@pytest.fixture
def request_ctx(app):
    with app.test_request_context("/zwfw/"):
        yield


def test_definition_texts_and_answers_are_escaped(request_ctx):
    spec = {"id": "x", "type": "text", "label": "<b>名称</b>", "help": "说明 & <i>", "placeholder": '"p"',
            "max_length": 5, "unit": "<元>"}
    html = control(spec, "x", '"><script>alert(1)</script>', "错<误>", True, "x")
    assert "<script>" not in html and "&lt;b&gt;名称&lt;/b&gt;" in html and "说明 &amp; &lt;i&gt;" in html
    assert 'value="&#34;&gt;&lt;script&gt;' in html and 'placeholder="&#34;p&#34;"' in html
    assert '<p class="error" id="e-x">错&lt;误&gt;</p>' in html
    assert 'aria-describedby="h-x e-x"' in html and 'aria-invalid="true"' in html and "<abbr" in html


def test_choice_states(request_ctx):
    radio = {"id": "r", "type": "radio", "label": "R", "options": [{"value": "a", "label": "甲"}, {"value": "b", "label": "乙"}]}
    assert control(radio, "r", "b", None, False, "r").count(" checked") == 1
    assert 'value="b" checked' in control(radio, "r", "b", None, False, "r")
    boxes = {**radio, "type": "checkbox_group"}
    assert control(boxes, "r", ["a", "b"], None, False, "r").count(" checked") == 2
    assert " checked" not in control(boxes, "r", "a", None, False, "r")   # a string is not a list of choices
    assert 'value="true" checked' in control({"id": "y", "type": "yes_no", "label": "Y"}, "y", True, None, False, "y")
    select = {**radio, "type": "select"}
    assert '<option value="a" selected>' in control(select, "r", "a", None, False, "r")
    assert "<abbr" not in control(select, "r", None, None, False, "r")
