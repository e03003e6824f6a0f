"""Each document kind in each state says what happened, in the words of a county notice: accepted in
full, 容缺 (received and 容缺 materials apart, each with its due date and the consequence), returned for
补正, rejected, and received but not yet decided (收件凭证, nothing that reads as acceptance)."""
import json
from pathlib import Path

import pytest

from runtime.documents import DocumentContext, load_theme, render_pdf
from runtime.engine.compiled_item import compile_item
from runtime.engine.prereview import prereview
from tests.documents.test_documents import needs_poppler, pdf_text, squeeze

ROOT = Path(__file__).resolve().parents[2]
ITEM = json.loads((ROOT / "item_defs/construction-permit.json").read_text("utf-8"))
FIXTURES = ROOT / "tests/fixtures/applications/construction-permit"


def state(case: str, accepted: str | None = None) -> tuple[dict, dict]:
    """A stored pre-review result as document_result() hands it over (accepted on Monday 2026-10-12)."""
    app = json.loads((FIXTURES / f"{case}.json").read_text("utf-8"))
    result = prereview(compile_item(ITEM), app).to_dict()
    if accepted:
        result["deadlines"].update(accepted_on="2026-10-12", tolerated=accepted == "tolerated",
                                   tolerated_until="2026-10-19" if accepted == "tolerated" else None)
    return result, app


def text_of(kind, case, tmp_path, accepted=None, **kw) -> str:
    result, app = state(case, accepted)
    kw.setdefault("number", "秦建受字〔2026〕第0007号")
    ctx = DocumentContext(issued_on="2026-10-12", application_number="20261009-0004-0001",
                          case_number="秦建受〔2026〕12号" if accepted else "", applicant=app["applicant"],
                          received_at="2026-10-09 14:05", **kw)
    return squeeze(pdf_text(render_pdf(kind, ITEM, result, ctx, load_theme()), tmp_path))


@needs_poppler
def test_tolerated_acceptance_notice_lists_received_and_tolerated_apart(tmp_path):
    text = text_of("acceptance_notice", "tolerated", tmp_path, accepted="tolerated")
    assert "容缺受理通知书" in text
    assert "申请材料齐全、符合法定形式。" not in text     # that is the wording of a full acceptance
    assert "主要申请材料齐全、符合法定形式，下列容缺材料暂未提交" in text and "决定予以容缺受理" in text
    received, tolerated = text.split("已收取的申请材料", 1)[1].split("容缺后补的申请材料", 1)
    assert "建筑工程施工许可证申请表" in received and "建设资金已落实承诺书" not in received
    # supplement_days 5 working days after acceptance on Monday 2026-10-12
    assert "建设资金已落实承诺书" in tolerated and "2026年10月19日前" in tolerated
    assert "逾期未补交的，视为撤回申请" in tolerated and "容缺材料补齐前，本机关不作出审批决定" in tolerated
    assert "受理日期2026年10月12日" in text and "收件日期2026年10月9日" in text


@needs_poppler
def test_full_acceptance_says_complete_and_lists_no_tolerated(tmp_path):
    text = text_of("acceptance_notice", "complete", tmp_path, accepted="full")
    assert text.startswith("秦源县住房和城乡建设局受理通知书")
    assert "申请材料齐全、符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，决定予以受理" in text
    assert "容缺" not in text and "承诺办结日期为2026年10月15日" in text


@needs_poppler
def test_a_material_precheck_saw_as_tolerated_counts_as_received_when_the_clerk_accepted_in_full(tmp_path):
    text = text_of("acceptance_notice", "tolerated", tmp_path, accepted="full")
    assert "容缺" not in text and "建设资金已落实承诺书" in text.split("已收取的申请材料", 1)[1]


@needs_poppler
def test_tolerated_acceptance_slip_gives_the_due_date_and_fits_one_page(tmp_path):
    text = text_of("acceptance_slip", "tolerated", tmp_path, accepted="tolerated")
    assert "容缺受理回执" in text and "已收取材料6项" in text
    assert "容缺后补材料1项：建设资金已落实承诺书（2026年10月19日前补交）" in text and "逾期未补交的，视为撤回申请" in text
    assert "第1页共1页" in text
    full = text_of("acceptance_slip", "complete", tmp_path, accepted="full")
    assert full.startswith("秦源县住房和城乡建设局受理回执") and "容缺" not in full


@needs_poppler
def test_returned_for_correction_one_time_notice(tmp_path):
    text = text_of("one_time_notice", "missing", tmp_path)
    assert "申请材料不齐全或者不符合法定形式" in text and "第三十二条第一款第（四）项" in text
    assert "施工图设计文件审查合格书" in text and "受理时间自收到全部补正材料之日起计算" in text
    assert "2026年11月2日前补正" in text   # 15 working days after 2026-10-12 (issue date)
    assert "决定予以受理" not in text


@needs_poppler
def test_rejection_notice(tmp_path):
    text = text_of("rejection_notice", "complete", tmp_path, reasons=["该工程依法无需申请施工许可证"])
    assert "决定不予受理" in text and "该工程依法无需申请施工许可证" in text
    assert "六十日内向秦源县人民政府申请行政复议" in text and "决定予以受理" not in text


@needs_poppler
@pytest.mark.parametrize("case", ["complete", "missing"])
def test_receipt_before_any_decision_reads_as_receipt_only(case, tmp_path):
    text = text_of("receipt", case, tmp_path, number="")
    assert text.startswith("秦源县住房和城乡建设局收件凭证")
    assert "于2026年10月9日14:05通过政务服务网提交的建筑工程施工许可证核发申请已收到，申请编号为20261009-0004-0001" in text
    assert "不表示申请已被受理" in text and "2026年10月15日前审查申请材料" in text   # 5 working days
    assert "逾期不告知的，自收到申请材料之日起即为受理" in text                          # art. 32(4), a licence
    for acceptance in ("决定予以受理", "承诺办结", "专用章", "受理编号", "秦建受字"):
        assert acceptance not in text, acceptance
    assert ("施工图设计文件审查合格书未提交" in text) == (case == "missing")
    assert "建筑工程施工许可证申请表已提交（1个文件）" in text


@needs_poppler
def test_the_signature_block_never_sits_alone_on_the_last_page(tmp_path):
    """A receipt listing every material runs onto page 2: its last paragraph goes along with the footer."""
    result, app = state("missing")
    ctx = DocumentContext(application_number="20261009-0004-0001", applicant=app["applicant"],
                          received_at="2026-10-09 14:05")
    data = render_pdf("receipt", ITEM, result, ctx, load_theme())
    last = squeeze(pdf_text(data, tmp_path, 2, 2))
    assert "本凭证由系统生成" in last and "查询办理进度" in last
    # and a notice whose footer would fit on page 1 keeps it there
    text = squeeze(pdf_text(render_pdf("rejection_notice", ITEM, result, DocumentContext(
        applicant=app["applicant"], reasons=["该工程依法无需申请施工许可证"]), load_theme()), tmp_path))
    assert "第1页共1页" in text
