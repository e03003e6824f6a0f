"""Problems in plain Chinese that name the element; clicking one opens its tab and focuses the element;
an element just added shows no problem until the author leaves it."""
import pytest

from tests.browser.conftest import open_editor


@pytest.fixture
def editor(browser, live_server, world):
    context, page = open_editor(browser, live_server, world.item_a)
    yield page
    context.close()


def focused_path(page):
    return page.evaluate("() => document.activeElement && document.activeElement.getAttribute('data-path')")


def test_problem_names_the_element_and_clicking_focuses_it(editor):
    editor.click("[data-tab=materials]")
    editor.locator("table.materials tr[data-row='1']").click()  # the row's settings open below the table
    standard = editor.locator('textarea[data-path="$.materials[1].acceptance_standard"], '
                              'input[data-path="$.materials[1].acceptance_standard"]').first
    standard.fill("")
    standard.dispatch_event("change")
    editor.wait_for_selector("#problems li.warning:has-text('材料“乙类证明”:缺少受理标准')", timeout=1000)
    assert "$." not in editor.inner_text("#problems")  # no JSON paths for authors

    editor.locator("table.materials tr[data-row='0']").click()  # another material is open
    editor.click("[data-tab=guide]")
    editor.click("#problems li.warning button")
    assert editor.get_attribute("[data-tab=materials]", "aria-selected") == "true"
    assert focused_path(editor) == "$.materials[1].acceptance_standard"


def test_a_new_element_waits_until_the_author_leaves_it(editor):
    editor.click("[data-tab=materials]")
    editor.locator('div.arr[data-path="$.materials"] > button').last.click()
    assert focused_path(editor) == "$.materials[4].name"  # straight into the new material
    editor.wait_for_timeout(600)  # the check has run: its problems are held back, publishing is not
    assert editor.inner_text("#problem-count") == "(0 个错误,0 个警告)" and editor.is_disabled("#publish")
    assert editor.locator('[data-path="$.materials[4]"] .inline-problem').count() == 0

    editor.locator("h1").click()  # leaves the material
    editor.wait_for_selector("#problems li.error:has-text('第 5 个材料(未命名):请填写“材料名称”')")
    editor.click("[data-tab=basics]")
    editor.locator("#problems li.error button", has_text="第 5 个材料").click()
    assert focused_path(editor) == "$.materials[4].name"
