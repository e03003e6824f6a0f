"""definition_file_ref: the attached files each stored definition carries, so files sweep reads an index

Revision ID: 0028
Revises: 0022
Create Date: 2026-12-03 12:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0028'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'definition_file_ref',
        sa.Column('owner', sa.String(length=8), nullable=False),
        sa.Column('owner_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('owner', 'owner_id', 'sha256'))
    op.create_index('ix_definition_file_ref_sha256', 'definition_file_ref', ['sha256'])
    from runtime import definition_refs
    definition_refs.rebuild(op.get_bind())


def downgrade():
    op.drop_index('ix_definition_file_ref_sha256', table_name='definition_file_ref')
    op.drop_table('definition_file_ref')
