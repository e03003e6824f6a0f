"""The public service column: catalogue, navigation, search, guide and its sub-columns."""
import re

from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Consultation, Item
from tests.portal.conftest import post_form


def text(response):
    return response.get_data(as_text=True)


def test_catalogue_lists_navigates_and_searches(client, item_id):
    page = text(client.get("/zwfw/"))
    assert "政务服务专栏" in page and "个体工商户登记" in page and "秦源县市场监督管理局" in page
    assert "行政确认 (1)" in page and "共找到 1 个事项" in page
    assert "个体工商户登记" in text(client.get("/zwfw/?q=工商户"))
    assert "个体工商户登记" in text(client.get("/zwfw/?q=000120260000"))
    assert "共找到 0 个事项" in text(client.get("/zwfw/?q=宅基地"))
    assert "共找到 0 个事项" in text(client.get("/zwfw/?type=02"))
    assert client.get("/zwfw/?page=abc&department=x&type=<script>").status_code == 200


def test_offline_item_is_not_public(app, client, item_id):
    with app.app_context():
        db.session.get(Item, item_id).online = False
        db.session.commit()
    assert "共找到 0 个事项" in text(client.get("/zwfw/"))
    assert client.get(f"/zwfw/items/{item_id}").status_code == 404


def test_guide_shows_every_element_group(client, item_id):
    page = text(client.get(f"/zwfw/items/{item_id}"))
    for expected in ("受理条件", "法定办结时限", "承诺办结时限", "办理地点", "咨询电话", "12315", "常见问题解答",
                     "个体工商户营业执照", "家庭成员关系证明", "特定情形下需要", "容缺", "实施主体"):
        assert expected in page, expected
    for tab in ("办事指南", "网上咨询", "表格下载", "网上申请", "结果反馈"):
        assert tab in page


def test_consultation_is_asked_answered_and_listed(app, client, item_id):
    url = f"/zwfw/items/{item_id}/consult"
    bad = post_form(client, url, {"question": "短", "name": "", "contact": ""})
    assert bad.status_code == 400 and "5 至 1000" in text(bad) and "请填写您的姓名" in text(bad)
    ok = post_form(client, url, {"question": "家庭经营需要全部家庭成员到场吗?", "name": "王五", "contact": "13800138000"})
    assert ok.status_code == 302
    assert "家庭经营需要全部家庭成员到场吗" not in text(client.get(url))  # not answered yet
    with app.app_context():
        question = db.session.scalar(select(Consultation))
        question.answer = "不需要,经营者本人到场即可。"
        question.answered_at = question.created_at
        db.session.commit()
    page = text(client.get(url))
    assert "不需要,经营者本人到场即可" in page and "13800138000" not in page


def test_scenario_guide_lists_conditional_materials_and_prints(client, item_id):
    base = f"/zwfw/items/{item_id}/scenario"
    assert "组成形式" in text(client.get(base))
    family = text(client.get(base + "?form_of_business=family&by_agent=false&industry=retail"))
    assert "家庭成员关系证明" in family and 'data-action="print"' in family and "js/print-button.js" in family
    alone = text(client.get(base + "?form_of_business=individual&by_agent=false&industry=retail"))
    assert "家庭成员关系证明" not in alone and "个体工商户登记(备案)申请书" in alone


def test_catalogue_from_its_shell_is_the_full_page(app, client, item_id):
    """The page around the search is cached per language (page_shells.py); every search, filter and
    page must come out exactly as a full render, hostile input escaped in both."""
    with app.app_context():
        department_id = db.session.get(Item, item_id).department_id
    urls = ["/zwfw/", "/zwfw/?q=工商户", "/zwfw/?q=宅基地", "/zwfw/?type=02&page=3",
            f"/zwfw/?department={department_id}&type=01&q=登记", "/zwfw/?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"]
    for url in urls:
        pages = []
        for shells in (True, False):
            app.config["YIWANG_PAGE_SHELLS"] = shells
            try:
                pages.append(text(client.get(url)))
            finally:
                app.config["YIWANG_PAGE_SHELLS"] = True
        assert pages[0] == pages[1], url
    hostile = pages[0]
    assert "<script>alert(1)" not in hostile and 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in hostile
    filtered = text(client.get(f"/zwfw/?department={department_id}&type=01"))
    assert f'<input type="hidden" name="department" value="{department_id}">' in filtered
    assert '<input type="hidden" name="type" value="01">' in filtered


def test_more_than_a_page_is_paged_with_working_links(app, client, item_id):
    from tests.portal.test_catalogue_freshness import publish_variant
    for n in range(1, 21):
        publish_variant(app, f"个体工商户变更登记(第{n:02d}类)", basic=f"0001202600{n:02d}")
    first = text(client.get("/zwfw/?q=登记"))
    assert "共找到 21 个事项" in first and "第 1 页 共 2 页" in first and 'rel="prev"' not in first
    link = re.search(r'<a href="([^"]+)" rel="next">下一页</a>', first).group(1)
    assert link == "/zwfw/?q=%E7%99%BB%E8%AE%B0&amp;page=2"
    second = text(client.get(link.replace("&amp;", "&")))
    assert "第 2 页 共 2 页" in second and second.count('<td class="code">') == 1 and 'rel="next"' not in second
    assert re.search(r'<a href="/zwfw/\?q=%E7%99%BB%E8%AE%B0&amp;page=1" rel="prev">上一页</a>', second)
