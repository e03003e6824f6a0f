"""signed documents: department signing keys, the issued-document register (bytes, SHA-256,
verification code, corrections)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 08:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'signing_key',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('department_id', sa.Integer(), nullable=False),
        sa.Column('subject', sa.String(length=300), nullable=False),
        sa.Column('issuer', sa.String(length=300), nullable=False),
        sa.Column('serial', sa.String(length=64), nullable=False),
        sa.Column('not_before', sa.DateTime(), nullable=False),
        sa.Column('not_after', sa.DateTime(), nullable=False),
        sa.Column('certificate', sa.LargeBinary(), nullable=False),
        sa.Column('chain', sa.Text(), nullable=False),
        sa.Column('private_key', sa.LargeBinary(), nullable=False),
        sa.Column('demo', sa.Boolean(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('retired_at', sa.DateTime(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['department_id'], ['department.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['created_by_id'], ['ab_user.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_signing_key_department_id', 'signing_key', ['department_id'], unique=False)
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verify_code', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('sha256', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('size', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('pdf', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('signing_key_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('corrects_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('replaced_by_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint('uq_issued_document_verify_code', ['verify_code'])
        batch_op.create_index('ix_issued_document_sha256', ['sha256'], unique=False)
        batch_op.create_foreign_key('fk_issued_document_signing_key', 'signing_key', ['signing_key_id'], ['id'],
                                    ondelete='SET NULL')
        batch_op.create_foreign_key('fk_issued_document_corrects', 'issued_document', ['corrects_id'], ['id'],
                                    ondelete='SET NULL')
        batch_op.create_foreign_key('fk_issued_document_replaced_by', 'issued_document', ['replaced_by_id'], ['id'],
                                    ondelete='SET NULL')
        # a corrected document is a second row for the same decision: only the current one is unique
        batch_op.drop_constraint('uq_issued_document', type_='unique')
        batch_op.create_index('uq_issued_document_current', ['application_id', 'kind', 'event_id'], unique=True,
                              sqlite_where=sa.text('replaced_by_id IS NULL'),
                              postgresql_where=sa.text('replaced_by_id IS NULL'))


def downgrade():
    with op.batch_alter_table('issued_document', schema=None) as batch_op:
        batch_op.drop_index('uq_issued_document_current')
        batch_op.create_unique_constraint('uq_issued_document', ['application_id', 'kind', 'event_id'])
        batch_op.drop_constraint('fk_issued_document_replaced_by', type_='foreignkey')
        batch_op.drop_constraint('fk_issued_document_corrects', type_='foreignkey')
        batch_op.drop_constraint('fk_issued_document_signing_key', type_='foreignkey')
        batch_op.drop_index('ix_issued_document_sha256')
        batch_op.drop_constraint('uq_issued_document_verify_code', type_='unique')
        for column in ('replaced_by_id', 'corrects_id', 'signing_key_id', 'pdf', 'size', 'sha256', 'verify_code'):
            batch_op.drop_column(column)
    op.drop_index('ix_signing_key_department_id', table_name='signing_key')
    op.drop_table('signing_key')
