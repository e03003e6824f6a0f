"""The process after acceptance: the definition's steps in order with who and when, a 联办件 signed
off by two joint departments each in its own queue, a 上报件's hand-over and answer, and 办结 only when
every stage is done, with the decision."""
import copy
import json
import re
import shutil

import pytest

from builder.item_store import publish
from runtime.extensions import db
from runtime.models import Application, CaseStage
from runtime.portal.drafts import create_draft, record_status
from runtime.security.roles import CLERK
from tests.clerk.conftest import FIXTURES, RESUME_LINKS, ROOT, post
from tests.clerk.test_issued_documents import text_of
from tests.conftest import csrf_token, issued_pdf, login, logout
from tests.web.people import DEPT_A, DEPT_B, PASSWORD, add_user


def _stages(app, case):
    with app.app_context():
        a = db.session.get(Application, case)
        return [(s.kind, s.name, s.role, bool(s.done_at), s.outcome) for s in sorted(a.stages, key=lambda s: s.position)]


def _stage_id(app, case, name):
    with app.app_context():
        return next(s.id for s in db.session.get(Application, case).stages if s.name == name or s.role == name)


def _flash(client, case):
    page = client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    return page


def test_steps_in_order_with_who_and_when_then_the_decision(app, client, case, tmp_path):
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{case}/accept", confirm="1")
    assert _stages(app, case) == [("step", "受理", "住建窗口", True, "done"), ("step", "审查", "建筑市场监管股", False, None),
                                  ("step", "决定", "分管负责人", False, None), ("step", "发证", "住建窗口", False, None)]
    refused = post(client, f"/clerk/applications/{case}/complete", note="核发施工许可证", decision="granted", confirm="1")
    assert refused.status_code == 303 and "还有未完成的办理环节:审查、决定、发证" in _flash(client, case)
    post(client, f"/clerk/applications/{case}/ops/step", stage=str(_stage_id(app, case, "决定")))
    assert "请先办理“审查”" in _flash(client, case)
    for name, note in (("审查", "符合施工许可条件"), ("决定", ""), ("发证", "")):
        post(client, f"/clerk/applications/{case}/ops/step", stage=str(_stage_id(app, case, name)), note=note)
    assert [done for *_x, done, _o in _stages(app, case)] == [True] * 4
    page = _flash(client, case)
    assert re.search(r"<strong>审查</strong> · 建筑市场监管股 · 时限 2 个工作日\s*<br><span class=\"done\">\d{4}-\d\d-\d\d \d\d:\d\d clerk_zj测试\s*已完成:符合施工许可条件", page)
    applicant = app.test_client()   # 结果反馈: the applicant looks the case up and sees each stage
    token = csrf_token(applicant.get("/zwfw/status").get_data(as_text=True))
    found = applicant.post("/zwfw/status", data={"number": "20261009-0001-0001", "identity": "91350100M000100Y43",
                                                 "csrf_token": token}).get_data(as_text=True)
    stages_shown = found[found.index('class="stages"'):found.index("</ol>", found.index('class="stages"'))]
    assert [re.sub(r"<[^>]+>", "", li).split(":")[0].strip() for li in stages_shown.split("<li>")[1:]] == [
        "受理", "审查", "决定", "发证"]
    assert stages_shown.count("已完成") == 4 and "clerk_zj" not in stages_shown   # no staff names in public
    post(client, f"/clerk/applications/{case}/complete", note="核发施工许可证", confirm="1")
    assert "请选择办理结果" in _flash(client, case)
    done = post(client, f"/clerk/applications/{case}/complete", note="核发施工许可证", decision="granted", confirm="1")
    assert done.status_code == 302
    with app.app_context():
        a = db.session.get(Application, case)
        assert (a.status, a.decision, a.decision_note) == ("completed", "granted", "核发施工许可证")
    page = _flash(client, case)
    assert "准予行政许可决定书" in page and "不予行政许可决定书" not in page
    assert client.get(f"/clerk/applications/{case}/documents/refusal_decision.pdf").status_code == 404
    if shutil.which("pdftotext"):
        text = text_of(issued_pdf(client, f"/clerk/applications/{case}/documents/grant_decision.pdf").data, tmp_path)
        assert "准予行政许可决定书" in text and "决定准予行政许可" in text and "核发施工许可证" in text
        assert "秦建2026000001" in text and "秦建许字〔2026〕第0001号" in text
        # The applicant prints the same decision, with the same number, from their own link.
        mine = text_of(app.test_client().get(f"/zwfw/a/{RESUME_LINKS[case]}/documents/grant_decision.pdf").data,
                       tmp_path)
        assert "准予行政许可决定书" in mine and "秦建许字〔2026〕第0001号" in mine


