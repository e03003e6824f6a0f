"""case stages: the process after acceptance (steps, joint sign-offs, referral) and the decision

Revision ID: 0015
Revises: 0014

Each accepted case gets one row per process step of its definition, one sign-off per joint department
of a 联办件 and a referral row for a 上报件; ``application.decision`` says whether 办结 granted or
refused the licence (which decision document it issues).
"""
from alembic import op
import sqlalchemy as sa

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('case_stage',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('application_id', sa.Integer(), nullable=False),
                    sa.Column('position', sa.Integer(), nullable=False),
                    sa.Column('kind', sa.String(length=10), nullable=False),
                    sa.Column('step_id', sa.String(length=64), nullable=True),
                    sa.Column('name', sa.String(length=100), nullable=False),
                    sa.Column('role', sa.String(length=100), nullable=True),
                    sa.Column('department_id', sa.Integer(), nullable=False),
                    sa.Column('authority', sa.String(length=200), nullable=True),
                    sa.Column('handed_over_at', sa.DateTime(), nullable=True),
                    sa.Column('handed_over_by_id', sa.Integer(), nullable=True),
                    sa.Column('done_at', sa.DateTime(), nullable=True),
                    sa.Column('done_by_id', sa.Integer(), nullable=True),
                    sa.Column('outcome', sa.String(length=10), nullable=True),
                    sa.Column('note', sa.String(length=1000), nullable=True),
                    sa.ForeignKeyConstraint(['application_id'], ['application.id'], ondelete='CASCADE'),
                    sa.ForeignKeyConstraint(['department_id'], ['department.id']),
                    sa.ForeignKeyConstraint(['done_by_id'], ['ab_user.id']),
                    sa.ForeignKeyConstraint(['handed_over_by_id'], ['ab_user.id']),
                    sa.PrimaryKeyConstraint('id'))
    op.create_index('ix_case_stage_application_id', 'case_stage', ['application_id'])
    op.create_index('ix_case_stage_department_id', 'case_stage', ['department_id'])
    with op.batch_alter_table('application') as batch:
        batch.add_column(sa.Column('decision', sa.String(length=10), nullable=True))


def downgrade():
    with op.batch_alter_table('application') as batch:
        batch.drop_column('decision')
    op.drop_index('ix_case_stage_department_id', table_name='case_stage')
    op.drop_index('ix_case_stage_application_id', table_name='case_stage')
    op.drop_table('case_stage')
