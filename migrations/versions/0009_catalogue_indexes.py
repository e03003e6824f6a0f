"""catalogue indexes

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 07:00:00

The public catalogue pages by department and name and counts items per department and per type on
every request. With thousands of items both were full scans plus a sort; these two indexes let the
page walk an index in order and the counts read the index alone (bench/bench_catalogue_search.py).
"""
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.create_index('ix_item_catalogue', ['department_id', 'name', 'online', 'current_version'], unique=False)
        batch_op.create_index('ix_item_task_type', ['task_type', 'online', 'current_version'], unique=False)


def downgrade():
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.drop_index('ix_item_task_type')
        batch_op.drop_index('ix_item_catalogue')
