"""Documents as real PDFs: Chinese fonts embedded, text extractable, every finding listed, long
tables split with repeated headers, scripts printed as text, PDF/A, themes, the CLI."""
import copy
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from runtime.documents import KINDS, DocumentContext, load_theme, render_html, render_pdf
from runtime.documents.fonts import font_dir
from runtime.documents.numbering import document_number
from runtime.documents.renderer import _fetcher_for
from runtime.engine.compiled_item import compile_item
from runtime.engine.prereview import prereview

ROOT = Path(__file__).resolve().parents[2]
ITEM = json.loads((ROOT / "item_defs/construction-permit.json").read_text("utf-8"))
FIXTURES = ROOT / "tests/fixtures/applications/construction-permit"
POPPLER = shutil.which("pdftotext") and shutil.which("pdffonts")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils not installed (apt-get install poppler-utils)")


def result_for(case: str, doc=ITEM) -> tuple[dict, dict]:
    app = json.loads((FIXTURES / f"{case}.json").read_text("utf-8"))
    return prereview(compile_item(doc), app).to_dict(), app


def context(app, **kw):
    return DocumentContext(number="秦建补字〔2026〕第0007号", issued_on="2026-10-09", application_number="20261009-0004-0001",
                           applicant=app["applicant"], clerk="刘窗口", clerk_phone="0910-6512480", **kw)


def pdf_text(data: bytes, tmp_path, first=None, last=None) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    args = ["pdftotext", "-raw"] + (["-f", str(first), "-l", str(last)] if first else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def pdf_fonts(data: bytes, tmp_path) -> str:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


def squeeze(text: str) -> str:
    return "".join(text.split())


@needs_poppler
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_a_chinese_pdf(kind, tmp_path):
    result, app = result_for("missing" if kind == "one_time_notice" else "complete")
    data = render_pdf(kind, ITEM, result, context(app, reasons=["申请事项依法不需要取得行政许可"]), load_theme())
    assert data.startswith(b"%PDF")
    fonts = pdf_fonts(data, tmp_path)
    # the cut faces when built (runtime/documents/fonts.py), else the full Noto CJK families
    assert any(name in fonts for name in ("Yiwang-Serif-SC", "Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC"))
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # every font embedded
    text = squeeze(pdf_text(data, tmp_path))
    assert "建筑工程施工许可证核发" in text and "第1页共" in text
    if kind != "guide":
        assert "秦源县宏达置业有限公司" in text and "秦源县住房和城乡建设局" in text


@needs_poppler
def test_one_time_notice_lists_every_problem_with_requirements(tmp_path):
    result, app = result_for("missing")
    text = squeeze(pdf_text(render_pdf("one_time_notice", ITEM, result, context(app), load_theme()), tmp_path))
    for expected in ("补正材料一次性告知书", "秦建补字〔2026〕第0007号", "第三十二条第一款第（四）项", "监理单位名称",
                     "施工图设计文件审查合格书", "出具机关：施工图审查机构", "委托监理合同", "计划竣工日期应晚于计划开工日期",
                     "2026年10月29日前补正",  # 15 working days after 2026-10-09
                     "受理时间自收到全部补正材料之日起计算"):
        assert expected in text, expected
    assert "建设单位与施工单位统一社会信用代码相同" not in text  # warnings are not 补正 items


@needs_poppler
def test_acceptance_notice_and_fee_notice_carry_limits_and_money(tmp_path):
    result, app = result_for("complete")
    text = squeeze(pdf_text(render_pdf("acceptance_notice", ITEM, result, context(app), load_theme()), tmp_path))
    assert "法定办结时限为15个工作日" in text and "承诺办结日期为2026年10月15日" in text
    assert "1,040,065.00元" in text and "建设资金已落实承诺书" in text
    fee = squeeze(pdf_text(render_pdf("fee_notice", ITEM, result, context(app), load_theme()), tmp_path))
    assert "收缴分离" in fee and "640,040.00元" in fee and "400,025.00元" in fee and "1,040,065.00元" in fee


@needs_poppler
def test_rejection_notice_gives_reasons_authority_and_remedies(tmp_path):
    result, app = result_for("complete")
    ctx = context(app, reasons=["该工程投资额 80 万元且建筑面积 300 平方米,依法无需申请施工许可证"],
                  authority="秦源县城市管理局")
    text = squeeze(pdf_text(render_pdf("rejection_notice", ITEM, result, ctx, load_theme()), tmp_path))
    assert "不予受理通知书" in text and "依法无需申请施工许可证" in text and "请向秦源县城市管理局提出申请" in text
    assert "六十日内向秦源县人民政府申请行政复议" in text and "六个月内依法向秦源县人民法院提起行政诉讼" in text


@needs_poppler
def test_long_lists_split_across_pages_with_repeated_headers(tmp_path):
    result, app = result_for("missing")
    finding = result["findings"][1]
    result["findings"] = [dict(finding, message=f"缺少“第{i}号补充材料”" + "说明" * (i % 5)) for i in range(60)]
    data = render_pdf("one_time_notice", ITEM, result, context(app), load_theme())
    page2 = squeeze(pdf_text(data, tmp_path, 2, 2))
    assert "需补正的内容及原因" in page2 and "第59号补充材料" in squeeze(pdf_text(data, tmp_path))


@needs_poppler
def test_a_5000_character_answer_wraps_instead_of_breaking_the_page(tmp_path):
    result, app = result_for("complete")
    app["applicant"]["name"] = "秦源县" + "长" * 5000
    data = render_pdf("acceptance_notice", ITEM, result, context(app), load_theme())
    text = squeeze(pdf_text(data, tmp_path))
    assert text.count("长") == 5000 and "第1页共" in text
    pages = int(text.rsplit("共", 1)[1].split("页")[0])
    assert pages <= 12


@needs_poppler
def test_markup_in_answers_is_printed_as_text(tmp_path):
    result, app = result_for("complete")
    app["applicant"]["name"] = "<script>alert(1)</script><img src=http://evil.example/x.png>"
    html = render_html("acceptance_notice", ITEM, result, context(app), load_theme())
    assert "<script>" not in html and "&lt;script&gt;" in html
    text = pdf_text(render_pdf("acceptance_notice", ITEM, result, context(app), load_theme()), tmp_path)
    assert "<script>alert(1)</script>" in squeeze(text)


def test_resources_outside_the_theme_are_refused():
    fetch = _fetcher_for(load_theme())
    for url in ("http://evil.example/x.png", "file:///etc/passwd", f"file://{ROOT}/app.py"):
        with pytest.raises(ValueError):
            fetch.fetch(url)
    assert fetch.fetch((ROOT / "themes/default/theme.json").as_uri()) is not None


@needs_poppler
def test_pdfa_variant_has_pdfa_metadata(tmp_path):
    result, app = result_for("complete")
    data = render_pdf("acceptance_slip", ITEM, result, context(app), load_theme(), pdfa=True)
    path = tmp_path / "a.pdf"
    path.write_bytes(data)
    meta = subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True).stdout
    assert 'pdfaid:part="2"' in meta and 'pdfaid:conformance="B"' in meta


