"""shared file store: the bytes of stored files in the database, in chunks (YIWANG_FILE_STORE=postgresql)

Revision ID: 0022
Revises: 0019
Create Date: 2026-12-03 11:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'file_blob',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('store', sa.String(length=16), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('size', sa.BigInteger(), nullable=False),
        sa.Column('modified', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('store', 'sha256', name='uq_file_blob_store_sha256'))
    op.create_table(
        'file_blob_chunk',
        sa.Column('blob_id', sa.Integer(), nullable=False),
        sa.Column('n', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['blob_id'], ['file_blob.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('blob_id', 'n'))


def downgrade():
    op.drop_table('file_blob_chunk')
    op.drop_table('file_blob')
