"""definition_file_ref: the attached files each stored definition carries, so files sweep reads an index;
department.name_pinyin for the department choosers; an index on application_file.stored_file_id

Revision ID: 0028
Revises: 0023
Create Date: 2026-12-03 12:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0028'
down_revision = '0023'
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
    op.create_index('ix_application_file_stored_file_id', 'application_file', ['stored_file_id'])
    from runtime import definition_refs
    definition_refs.rebuild(op.get_bind())
    with op.batch_alter_table('department') as batch_op:
        batch_op.add_column(sa.Column('name_pinyin', sa.String(length=400), nullable=True))
    from runtime.department_pinyin import pinyin_of
    department = sa.table('department', sa.column('id', sa.Integer), sa.column('name', sa.String),
                          sa.column('name_pinyin', sa.String))
    bind = op.get_bind()
    rows = [{"key": row_id, "pinyin": pinyin_of(name)} for row_id, name in bind.execute(sa.select(department.c.id, department.c.name))]
    if rows:
        bind.execute(department.update().where(department.c.id == sa.bindparam("key"))
                     .values(name_pinyin=sa.bindparam("pinyin")), rows)


def downgrade():
    with op.batch_alter_table('department') as batch_op:
        batch_op.drop_column('name_pinyin')
    op.drop_index('ix_application_file_stored_file_id', table_name='application_file')
    op.drop_index('ix_definition_file_ref_sha256', table_name='definition_file_ref')
    op.drop_table('definition_file_ref')
