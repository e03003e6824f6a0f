"""The 办事指南 reads like a county wrote it: every public page of every example item shows values in
words (no Python reprs, no None/True/False, no enum keys of the definition format), no row twice, and
the guide follows the national guide's order. The printed guide uses the same model."""
import json
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builder.item_store import publish
from runtime.documents import DocumentContext, load_theme, render_html
from runtime.documents.service_guide import copies_text, service_guide
from runtime.engine.schema import definition_schema
from runtime.extensions import db

ROOT = Path(__file__).resolve().parents[2]
ITEMS = sorted((ROOT / "item_defs").glob("*.json"))
PAGES = ("", "/downloads", "/apply", "/result", "/consult", "/scenario")
ORDER = ("受理条件", "申请材料", "办理流程", "办理时限", "收费", "办理地点、时间和电话", "咨询与监督", "常见问题",
         "表格下载", "事项编码及设定依据")


def _enum_keys() -> set[str]:
    """Every word-like enum value of the definition format (working_day, paper_and_electronic …)."""
    keys = set()

    def walk(node):
        if isinstance(node, dict):
            keys.update(k for k in node.get("x-enum-labels", {}) if re.fullmatch(r"[a-z][a-z_]{3,}", k))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(definition_schema())
    return keys


ENUM_KEYS = _enum_keys()
LEAK = re.compile(r"object at 0x|<built-in|<function|\{'|\['|(?<![A-Za-z])(None|True|False|null|true|false)(?![A-Za-z])|"
                  r"(?<![A-Za-z_/.])(" + "|".join(sorted(ENUM_KEYS)) + r")(?![A-Za-z_])")


class _Text(HTMLParser):
    """Visible text, and the label rows (<dt>) of the label/value lists outside the materials list."""

    def __init__(self):
        super().__init__()
        self.text, self.skip, self.stack, self.labels, self.headings = [], 0, [], [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        if self.skip:
            return
        self.text.append(data)
        if self.stack and self.stack[-1] == "dt" and "li" not in self.stack and data.strip():
            self.labels.append(data.strip())
        if self.stack and self.stack[-1] in ("h2", "th") and data.strip():
            self.headings.append(data.strip())


def read(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def assert_in_words(html: str, where: str):
    page = read(html)
    text = " ".join(page.text)
    leaked = LEAK.search(text)
    assert leaked is None, f"{where}: leaked {leaked.group(0)!r} in …{text[max(0, leaked.start() - 60):leaked.end() + 20]}"
    doubled = {label for label in page.labels if page.labels.count(label) > 1}
    assert not doubled, f"{where}: rows shown twice: {doubled}"
    return page


@pytest.mark.parametrize("path", ITEMS, ids=[p.stem for p in ITEMS])
def test_every_public_page_shows_values_in_words(app, client, path):
    doc = json.loads(path.read_text("utf-8"))
    with app.app_context():
        item_id = publish(doc).item.id
        db.session.commit()
    for tab in PAGES:
        response = client.get(f"/zwfw/items/{item_id}{tab}")
        assert response.status_code == 200
        page = assert_in_words(response.get_data(as_text=True), f"{path.stem}{tab or ' guide'}")
        if tab == "":
            order = [page.headings.index(h) for h in ORDER if h in page.headings]
            assert order == sorted(order) and len(order) >= 8, page.headings
    printed = render_html("guide", doc, {}, DocumentContext(), load_theme())
    page = assert_in_words(printed, f"{path.stem} printed guide")
    order = [page.headings.index(h) for h in ORDER if h in page.headings]
    assert order == sorted(order) and len(order) >= 8, page.headings


def test_the_leak_check_catches_what_the_old_page_showed():
    for leaked in ("复印件 <built-in method copy of dict object at 0x7f>", "时限单位 working_day", "是否收费 False",
                   "{'value': 20}"):
        with pytest.raises(AssertionError):
            assert_in_words(f"<p>{escape(leaked)}</p>", "sample")
    with pytest.raises(AssertionError, match="twice"):
        assert_in_words("<dl><dt>基本编码</dt><dd>1</dd></dl><dl><dt>基本编码</dt><dd>1</dd></dl>", "sample")


def test_guide_values_in_words():
    doc = json.loads((ROOT / "item_defs/public-place-hygiene-licence.json").read_text("utf-8"))
    guide = service_guide(doc)
    assert copies_text({"original": 1, "copy": 2}) == "原件 1 份、复印件 2 份"
    assert guide["time_limits"]["summary"] == "法定 20 个工作日，承诺 7 个工作日"
    materials = {m["id"]: m for m in guide["materials"]}
    assert materials["water_treatment"]["condition"] == "“场所类别”为游泳场所"
    assert materials["linen_plan"]["condition"] == "“场所类别”为住宿场所或沐浴场所"
    assert materials["hygiene_report"]["tolerated"] == "可容缺受理，受理后 15 个工作日内补交"
    assert materials["business_licence"]["source"] == "政府部门核发（市场监督管理部门出具）"
    assert materials["application_form"]["copies"] == "原件 1 份"
    assert [p["name"] for p in guide["process"]] == ["受理", "材料审查", "决定", "发证"]
    assert ("事项类型", "行政许可") in guide["codes"] and guide["fees"]["note"] == "不收费"
    same_day = service_guide(json.loads((ROOT / "item_defs/individual-business-registration.json").read_text("utf-8")))
    assert same_day["time_limits"]["summary"] == "法定 3 个工作日，承诺即时办结"
