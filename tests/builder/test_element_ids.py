"""Ids generated from Chinese labels: valid for the format, readable, unique in their scope."""
import pytest

from builder.element_ids import ID_PATTERN, id_from_label, published_ids


@pytest.mark.parametrize("label, expected", [
    ("营业执照", "yingyezhizhao"),
    ("重复组", "chongfuzu"),                                  # phrase reading, not 重 = zhong
    ("营业执照复印件(加盖公章)", "yingyezhizhaofuyinjian"),      # cut at a word boundary
    ("经营面积(平方米)", "jingyingmianji_pingfangmi"),
    ("ICP备案号", "icp_beianhao"),
    ("法人A证", "farena_zheng"),
    ("2号楼", "field_2_haolou"),
    ("  ", "field"),
    ("!!!", "field"),
])
def test_ids_from_labels(label, expected):
    generated = id_from_label(label, fallback="field")
    assert generated == expected and ID_PATTERN.match(generated)


def test_unique_in_scope_and_always_valid():
    assert id_from_label("营业执照", {"yingyezhizhao"}) == "yingyezhizhao_2"
    assert id_from_label("营业执照", {"yingyezhizhao", "yingyezhizhao_2"}) == "yingyezhizhao_3"
    long = id_from_label("中华人民共和国食品安全法实施条例规定的其他材料")
    assert len(long) <= 32 and ID_PATTERN.match(long)
    assert id_from_label("x", fallback="BAD FALLBACK") == "x"
    assert id_from_label("", fallback="BAD FALLBACK") == "item"


def test_published_ids_name_their_list():
    doc = {"materials": [{"id": "yingyezhizhao", "name": "营业执照"}],
           "form": {"steps": [{"id": "s1", "fields": [{"id": "kind", "options": [{"value": "a", "label": "甲"}]}]}]}}
    assert published_ids(doc) == ["fields:kind", "materials:yingyezhizhao", "options:a", "steps:s1"]
    assert published_ids(None) == []
