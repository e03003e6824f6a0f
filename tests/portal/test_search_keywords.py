"""People find items by the words they use: keywords set in the definition (guide.keywords), and the
pinyin and initials of the name and keywords, through the public search box."""
import json
from pathlib import Path

import pytest

from builder.item_store import publish
from runtime.extensions import db
from runtime.portal.search_keys import keywords_column, pinyin_forms, search_key

ROOT = Path(__file__).resolve().parents[2]


def test_pinyin_forms_full_and_initials():
    assert pinyin_forms("食品经营许可") == "shipinjingyingxuke spjyxk"
    assert pinyin_forms("ABC") == ""
    key = search_key("个体工商户登记", "餐饮 开店")
    for term in ("个体工商户", "餐饮", "开店", "getigongshanghu", "gtgshdj", "canyin", "cy", "kaidian"):
        assert term in key


def test_keywords_column_from_the_definition():
    assert keywords_column({"guide": {"keywords": ["餐饮", " 开 店 ", ""]}}) == "餐饮 开店"
    assert keywords_column({"guide": {}}) is None and keywords_column({}) is None


@pytest.fixture
def published(app):
    with app.app_context():
        for stem in ("individual-business-registration", "public-place-hygiene-licence", "minimum-living-allowance"):
            publish(json.loads((ROOT / "item_defs" / f"{stem}.json").read_text("utf-8")))
        db.session.commit()


@pytest.mark.parametrize("query, expected", [
    ("餐饮", "个体工商户登记"),            # a keyword of the definition
    ("低保", "最低生活保障"),
    ("宾馆", "公共场所卫生许可证核发"),
    ("gtgsh", "个体工商户登记"),          # initials of the name
    ("GGCS", "公共场所卫生许可证核发"),    # initials, any case
    ("canyin", "个体工商户登记"),         # pinyin of a keyword
    ("weishengxuke", "公共场所卫生许可证核发"),
])
def test_the_search_box_finds_items_by_keywords_and_pinyin(client, published, query, expected):
    page = client.get("/zwfw/", query_string={"q": query}).get_data(as_text=True)
    assert "共找到 1 个事项" in page and expected in page, query


def test_keywords_follow_the_published_version(app, client, published):
    doc = json.loads((ROOT / "item_defs/individual-business-registration.json").read_text("utf-8"))
    doc["guide"]["keywords"] = ["摆摊"]
    with app.app_context():
        publish(doc)
        db.session.commit()
    assert "共找到 1 个事项" in client.get("/zwfw/?q=摆摊").get_data(as_text=True)
    assert "共找到 0 个事项" in client.get("/zwfw/?q=餐饮").get_data(as_text=True)
