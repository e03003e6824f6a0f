"""application_event.review: each automatic pre-review's outcome and missing materials (statistics);
application.supplemented_on: when the materials missing at 容缺受理 arrived

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('application_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('review', sa.JSON(), nullable=True))
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.add_column(sa.Column('supplemented_on', sa.String(length=10), nullable=True))


def downgrade():
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_column('supplemented_on')
    with op.batch_alter_table('application_event', schema=None) as batch_op:
        batch_op.drop_column('review')
