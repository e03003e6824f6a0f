"""base versions: the published base's version number, and a base merge a draft holds until published

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 08:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('base_version', sa.Integer(), nullable=True))
    with op.batch_alter_table('item_draft', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pending_base', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('item_draft', schema=None) as batch_op:
        batch_op.drop_column('pending_base')
    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.drop_column('base_version')
