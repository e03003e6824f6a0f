"""The public service column: catalogue, navigation, search, guide and its sub-columns."""
import re

import pytest
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
    for expected in ("受理条件", "法定 3 个工作日，承诺即时办结", "办理地点", "咨询电话", "12315", "常见问题",
                     "个体工商户营业执照", "家庭成员关系证明", "适用情形：组成形式为家庭经营", "可容缺受理，受理后 10 个工作日内补交",
                     "实施主体"):
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
    assert "onclick" not in family   # no inline handlers (Content-Security-Policy)
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
        pages = both_renders(app, client, url)
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


@pytest.fixture
def province(app):
    from tests.portal.province import build_province
    with app.app_context():
        return build_province()


def both_renders(app, client, url: str) -> list[str]:
    """The page from the cached shell, then from a full render."""
    pages = []
    for shells in (True, False):
        app.config["YIWANG_PAGE_SHELLS"] = shells
        try:
            pages.append(text(client.get(url)))
        finally:
            app.config["YIWANG_PAGE_SHELLS"] = True
    return pages


def item_names(page: str) -> list[str]:
    return re.findall(r'<td><a href="[^"]+">([^<]+)</a></td>', page)


def test_a_region_lists_the_items_of_its_departments_and_those_below(client, province):
    county = text(client.get("/zwfw/?region=610422"))
    assert "三原县：共找到 25 个事项。" in county and "第 1 页 共 2 页" in county
    assert len(item_names(county)) == 20 and all(n.startswith("三原县事项") for n in item_names(county))
    assert "行政许可 (13)" in county and "公共服务事项 (12)" in county        # the type facet counts the county's
    city = text(client.get("/zwfw/?region=6104"))                           # the city's own and its counties'
    assert "咸阳市：共找到 44 个事项。" in city
    everything = []
    for page in (1, 2, 3):
        everything += item_names(text(client.get(f"/zwfw/?region=6104&page={page}")))
    assert len(everything) == len(set(everything)) == 44
    assert {n[:3] for n in everything} == {"咸阳市", "三原县", "秦都区"}
    for code in ("61", "610000"):                                           # a six-digit code names its region
        assert "陕西省：共找到 55 个事项。" in text(client.get(f"/zwfw/?region={code}"))
    assert "三原县：共找到 12 个事项。" in text(client.get("/zwfw/?region=610422&type=20"))
    assert "咸阳市：共找到 25 个事项。" in text(client.get("/zwfw/?region=6104&q=三原县"))
    other = text(client.get("/zwfw/?region=610102&q=三原县"))               # words that match elsewhere only
    assert "新城区：共找到 0 个事项。" in other and "没有符合条件的事项" in other
    whole = text(client.get("/zwfw/?region=999999"))                         # no such region: not a filter
    assert "共找到 55 个事项。" in whole and "：共找到" not in whole and "行政许可 (30)" in whole


def test_an_empty_region_says_so(client, province):
    page = text(client.get("/zwfw/?region=610423&q=事项"))
    assert "泾阳县暂无公开的事项。" in page and "共找到" not in page   # said once, not twice
    back = re.search(r'<a href="([^"]+)">查看全部地区的事项</a>', page).group(1).replace("&amp;", "&")
    assert "共找到 55 个事项。" in text(client.get(back))
    trail = re.search(r'<p class="trail">(.*?)</p>', page).group(1)            # where one is, and the way back
    assert re.findall(r">([^<]+)</a>", trail) == ["全部地区", "陕西省", "咸阳市", "泾阳县"]


def test_the_pager_keeps_the_region_the_department_search_and_the_words(app, client, province):
    first = text(client.get("/zwfw/?q=事项&region=610422&dq=三原县部门"))
    assert "三原县：共找到 25 个事项。" in first and "共找到 25 个部门。" in first
    link = re.search(r'<a href="([^"]+)" rel="next">下一页</a>', first).group(1)
    assert link == "/zwfw/?q=%E4%BA%8B%E9%A1%B9&amp;region=610422&amp;dq=%E4%B8%89%E5%8E%9F%E5%8E%BF%E9%83%A8%E9%97%A8&amp;page=2"
    second = text(client.get(link.replace("&amp;", "&")))
    assert "第 2 页 共 2 页" in second and "共找到 25 个部门。" in second      # the department search stays too
    assert len(item_names(second)) == 5 and all(n.startswith("三原县事项") for n in item_names(second))
    assert set(item_names(first)).isdisjoint(item_names(second))
    back = re.search(r'<a href="([^"]+)" rel="prev">上一页</a>', second).group(1)
    assert back == link.replace("page=2", "page=1")
    for name, value in (("region", "610422"), ("dq", "三原县部门")):           # a new search keeps them as well
        assert f'<input type="hidden" name="{name}" value="{value}">' in second
    typed = re.search(r'<a href="([^"]+)">公共服务事项 \(12\)</a>', second).group(1)   # so does a type
    assert "region=610422" in typed and "dq=" in typed
    for url in ("/zwfw/?region=610422&page=2", "/zwfw/?region=610423", "/zwfw/?region=6104&dq=部门&type=01"):
        pages = both_renders(app, client, url)
        assert pages[0] == pages[1], url
