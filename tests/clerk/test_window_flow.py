"""The window flow: paper materials recorded per material in 待补正 and the case accepted without an
online resubmission; an action panel with only the acts that fit, each explained, confirmation on acts
that issue a document; a history that tells the automatic pre-review from the clerk's acts; the
applicant shown as the documents print them."""
import re

from runtime.engine.compiled_item import compile_item
from runtime.engine.prereview import prereview
from runtime.extensions import db
from runtime.models import Application
from runtime.portal.drafts import record_status, review_summary
from tests.clerk.conftest import post
from tests.conftest import login
from tests.web.people import PASSWORD


def _needs_correction(app, case, *missing):
    """As the automatic pre-review leaves an online submission that lacks ``missing``."""
    with app.app_context():
        a = db.session.get(Application, case)
        a.materials = {k: v for k, v in a.materials.items() if k not in missing}
        result = prereview(compile_item(a.item_version.definition),
                           {"applicant": a.applicant, "answers": a.answers, "materials": a.materials})
        a.prereview = result.to_dict()
        assert result.outcome == "needs_correction"
        record_status(a, "submitted", "needs_correction", "自动预审:需补正", review=review_summary(a.prereview))
        db.session.commit()


def _actions(page: str) -> list[str]:
    return re.findall(r'<button type="submit"(?: class="primary")?>([^<]+)</button>', page)


def test_paper_materials_at_the_window_then_acceptance_without_resubmitting(app, client, case):
    _needs_correction(app, case, "contract", "drawing_review")
    login(client, "clerk_zj", PASSWORD)
    page = client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    assert "窗口收取的纸质材料" in page
    assert 'value="contract"' in page and 'value="drawing_review"' in page
    assert "受理" not in _actions(page) and "不予受理" in _actions(page)
    refused = post(client, f"/clerk/applications/{case}/accept", confirm="1")
    assert refused.status_code == 303
    assert "请先登记窗口收到的纸质材料" in client.get(f"/clerk/applications/{case}").get_data(as_text=True)

    # Only one of the two on paper: still corrections outstanding.
    post(client, f"/clerk/applications/{case}/ops/paper", material="contract")
    with app.app_context():
        a = db.session.get(Application, case)
        assert a.materials["contract"]["received"] is True and a.prereview["outcome"] == "needs_correction"
    page = client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    assert 'value="contract"' not in page and 'value="drawing_review"' in page

    post(client, f"/clerk/applications/{case}/ops/paper", material="drawing_review")
    page = client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    assert _actions(page)[0] == "受理" and "窗口收取的纸质材料" not in page
    assert "我已核对办件,确认出具受理通知书" in page
    assert "窗口收取纸质材料:施工图设计文件审查合格书" in page
    accepted = post(client, f"/clerk/applications/{case}/accept", confirm="1")
    assert accepted.status_code == 302
    with app.app_context():
        a = db.session.get(Application, case)
        assert a.status == "accepted" and a.case_number == "秦建2026000001"
        assert [e.status_to for e in a.events][-1] == "accepted"


def test_paper_intake_needs_a_material_and_an_open_case(app, client, case):
    _needs_correction(app, case, "contract")
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{case}/ops/paper", material="no_such_material")
    assert "请勾选窗口收到的纸质材料" in client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    post(client, f"/clerk/applications/{case}/void", note="重复提交")
    post(client, f"/clerk/applications/{case}/ops/paper", material="contract")
    with app.app_context():
        assert "received" not in db.session.get(Application, case).materials.get("contract", {})


def test_panel_offers_the_acts_that_fit_each_explained(app, client, case):
    login(client, "clerk_zj", PASSWORD)
    page = client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    # Complete online submission: 受理 first; no 容缺受理 (nothing to tolerate).
    assert _actions(page) == ["受理", "预审通过", "退回补正", "不予受理", "作废"]
    for line in ("正式受理,生成受理编号", "转受理岗决定是否受理", "一次性告知申请人需要补正的全部内容",
                 "不予受理,写明理由和救济途径", "不再办理,不出具文书"):
        assert line in page
    assert page.count('name="confirm" value="1" required') == 3   # 受理, 退回补正 and 不予受理 issue documents
    assert page.count("<textarea") == 3 and "不予受理的理由(印在不予受理通知书上)" in page


def test_tolerated_materials_missing_offer_only_tolerated_acceptance(app, client, case):
    with app.app_context():
        a = db.session.get(Application, case)
        a.materials = {k: v for k, v in a.materials.items() if k != "funding_pledge"}
        a.prereview = prereview(compile_item(a.item_version.definition),
                                {"applicant": a.applicant, "answers": a.answers, "materials": a.materials}).to_dict()
        assert a.prereview["outcome"] == "tolerated"
        db.session.commit()
    login(client, "clerk_zj", PASSWORD)
    actions = _actions(client.get(f"/clerk/applications/{case}").get_data(as_text=True))
    assert "容缺受理" in actions and "受理" not in actions


def test_history_names_the_machine_and_the_clerk(app, client, case):
    with app.app_context():
        a = db.session.get(Application, case)
        a.events[-1].review = {"outcome": "tolerated", "missing": []}
        db.session.commit()
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{case}/return", note="施工合同缺少双方盖章", confirm="1")
    page = client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    history = page[page.index('class="timeline"'):]
    assert "提交后自动预审:只缺可容缺的材料,可以容缺受理(是否受理由窗口人员决定)" in history
    assert "<strong>系统</strong>" in history
    assert "<strong>clerk_zj测试</strong>:退回补正:施工合同缺少双方盖章" in history
    assert "— 容缺受理" not in history


def test_case_file_shows_what_the_notices_print(client, case):
    login(client, "clerk_zj", PASSWORD)
    page = client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    for text in ("统一社会信用代码", "91350100M000100Y43", "法定代表人或负责人", "赵六", "联系地址"):
        assert text in page


def test_an_act_that_issues_a_document_needs_the_confirmation_on_the_server_too(app, client, case):
    """The checkbox is `required` in the page; a scripted or forged post without it is refused as well."""
    login(client, "clerk_zj", PASSWORD)
    refused = post(client, f"/clerk/applications/{case}/accept")
    assert refused.status_code == 400 and "请勾选确认已核对办件" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Application, case).status == "submitted"
    assert post(client, f"/clerk/applications/{case}/accept", confirm="1").status_code == 302
    assert post(client, f"/clerk/applications/{case}/void", note="重复提交").status_code in (302, 303)  # no document
