"""The command-line readers of JSON files refuse what is not strict JSON with exit 2 and a Chinese message,
never a RecursionError traceback (issue #17 §2-§3): `docs render` (application) and `yiwang calendar load`."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BAD = {"deep": "[" * 100_000 + "]" * 100_000, "nan": '{"answers": {"name": NaN}}'}


@pytest.mark.parametrize("content", BAD.values(), ids=BAD.keys())
def test_docs_render_refuses_a_non_json_application(app, tmp_path, content):
    (tmp_path / "app.json").write_text(content, encoding="utf-8")
    result = app.test_cli_runner().invoke(args=[
        "docs", "render", "one_time_notice", str(ROOT / "item_defs/construction-permit.json"),
        str(tmp_path / "app.json"), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and "无法读取申请文件" in result.output


@pytest.mark.parametrize("content", BAD.values(), ids=BAD.keys())
def test_calendar_load_refuses_a_non_json_file(app, tmp_path, content):
    (tmp_path / "year.json").write_text(content, encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["yiwang", "calendar", "load", str(tmp_path / "year.json")])
    assert result.exit_code == 2 and "无法读取" in result.output
