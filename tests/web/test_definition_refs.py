"""``definition_file_ref`` follows the definitions on every flush, so ``files sweep`` never removes a file a
definition uses and never reads the definitions themselves; ``files rebuild-refs`` repairs it after a Core write."""
from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from sqlalchemy import event, select, update
from sqlalchemy.orm.attributes import flag_modified

from builder.drafts import open_draft
from builder.item_store import publish
from runtime import definition_refs
from runtime.engine.file_refs import file_refs
from runtime.extensions import db
from runtime.file_sweep import sweep
from runtime.models import DefinitionFileRef, Item, ItemDraft, ItemVersion
from tests.web.test_file_sweep import age, pdf, store, stored_rows  # noqa: F401 (fixture)
from runtime.stored_files import save_file

EXAMPLE = Path(__file__).resolve().parents[2] / "item_defs" / "individual-business-registration.json"


def refs() -> set[tuple]:
    return {tuple(r) for r in db.session.execute(select(DefinitionFileRef.owner, DefinitionFileRef.owner_id,
                                                       DefinitionFileRef.sha256))}


def recount() -> set[tuple]:
    """Written independently of the listener: walk every stored definition."""
    found = set()
    for owner, column, model in (("version", ItemVersion.definition, ItemVersion), ("draft", ItemDraft.definition, ItemDraft),
                                 ("pending", ItemDraft.pending_base, ItemDraft), ("base", Item.base_definition, Item)):
        for row_id, doc in db.session.execute(select(model.id, column)):
            found |= {(owner, row_id, sha) for sha in file_refs(doc)}
    return found


def test_refs_follow_every_kind_of_write_and_the_sweep_keeps_what_is_used(app, store):
    shas = {label: save_file(pdf(label)).sha256 for label in ("form", "sample", "later", "base")}
    doc = json.loads(EXAMPLE.read_text("utf-8"))
    doc["materials"][0]["blank_form"] = {"name": "申请书.pdf", "sha256": shas["form"]}
    item = publish(doc).version.item
    draft = open_draft(item)
    draft.definition["materials"][0]["sample"] = {"name": "样表.pdf", "sha256": shas["sample"]}
    flag_modified(draft, "definition")          # an in-place change
    item.base_definition = {"guide": {"flow_chart": {"name": "流程图.pdf", "sha256": shas["base"]}}}
    db.session.commit()
    assert refs() == recount() and {s for _, _, s in refs()} == {shas["form"], shas["sample"], shas["base"]}

    draft.definition = {**draft.definition, "materials": []}   # the sample is no longer in the draft
    item.base_definition = None
    db.session.commit()
    assert refs() == recount() and {s for _, _, s in refs()} == {shas["form"]}   # the version still has the form
    age(store, 30)
    report = sweep(store, timedelta(hours=24))
    assert sorted(sha for sha, _ in report.rows) == sorted([shas["sample"], shas["later"], shas["base"]])
    assert stored_rows() == {shas["form"]} and store.read(shas["form"]) == pdf("form")

    db.session.delete(draft)                    # discarding a draft drops its rows
    db.session.commit()
    assert refs() == recount() == {("version", item.versions[0].id, shas["form"])}


def test_the_sweep_reads_no_definition(app, store):
    doc = json.loads(EXAMPLE.read_text("utf-8"))
    doc["materials"][0]["blank_form"] = {"name": "申请书.pdf", "sha256": save_file(pdf("form")).sha256}
    publish(doc)
    save_file(pdf("orphan"))
    db.session.commit()
    age(store, 30)
    statements = []
    listener = lambda conn, cursor, statement, *args: statements.append(statement)  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        report = sweep(store, timedelta(hours=24))
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len(report.rows) == 1
    assert not [s for s in statements if "definition" in s.replace("definition_file_ref", "")]


def test_a_core_write_is_repaired_by_rebuild_refs(app, store, monkeypatch):
    monkeypatch.setattr(definition_refs, "CHUNK", 1)   # several keyset chunks
    sha = save_file(pdf("form")).sha256
    doc = json.loads(EXAMPLE.read_text("utf-8"))
    item = publish(doc).version.item
    open_draft(item)
    other = json.loads(EXAMPLE.read_text("utf-8"))
    other["implementation"]["implementation_code"] = other["implementation"]["implementation_code"][:-1] + "9"
    other["materials"][0]["blank_form"] = {"name": "申请书.pdf", "sha256": save_file(pdf("other")).sha256}
    publish(other)
    db.session.commit()
    bulk = {**doc, "materials": [{**doc["materials"][0], "blank_form": {"name": "申请书.pdf", "sha256": sha}}]}
    db.session.execute(update(ItemDraft.__table__).where(ItemDraft.item_id == item.id).values(definition=bulk))
    db.session.commit()                         # behind the ORM: the listener did not see it
    assert refs() != recount()
    result = app.test_cli_runner().invoke(args=["files", "rebuild-refs"])
    assert result.exit_code == 0 and "已重建事项定义引用文件的索引" in result.output, result.output
    db.session.expire_all()
    assert refs() == recount() and sha in {s for _, _, s in refs()}
    age(store, 30)
    assert sweep(store, timedelta(hours=24)).rows == [] and sha in stored_rows()


def test_an_import_keeps_the_refs_of_the_items_it_writes(app, store):
    from builder.exchange.bundle import write_bundle
    from tests.exchange.test_bundle import DOCS, PDF, SHA
    docs = [json.loads(json.dumps(d)) for d in DOCS[:3]]
    docs[1]["materials"][0]["blank_form"] = {"name": "申请书.pdf", "sha256": SHA}
    bundle = write_bundle([(d, 1) for d in docs], {SHA: PDF}, exporter="省", exported_at="2026-12-03T00:00:00+00:00")
    path = store.root.parent / "bundle.zip"
    path.write_bytes(bundle)
    result = app.test_cli_runner().invoke(args=["items", "import", str(path), "--default", "replace"])
    assert result.exit_code == 0, result.output
    assert refs() == recount() and SHA in {s for _, _, s in refs()}
    age(store, 30)
    assert sweep(store, timedelta(hours=24)).rows == [] and store.read(SHA) == PDF
