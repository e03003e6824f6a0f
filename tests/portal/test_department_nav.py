"""The catalogue's department navigation for a province (runtime/portal/department_nav.py): grouped by
level and region from the GB/T 2260 codes, found by name, and small whatever the number of departments."""
import pytest

from runtime.portal.department_nav import MAX_MATCHES, SHOW_ALL, DepartmentTree, node_of, path_of

SHAANXI_COUNTIES = ["610102", "610103", "610104", "610402", "610403", "610404", "610422"]


def province(per_county=10, provincial=5, per_city=3):
    """A province's departments: provincial ones, city-level ones in 西安 and 咸阳, and county ones."""
    rows, n = [], 0
    for i in range(provincial):
        n += 1
        rows.append((n, f"陕西省厅局{i}", 2, "610000"))
    for city in ("610100", "610400"):
        for i in range(per_city):
            n += 1
            rows.append((n, f"市局{city}-{i}", 1, city))
    for county in SHAANXI_COUNTIES:
        for i in range(per_county):
            n += 1
            rows.append((n, f"县局{county}-{i}", 1, county + "000000"))   # 12-digit statistical codes too
    return rows


@pytest.fixture(autouse=True)
def _request(app):
    with app.test_request_context():   # headings and region labels are translated
        yield


def test_levels_and_regions_from_codes():
    assert [node_of(c) for c in ("610000", "610400", "610402", "610402001000", "", None, "abc")] == \
        ["61", "6104", "610402", "610402", "", "", ""]
    assert path_of("610402") == ["61", "6104", "610402"]
    assert path_of("110101") == ["11", "110101"]         # a municipality's districts: no city level
    assert path_of("6104") == ["61", "6104"] and path_of("") == []


def test_a_province_shows_one_region_at_a_time():
    tree = DepartmentTree(province())
    assert tree.total == 5 + 6 + 70 > SHOW_ALL
    top = tree.view()                                    # the one province is stepped into
    assert top.trail == [("61", "陕西省")]
    assert top.groups == [("省级部门", [(i, f"陕西省厅局{i - 1}", 2) for i in range(1, 6)])]
    assert top.below == [("6101", "西安市", 33), ("6104", "咸阳市", 43)]
    small_city = tree.view("6101")                       # 33 departments: all listed, a group per county
    assert small_city.trail == [("61", "陕西省"), ("6101", "西安市")] and small_city.below == []
    assert [h for h, _d in small_city.groups] == ["市级部门", "新城区", "碑林区", "莲湖区"]
    assert sum(len(d) for _h, d in small_city.groups) == 33
    city = tree.view("6104")                             # 43: its own, and its counties to choose from
    assert [h for h, _d in city.groups] == ["市级部门"] and len(city.groups[0][1]) == 3
    assert city.below == [("610402", "秦都区", 10), ("610403", "杨陵区", 10), ("610404", "渭城区", 10),
                          ("610422", "三原县", 10)]
    county = tree.view(department_id=81)                 # a department opens its own region
    assert county.region == "610422" and county.groups[0][1][-1][0] == 81


def test_a_name_search_narrows_and_is_bounded():
    tree = DepartmentTree(province(per_county=20))
    found = tree.view(words="县局610403-1")
    assert found.matched == 11 and [n for _i, n, _c in found.groups[0][1]][:2] == ["县局610403-1", "县局610403-10"]
    assert [n for _i, n, _c in tree.view(words="610403 -19").groups[0][1]] == ["县局610403-19"]   # every word
    many = tree.view(words="县局")
    assert many.matched == 140 and len(many.groups[0][1]) == MAX_MATCHES
    assert tree.view(words="没有这个部门").matched == 0


def test_a_county_lists_all_its_departments_without_headings():
    tree = DepartmentTree([(1, "市场监管局", 3, None), (2, "民政局", 1, None)])
    assert tree.view() == tree.view(region="999999")
    assert tree.view().groups == [("", [(1, "市场监管局", 3), (2, "民政局", 1)])] and tree.view().trail == []


def test_the_navigation_of_2000_departments_stays_small(app):
    """Rendered: the catalogue's navigation for a province lists a region, not 2,000 departments."""
    from runtime.portal.catalogue_index import CatalogueEntry, CatalogueIndex
    from runtime.portal.catalogue_markup import facet_nav
    counties = SHAANXI_COUNTIES
    regions = {d: ("610000" if d % 50 == 0 else counties[d % len(counties)]) for d in range(1, 2001)}
    entries = [CatalogueEntry(d, f"事项{d}", f"{d:012d}", d, f"部门{d:04d}", "01", f"事项{d}", f"{d:012d}")
               for d in range(1, 2001)]
    index = CatalogueIndex(entries, list(range(1, 2001)), regions)

    def nav(region=None, words="", department=None):
        return str(facet_nav(index, index.tree.view(region, department, words), {"01": "行政许可"}, "", department,
                             None, words))
    top = nav()
    assert len(top.encode()) < 12_000 and top.count("?department=") == 40   # the 40 provincial departments
    in_city = sum(code.startswith("6104") for code in regions.values())
    assert f'?region=6104">咸阳市</a> ({in_city} 个部门)' in top and 'name="dq"' in top
    assert "秦都区" not in top                                                 # counties: one level down
    city = nav("6104")
    assert '?region=610402">秦都区</a>' in city and "部门0007" not in city
    county = nav("610402")
    in_county = [d for d, code in regions.items() if code == "610402"]
    assert county.count("?department=") == len(in_county) < SHOW_ALL * 10
    assert f"部门{in_county[0]:04d} (1)" in county and "部门0008 (1)" not in county
    found = nav(words="部门12")
    matching = [d for d in range(1, 2001) if "部门12" in f"部门{d:04d}"]
    assert f"共找到 {len(matching)} 个部门。仅列出前 50 个" in found and found.count("?department=") == 50
    assert "部门1200 (1)" in found and "部门0012 (1)" not in found
    assert nav(words="部门0012").count("?department=") == 1


def test_a_region_parameter_names_a_region_or_nothing():
    from runtime.portal.department_nav import region_key
    assert [region_key(v) for v in ("61", "6104", "610422", "610400", "610000", "610422001000")] == \
        ["61", "6104", "610422", "6104", "61", None]
    assert [region_key(v) for v in ("", None, "6", "610", "61042", "abc", "６１", "61 ", "6104221")] == [None] * 9
    tree = DepartmentTree(province())
    assert tree.knows("610422") and tree.knows("610423") and not tree.knows("99") and not tree.knows(None)
    assert sorted(tree.departments_below("6104")) == list(range(9, 12)) + list(range(42, 82))
    assert tree.departments_below("610423") == []


def test_an_empty_region_shows_where_it_is_and_nothing_else():
    tree = DepartmentTree(province())
    empty = tree.view("610423")                          # 泾阳县: a real county where no department publishes
    assert empty.trail == [("61", "陕西省"), ("6104", "咸阳市"), ("610423", "泾阳县")]
    assert (empty.groups, empty.below, empty.region) == ([], [], "610423")