@pytest.fixture
def joint_case(app, monkeypatch):
    """A 联办件 of the 住建局 with two joint departments (甲局, 乙局), accepted."""
    from datetime import date
    monkeypatch.setattr("runtime.clock.today", lambda: date(2026, 10, 9))
    from tests.web.people import build_world
    with app.app_context():
        world = build_world()
        doc = json.loads((ROOT / "item_defs/construction-permit.json").read_text("utf-8"))
        doc = copy.deepcopy(doc)
        doc["implementation"]["project_type"] = "joint"
        doc["implementation"]["joint_departments"] = [{"name": "秦源县甲局", "code": DEPT_A},
                                                       {"name": "秦源县乙局", "code": DEPT_B}]
        item = publish(doc).item
        add_user("clerk_zj", CLERK, [item.department])
        add_user("clerk_b", CLERK, [world.dept_b])
        application, _token = create_draft(item.versions[-1])
        data = json.loads((FIXTURES / "complete.json").read_text("utf-8"))
        application.applicant, application.answers, application.materials = data["applicant"], data["answers"], data["materials"]
        application.number = "20261009-0001-0009"
        application.prereview = {"outcome": "acceptable", "findings": []}
        record_status(application, "draft", "submitted", "网上提交")
        db.session.commit()
        return application.id


def test_joint_case_is_signed_off_by_each_joint_department_in_its_own_queue(app, client, joint_case, tmp_path):
    case = joint_case
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{case}/accept", confirm="1")
    kinds = [(k, role) for k, _n, role, _d, _o in _stages(app, case) if k == "signoff"]
    assert kinds == [("signoff", "秦源县甲局"), ("signoff", "秦源县乙局")]
    lead_page = _flash(client, case)
    assert "待秦源县甲局办理" in lead_page and "待秦源县乙局办理" in lead_page   # the lead sees who is pending
    assert 'op/signoff' not in lead_page and "提交会签意见" not in lead_page
    logout(client)

    login(client, "clerk_a", PASSWORD)
    home = client.get("/").get_data(as_text=True)
    assert "待本部门会签的联办件" in home and "20261009-0001-0009" in home
    page = client.get(f"/clerk/applications/{case}").get_data(as_text=True)
    assert "本部门只负责该联办件的会签" in page and "提交会签意见" in page and "不予受理" not in page
    assert post(client, f"/clerk/applications/{case}/complete", note="x", decision="granted", confirm="1").status_code == 404
    other = _stage_id(app, case, "秦源县乙局")
    post(client, f"/clerk/applications/{case}/ops/signoff", stage=str(other), agree="1")
    assert "只能由联办部门本身会签" in _flash(client, case)
    mine = _stage_id(app, case, "秦源县甲局")
    post(client, f"/clerk/applications/{case}/ops/signoff", stage=str(mine), agree="0")
    assert "不同意的,请写明意见" in _flash(client, case)
    post(client, f"/clerk/applications/{case}/ops/signoff", stage=str(mine), agree="1", note="同意")
    logout(client)

    login(client, "clerk_zj", PASSWORD)
    for name in ("审查", "决定", "发证"):
        post(client, f"/clerk/applications/{case}/ops/step", stage=str(_stage_id(app, case, name)))
    post(client, f"/clerk/applications/{case}/complete", note="准予", decision="granted", confirm="1")
    page = _flash(client, case)
    assert "还有未完成的办理环节:秦源县乙局会签" in page and "待秦源县乙局办理" in page
    assert "待秦源县甲局办理" not in page
    logout(client)

    login(client, "clerk_b", PASSWORD)
    post(client, f"/clerk/applications/{case}/ops/signoff", stage=str(other), agree="0", note="用地手续不全")
    logout(client)
    login(client, "clerk_zj", PASSWORD)
    assert post(client, f"/clerk/applications/{case}/complete", note="联办部门意见:用地手续不全",
                decision="refused", confirm="1").status_code == 302
    with app.app_context():
        a = db.session.get(Application, case)
        assert (a.status, a.decision) == ("completed", "refused")
        outcomes = {s.role: s.outcome for s in a.stages if s.kind == "signoff"}
        assert outcomes == {"秦源县甲局": "agree", "秦源县乙局": "disagree"}
    if shutil.which("pdftotext"):
        text = text_of(issued_pdf(client, f"/clerk/applications/{case}/documents/refusal_decision.pdf").data, tmp_path)
        assert "不予行政许可决定书" in text and "决定不予行政许可" in text and "用地手续不全" in text
        assert "申请行政复议" in text and "提起行政诉讼" in text


