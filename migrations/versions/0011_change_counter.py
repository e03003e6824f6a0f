"""change counters: bumped in the same transaction as the writes they stand for

Revision ID: 0011
Revises: 0010

Workers keep the public catalogue and the working-day calendar in memory and reload each when its
counter differs from the value they loaded it with (runtime/change_tracking.py). The rows exist from
the start, so concurrent first writes only ever update them.
"""
from alembic import op
import sqlalchemy as sa

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table('change_counter',
                            sa.Column('name', sa.String(length=40), nullable=False),
                            sa.Column('value', sa.Integer(), nullable=False),
                            sa.PrimaryKeyConstraint('name'))
    op.bulk_insert(table, [{'name': 'catalogue', 'value': 0}, {'name': 'calendar', 'value': 0}])


def downgrade():
    op.drop_table('change_counter')
