"""`flask items validate` and `flask items check` on files (exit codes and output)."""
import json

import pytest
from click.testing import CliRunner
from flask import Flask

from builder.item_cli import items_cli
from tests.engine.factories import application, definition


@pytest.fixture
def run(tmp_path):
    app = Flask(__name__)
    app.cli.add_command(items_cli)

    def invoke(*args):
        return CliRunner().invoke(items_cli, list(args), obj=None, catch_exceptions=False)
    return invoke


def write(tmp_path, name, doc):
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_validate_valid_files_and_folder(run, tmp_path):
    write(tmp_path, "a.json", definition())
    result = run("validate", str(tmp_path))
    assert result.exit_code == 0


def test_validate_lists_every_problem_with_file_and_path(run, tmp_path):
    doc = definition()
    doc["catalogue"]["name"] = ""
    doc["time_limits"]["promised"]["value"] = 99
    bad = write(tmp_path, "bad.json", doc)
    good = write(tmp_path, "good.json", definition())
    result = run("validate", str(bad), str(good))
    assert result.exit_code == 1
    assert f"{bad}: $.catalogue.name:" in result.output


def test_validate_lint_problem(run, tmp_path):
    doc = definition()
    doc["time_limits"]["promised"]["value"] = 99
    bad = write(tmp_path, "bad.json", doc)
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert f"{bad}: $.time_limits.promised.value: 承诺办结时限" in result.output


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "\udcff"])
def test_validate_unreadable_input_exits_2(run, tmp_path, content):
    path = tmp_path / "x.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert str(path) in result.output


def test_validate_missing_file_exits_2(run, tmp_path):
    assert run("validate", str(tmp_path / "nope.json")).exit_code == 2


def test_check_prints_result_json(run, tmp_path):
    item = write(tmp_path, "item.json", definition())
    app = write(tmp_path, "app.json", application(answers={"kind": "b"}))
    result = run("check", str(item), str(app))
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["outcome"] == "needs_correction"
    assert "material:b_proof:missing" in {f["id"] for f in data["findings"]}
    assert data["deadlines"]["promised_date"] == "2026-11-16"


def test_check_bad_application_exits_2(run, tmp_path):
    item = write(tmp_path, "item.json", definition())
    app = write(tmp_path, "app.json", "nope")
    assert run("check", str(item), str(app)).exit_code == 2


def test_check_invalid_definition_exits_1(run, tmp_path):
    doc = definition()
    doc["rules"][0]["when"] = {"nope": []}
    item = write(tmp_path, "item.json", doc)
    app = write(tmp_path, "app.json", application())
    assert run("check", str(item), str(app)).exit_code == 1
