"""item search keywords

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-03 09:00:00

The catalogue search also matches the words people use (guide.keywords of the published definition).
The catalogue is loaded from the item table alone (runtime/portal/catalogue_index.py), so publishing
copies the keywords onto the item like its name and codes; existing items get them from their latest
published version here.
"""
import json

import sqlalchemy as sa
from alembic import op


revision = '0014'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_keywords', sa.String(length=500), nullable=True))
    bind = op.get_bind()
    item = sa.table('item', sa.column('id', sa.Integer), sa.column('current_version', sa.Integer),
                    sa.column('search_keywords', sa.String))
    version = sa.table('item_version', sa.column('item_id', sa.Integer), sa.column('number', sa.Integer),
                       sa.column('definition', sa.JSON))
    rows = bind.execute(sa.select(version.c.item_id, version.c.definition).select_from(
        version.join(item, sa.and_(item.c.id == version.c.item_id, item.c.current_version == version.c.number))))
    for item_id, definition in rows:
        if isinstance(definition, str):
            definition = json.loads(definition)
        words = [str(w).strip().replace(" ", "") for w in ((definition or {}).get("guide") or {}).get("keywords") or []]
        text = " ".join(w for w in words if w)[:500]
        if text:
            bind.execute(item.update().where(item.c.id == item_id).values(search_keywords=text))


def downgrade():
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.drop_column('search_keywords')
