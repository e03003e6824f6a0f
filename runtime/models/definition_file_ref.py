"""Which stored definition carries which attached file (FileRef): one row per (owner, file). Kept in step
with the definitions on every flush (runtime/definition_refs.py), so ``files sweep`` asks an index whether a
file is used instead of reading every definition ever stored."""
from flask_appbuilder import Model
from sqlalchemy import Column, Index, Integer, String


class DefinitionFileRef(Model):
    __tablename__ = "definition_file_ref"
    __table_args__ = (Index("ix_definition_file_ref_sha256", "sha256"),)

    # "version" (item_version.definition), "draft" (item_draft.definition), "pending" (item_draft.pending_base),
    # "base" (item.base_definition); owner_id is that row's id
    owner = Column(String(8), primary_key=True)
    owner_id = Column(Integer, primary_key=True, autoincrement=False)
    sha256 = Column(String(64), primary_key=True)
