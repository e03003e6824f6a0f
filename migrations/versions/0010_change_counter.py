"""change counters: bumped in the same transaction as the writes they stand for

Revision ID: 0010
Revises: 0009

The public catalogue is kept in memory by every worker and searched there; a worker reloads it when
the ``catalogue`` counter differs from the value it loaded with (runtime/change_tracking.py).
"""
from alembic import op
import sqlalchemy as sa

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table('change_counter',
                            sa.Column('name', sa.String(length=40), nullable=False),
                            sa.Column('value', sa.Integer(), nullable=False),
                            sa.PrimaryKeyConstraint('name'))
    op.bulk_insert(table, [{'name': 'catalogue', 'value': 0}])


def downgrade():
    op.drop_table('change_counter')
