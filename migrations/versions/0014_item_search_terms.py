"""item search terms

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-03 09:00:00

The catalogue search also matches the words people use (guide.keywords of the published definition)
and the pinyin and initials of name and keywords. The catalogue is loaded from the item table alone
(runtime/portal/catalogue_index.py) and pinyin is too slow to compute for thousands of items at every
load, so publishing stores these terms on the item like its name and codes; existing items get them
from their current version here.
"""
import json

import sqlalchemy as sa
from alembic import op


revision = '0014'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    from runtime.portal.search_keys import search_terms
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_terms', sa.String(length=2000), nullable=True))
    bind = op.get_bind()
    item = sa.table('item', sa.column('id', sa.Integer), sa.column('current_version', sa.Integer),
                    sa.column('search_terms', sa.String))
    version = sa.table('item_version', sa.column('item_id', sa.Integer), sa.column('number', sa.Integer),
                       sa.column('definition', sa.JSON))
    rows = bind.execute(sa.select(version.c.item_id, version.c.definition).select_from(
        version.join(item, sa.and_(item.c.id == version.c.item_id, item.c.current_version == version.c.number)))).all()
    for item_id, definition in rows:
        if isinstance(definition, str):
            definition = json.loads(definition)
        terms = search_terms(definition or {})
        if terms:
            bind.execute(item.update().where(item.c.id == item_id).values(search_terms=terms))


def downgrade():
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.drop_column('search_terms')