def test_reported_case_records_hand_over_and_answer(app, client, case):
    with app.app_context():
        a = db.session.get(Application, case)
        doc = copy.deepcopy(a.item_version.definition)
        doc["implementation"]["project_type"] = "reported"
        doc["process"] = []
        version = publish(doc)
        a.item_version_id = version.version.id
        db.session.commit()
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{case}/accept", confirm="1")
    assert [k for k, *_x in _stages(app, case)] == ["referral"]
    referral = str(_stage_id(app, case, "上报上级机关审批"))
    post(client, f"/clerk/applications/{case}/ops/answer", stage=referral, agree="1", note="同意")
    assert "尚未上报,不能登记答复" in _flash(client, case)
    post(client, f"/clerk/applications/{case}/ops/handover", stage=referral, authority="商洛市住房和城乡建设局")
    assert "已上报商洛市住房和城乡建设局" in _flash(client, case)
    post(client, f"/clerk/applications/{case}/ops/answer", stage=referral, agree="1", note="商建批〔2026〕12号")
    with app.app_context():
        stage = db.session.get(CaseStage, int(referral))
        assert (stage.authority, stage.outcome, stage.note) == ("商洛市住房和城乡建设局", "agree", "商建批〔2026〕12号")
        assert stage.handed_over_at and stage.done_at
    assert post(client, f"/clerk/applications/{case}/complete", note="核发", decision="granted",
                confirm="1").status_code == 302


def test_a_stage_is_done_once_and_only_while_the_case_is_open(app, client, case):
    login(client, "clerk_zj", PASSWORD)
    post(client, f"/clerk/applications/{case}/accept", confirm="1")
    accepted_step = str(_stage_id(app, case, "受理"))
    post(client, f"/clerk/applications/{case}/ops/step", stage=accepted_step)
    assert "“受理”已经办理" in _flash(client, case)
    post(client, f"/clerk/applications/{case}/ops/step", stage="999999")
    assert "没有这个办理环节" in _flash(client, case)
    for name in ("审查", "决定", "发证"):
        post(client, f"/clerk/applications/{case}/ops/step", stage=str(_stage_id(app, case, name)))
    post(client, f"/clerk/applications/{case}/complete", note="不符合条件", decision="refused", confirm="1")
    with app.app_context():
        stage = db.session.get(CaseStage, int(accepted_step))
        stage.done_at = None   # as if left open: a completed case takes no more stage work
        db.session.commit()
    post(client, f"/clerk/applications/{case}/ops/step", stage=accepted_step)
    assert "只有已受理的办件才能办理环节" in _flash(client, case)
