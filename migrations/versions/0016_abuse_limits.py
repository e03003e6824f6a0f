"""abuse limits: session generations, so logout and a password change end every session of a user

Revision ID: 0016
Revises: 0015
"""
from alembic import op
import sqlalchemy as sa

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('user_session',
                    sa.Column('user_id', sa.Integer(), nullable=False),
                    sa.Column('generation', sa.Integer(), nullable=False),
                    sa.ForeignKeyConstraint(['user_id'], ['ab_user.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('user_id'))


def downgrade():
    op.drop_table('user_session')
