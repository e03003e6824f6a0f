"""The definition migration hook: chains of registered migrations, refusals in Chinese, no mutation."""
import copy

from runtime.engine import definition_migrations
from runtime.engine.definition_migrations import upgrade_definition
from runtime.engine.validation import validate_definition
from tests.engine.factories import definition


def test_current_and_unversioned_documents_pass_unchanged():
    doc = definition()
    assert upgrade_definition(doc).doc is doc and upgrade_definition(doc).steps == []
    assert upgrade_definition({"x": 1}).problem is None  # schema validation reports the missing version


def test_a_chain_of_registered_migrations_is_followed_without_touching_the_input(monkeypatch):
    def from_0_8(doc):
        doc["guide"]["consult_phone"] = doc["guide"].pop("phone")
        return doc

    def from_0_9(doc):
        doc["catalogue"]["name"] = doc["catalogue"].pop("title")
        return doc
    monkeypatch.setitem(definition_migrations.MIGRATIONS, "0.8", ("0.9", from_0_8))
    monkeypatch.setitem(definition_migrations.MIGRATIONS, "0.9", ("1.0", from_0_9))
    current = definition()
    old = copy.deepcopy(current)
    old["schema_version"] = "0.8"
    old["guide"]["phone"] = old["guide"].pop("consult_phone")
    old["catalogue"]["title"] = old["catalogue"].pop("name")
    kept = copy.deepcopy(old)
    upgrade = upgrade_definition(old)
    assert upgrade.problem is None and upgrade.steps == ["0.8", "0.9", "1.0"] and upgrade.doc == current
    assert old == kept


def test_refusals():
    older = upgrade_definition({**definition(), "schema_version": "0.9"}).problem
    assert older.code == "schema.version_older" and "0.9" in older.message and "1.0" in older.message
    assert upgrade_definition({**definition(), "schema_version": "1.1"}).problem.code == "schema.version_newer"
    assert upgrade_definition({**definition(), "schema_version": "v1"}).problem.code == "schema.version_unknown"
    assert upgrade_definition({**definition(), "schema_version": 1.0}).problem.code == "schema.version_unknown"
    [problem] = validate_definition({**definition(), "schema_version": "0.9"})
    assert problem.code == "schema.version_older"


def test_a_failing_migration_is_a_problem_not_an_exception(monkeypatch):
    monkeypatch.setitem(definition_migrations.MIGRATIONS, "0.9", ("1.0", lambda doc: doc["missing"]))
    problem = upgrade_definition({**definition(), "schema_version": "0.9"}).problem
    assert problem.code == "schema.migration_failed" and "0.9" in problem.message
