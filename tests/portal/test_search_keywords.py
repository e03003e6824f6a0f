"""People find items by the words they use: keywords set in the definition (guide.keywords), and the
pinyin and initials of the name and keywords, through the public search box."""
import json
from pathlib import Path

import pytest

from builder.item_store import publish
from runtime.extensions import db
from runtime.portal.search_keys import pinyin_forms, search_key, search_terms

ROOT = Path(__file__).resolve().parents[2]


def test_pinyin_forms_full_and_initials():
    assert pinyin_forms("食品经营许可") == "shipinjingyingxuke spjyxk"
    assert pinyin_forms("ABC") == ""


def test_search_terms_from_the_definition():
    terms = search_terms({"catalogue": {"name": "个体工商户登记"}, "guide": {"keywords": ["餐饮", " 开 店 ", ""]}})
    assert terms.splitlines() == ["餐饮", "开店", "getigongshanghudengji gtgshdj", "canyin cy", "kaidian kd"]
    key = search_key("个体工商户登记", terms)
    assert all(t in key for t in ("个体工商户", "餐饮", "gtgsh", "canyin", "kaidian"))
    assert search_terms({"catalogue": {"name": "ABC"}}) is None


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


def test_migration_gives_existing_items_their_terms(tmp_path):
    """Items published before migration 0014 get the terms of their current version."""
    from flask_migrate import upgrade
    from sqlalchemy import text

    from app import create_app
    other = create_app({"TESTING": True, "SECRET_KEY": "k" * 40, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.db'}",
                        "YIWANG_STORAGE_DIR": str(tmp_path / "files")})
    doc = json.loads((ROOT / "item_defs/individual-business-registration.json").read_text("utf-8"))
    with other.app_context():
        upgrade(revision="0011")
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO item (id, implementation_code, name, department_id, online, current_version, "
                              "created_at, updated_at) VALUES (1, 'X', '个体工商户登记', 1, 1, 2, '2026-01-01', '2026-01-01')"))
            for number, words in ((1, ["旧词"]), (2, ["餐饮"])):
                doc["guide"]["keywords"] = words
                conn.execute(text("INSERT INTO item_version (item_id, number, definition, checksum, schema_version, "
                                  "published_at) VALUES (1, :n, :d, 'c', '1.0', '2026-01-01')"),
                             {"n": number, "d": json.dumps(doc, ensure_ascii=False)})
        upgrade(revision="0014")
        with db.engine.connect() as conn:
            terms = conn.execute(text("SELECT search_terms FROM item WHERE id = 1")).scalar()
        db.engine.dispose()
    assert terms.splitlines()[0] == "餐饮" and "gtgsh" in terms and "旧词" not in terms