@needs_poppler
def test_county_theme_changes_header_and_wording(tmp_path):
    result, app = result_for("complete")
    text = squeeze(pdf_text(render_pdf("acceptance_notice", ITEM, result, context(app), load_theme("qinyuan")), tmp_path))
    assert "秦源县政务服务中心" in text and "秦源县12345政务服务便民热线" in text


def test_bad_theme_names_are_refused_in_chinese():
    from runtime.documents import ThemeError
    for name in ("../etc", "nope"):
        with pytest.raises(ThemeError, match="主题"):
            load_theme(name)


def test_document_numbers_follow_the_pattern():
    assert document_number("{abbr}{kind}字〔{year}〕第{seq:04}号", abbr="秦建", kind="one_time_notice", year=2026,
                           seq=7) == "秦建补字〔2026〕第0007号"
    assert document_number("{abbr}-{year}-{seq}{__class__}", abbr="X", kind="guide", year=2026, seq=3) == \
        "X-2026-3{__class__}"


def test_cli_renders_and_reports_bad_input(app, tmp_path):
    runner = app.test_cli_runner()
    out = tmp_path / "notice.pdf"
    args = ["docs", "render", "one_time_notice", str(ROOT / "item_defs/construction-permit.json"),
            str(FIXTURES / "missing.json"), "-o", str(out), "--today", "2026-10-09"]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    bad = runner.invoke(args=args[:4] + [str(tmp_path / "bad.json"), "-o", str(out)])
    assert bad.exit_code == 2 and "无法读取申请文件" in bad.output
    assert runner.invoke(args=args + ["--theme", "../x"]).exit_code == 2
    assert runner.invoke(args=["docs", "render", "nope"] + args[3:]).exit_code == 2


def test_chinese_punctuation_only_where_it_touches_chinese_text():
    from runtime.documents.typography import chinese_punctuation
    assert chinese_punctuation("开工前,建设单位应当(按规定)申请:一是;二是") == "开工前，建设单位应当（按规定）申请：一是；二是"
    assert chinese_punctuation("第(四)项") == "第（四）项"
    for unchanged in ("1,040,065.00 元", "9:00-12:00", "GB/T 39046-2020", "https://zwfw.example.gov.cn/a?b=1",
                      "f(x) = 1, 2"):
        assert chinese_punctuation(unchanged) == unchanged


@needs_poppler
def test_documents_print_full_width_punctuation_from_ascii_data(tmp_path):
    result, app = result_for("complete")
    ctx = context(app, reasons=["投资额 80 万元,建筑面积 300 平方米(限额以下)"])
    text = squeeze(pdf_text(render_pdf("rejection_notice", ITEM, result, ctx, load_theme()), tmp_path))
    assert "投资额80万元，建筑面积300平方米（限额以下）" in text and "理由如下：" in text


@needs_poppler
# Under CI (scripts/setup --dev cuts the fonts) a missing font fails the test instead of skipping it.
@pytest.mark.skipif(not (font_dir() / "yiwang-serif-sc.otf").is_file() and not os.environ.get("CI"),
                    reason="cut fonts not built (flask docs build-fonts)")
def test_characters_outside_the_cut_fonts_print_from_the_full_noto_font(tmp_path):
    result, app = result_for("complete")
    app["applicant"]["name"] = "秦源县堃喆赟置业有限公司"   # 堃 喆 赟 are not in GB 2312
    data = render_pdf("acceptance_notice", ITEM, result, context(app), load_theme())
    fonts = pdf_fonts(data, tmp_path)
    assert "Yiwang-Serif-SC" in fonts and "Noto-Serif-CJK-SC" in fonts
    assert "秦源县堃喆赟置业有限公司" in squeeze(pdf_text(data, tmp_path))


@needs_poppler
def test_no_printed_line_starts_with_closing_punctuation(tmp_path):
    result, app = result_for("complete")
    path = tmp_path / "guide.pdf"
    path.write_bytes(render_pdf("guide", ITEM, result, context(app), load_theme()))
    lines = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in lines.splitlines() if line.strip()]
    assert len(lines) > 80 and "，" in "".join(lines)
    assert not [line for line in lines if line[0] in "，。、；：）》”"]
