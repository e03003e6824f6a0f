"""Search over the in-memory catalogue (runtime/portal/catalogue_index.py): what a citizen typing into
the search box or clicking the navigation gets, without a database."""
from runtime.portal.catalogue_index import PAGE_SIZE, CatalogueEntry, CatalogueIndex


def entry(item_id, name, dept=1, dept_name="市场监管局", task_type="01", basic="000120260000",
          implementation="11610424MB0000001X4000120260000"):
    return CatalogueEntry(item_id, name, basic or implementation, dept, dept_name, task_type, name.casefold(),
                          f"{basic or ''}\n{implementation}".casefold())


def index_of(*entries, order=None):
    return CatalogueIndex(list(entries), order or sorted({e.department_id for e in entries}))


def names(page):
    return [e.name for e in page.items]


def test_every_word_must_match_in_name_or_code():
    index = index_of(entry(1, "个体工商户营业执照变更登记"), entry(2, "个体工商户注销登记"),
                     entry(3, "食品经营许可", basic="000120269999"))
    assert names(index.search("登记")) == ["个体工商户营业执照变更登记", "个体工商户注销登记"]
    assert names(index.search("营业执照  变更")) == ["个体工商户营业执照变更登记"]   # words in any order
    assert names(index.search("变更 营业执照")) == ["个体工商户营业执照变更登记"]
    assert names(index.search("9999")) == ["食品经营许可"]                          # basic code fragment
    assert names(index.search("许可 9999")) == ["食品经营许可"]                      # a word and a code
    assert index.search("许可 12345").total == 0
    assert index.search("宅基地").total == 0


def test_codes_match_whatever_the_case_and_the_implementation_code_counts():
    index = index_of(entry(1, "甲", implementation="11610424MB0000001X4000120260000"),
                     entry(2, "乙", basic=None, implementation="11610424MB0000002Y4000120260001"))
    assert names(index.search("mb0000002y")) == ["乙"]
    assert names(index.search("MB0000002Y")) == ["乙"]
    assert index.search("").items[1].code == "11610424MB0000002Y4000120260001"  # no basic code: shown instead


def test_ascii_words_also_match_names():
    index = index_of(entry(1, "ICP备案"), entry(2, "网络文化经营许可"))
    assert names(index.search("icp")) == ["ICP备案"]


def test_department_and_type_filters_combine_with_words():
    index = index_of(entry(1, "甲登记", dept=1), entry(2, "乙登记", dept=2, dept_name="民政局", task_type="20"),
                     entry(3, "丙许可", dept=2, dept_name="民政局", task_type="01"))
    assert names(index.search(department_id=2)) == ["乙登记", "丙许可"]
    assert names(index.search(task_type="01")) == ["甲登记", "丙许可"]
    assert names(index.search(department_id=2, task_type="01")) == ["丙许可"]
    assert names(index.search("登记", department_id=2)) == ["乙登记"]
    assert index.search(department_id=99).total == 0 and index.search(task_type="99").total == 0


def test_pages_are_clamped_and_sized():
    index = index_of(*(entry(i, f"事项{i:03d}") for i in range(45)))
    first, last = index.search(page=1), index.search(page=3)
    assert (first.total, first.pages, len(first.items), len(last.items)) == (45, 3, PAGE_SIZE, 5)
    assert index.search(page=99).page == 3 and names(index.search(page=99)) == names(last)
    assert index.search(page=0).page == 1 and index.search(page=-5).page == 1
    assert index.search("无此事项", page=4).page == 1 and index.search("无此事项").pages == 1


def test_facets_count_every_public_item_in_the_databases_department_order():
    index = index_of(entry(1, "甲", dept=7, dept_name="民政局", task_type=None), entry(2, "乙", dept=3, dept_name="财政局"),
                     entry(3, "丙", dept=3, dept_name="财政局", task_type="20"), order=[9, 7, 3])
    assert index.departments == [(7, "民政局", 1), (3, "财政局", 2)]   # department 9 has no public items
    assert index.types == [("01", 1), ("20", 1), (None, 1)]


def test_a_region_narrows_to_its_departments_and_those_of_the_regions_below():
    """Departments 1 (province), 2 (咸阳市), 3 and 4 (三原县), 5 (秦都区), 6 (no region), in page order 1..6."""
    regions = {1: "610000", 2: "610400", 3: "610422", 4: "610422000000", 5: "610402", 6: None}
    entries = [entry(n, f"事项{n}{suffix}", dept=n, dept_name=f"部门{n}", task_type="01" if suffix == "甲" else "20")
               for n in range(1, 7) for suffix in "甲乙"]
    entries = [CatalogueEntry(i, e.name, e.code, e.department_id, e.department_name, e.task_type, e.name_key,
                              e.code_key) for i, e in enumerate(entries, 1)]
    index = CatalogueIndex(entries, list(range(1, 7)), regions)
    county = index.search(region="610422")
    assert names(county) == ["事项3甲", "事项3乙", "事项4甲", "事项4乙"] and county.in_scope == 4
    assert names(index.search(region="6104")) == ["事项2甲", "事项2乙", "事项3甲", "事项3乙", "事项4甲", "事项4乙",
                                                  "事项5甲", "事项5乙"]
    assert index.search(region="61").total == 10 and index.search().total == 12   # department 6 has no region
    assert names(index.search("乙", region="610422", task_type="20")) == ["事项3乙", "事项4乙"]
    assert index.search("乙", region="610422", task_type="01").in_scope == 4        # the region held four
    empty = index.search(region="610423")                                           # a region nobody publishes in
    assert (empty.total, empty.in_scope) == (0, 0)
    assert index.search(department_id=5, region="610422").total == 2                # a department wins
    assert index.search().in_scope is None and index.search(department_id=3).in_scope is None
    assert index.types_in(region="610422") == [("01", 2), ("20", 2)] and index.types_in() == index.types
    assert index.types_in(department_id=5) == [("01", 1), ("20", 1)] and index.types_in(region="610423") == []
    assert index.types_in(department_id=12345) == [] and (12345, None) not in index._scope_types
