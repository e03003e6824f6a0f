"""province scale: queue and deadline columns, search index, statistics rollups

Revision ID: 0017
Revises: 0016

- application.applicant_name, received_on, due_on, warn_on: kept current on every flush, so the clerk
  queue filters, searches and pages in SQL and the overdue/due-soon views cover every open case;
- indexes for the queue order ((department,) updated_at, id), the deadline views and the search (pg_trgm
  trigrams on PostgreSQL; a plain index on SQLite);
- case_rollup, case_rollup_month: statistics per day, department, item, metric and key, and per month,
  department, metric and key (runtime/casework/rollups.py).
The new columns and the rollups are filled here from the existing cases (runtime/casework/backfill.py).
"""
from alembic import op
import sqlalchemy as sa

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    postgresql = bind.dialect.name == 'postgresql'
    if postgresql:
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.add_column(sa.Column('applicant_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('received_on', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('due_on', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('warn_on', sa.String(length=10), nullable=True))
        batch_op.create_index('ix_application_queue', ['department_id', 'updated_at', 'id'], unique=False)
        batch_op.create_index('ix_application_recent', ['updated_at', 'id'], unique=False)
        batch_op.create_index('ix_application_due', ['department_id', 'due_on'], unique=False)
        batch_op.create_index('ix_application_warn', ['department_id', 'warn_on'], unique=False)
        batch_op.create_index('ix_application_due_on', ['due_on'], unique=False)
        batch_op.create_index('ix_application_warn_on', ['warn_on'], unique=False)
    if postgresql:
        # The operator class lives in the schema the extension was first created in, which need not be on this
        # connection's search path (the fault tests migrate a schema of their own in the same database).
        trgm = bind.execute(sa.text("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                                    "WHERE e.extname = 'pg_trgm'")).scalar_one()
        ops = f'"{trgm}".gin_trgm_ops'
        op.create_index('ix_application_search', 'application', ['number', 'case_number', 'applicant_name'],
                        postgresql_using='gin', postgresql_ops={'number': ops, 'case_number': ops, 'applicant_name': ops})
    else:
        op.create_index('ix_application_search', 'application', ['number', 'case_number', 'applicant_name'])
    op.create_table('case_rollup',
                    sa.Column('day', sa.String(length=10), nullable=False),
                    sa.Column('department_id', sa.Integer(), autoincrement=False, nullable=False),
                    sa.Column('item_id', sa.Integer(), autoincrement=False, nullable=False),
                    sa.Column('metric', sa.String(length=16), nullable=False),
                    sa.Column('key', sa.String(length=64), nullable=False),
                    sa.Column('count', sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint('day', 'department_id', 'item_id', 'metric', 'key'))
    op.create_index('ix_case_rollup_department', 'case_rollup', ['department_id', 'day'], unique=False)
    op.create_table('case_rollup_month',
                    sa.Column('month', sa.String(length=7), nullable=False),
                    sa.Column('department_id', sa.Integer(), autoincrement=False, nullable=False),
                    sa.Column('metric', sa.String(length=16), nullable=False),
                    sa.Column('key', sa.String(length=64), nullable=False),
                    sa.Column('count', sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint('month', 'department_id', 'metric', 'key'))
    # covering: the province's sums read the index alone
    op.create_index('ix_case_rollup_month_metric', 'case_rollup_month', ['metric', 'month', 'department_id', 'key', 'count'],
                    unique=False)

    from runtime import work_calendar
    from runtime.casework import backfill
    backfill.run(bind, work_calendar.build(bind))


def downgrade():
    op.drop_index('ix_case_rollup_month_metric', table_name='case_rollup_month')
    op.drop_table('case_rollup_month')
    op.drop_index('ix_case_rollup_department', table_name='case_rollup')
    op.drop_table('case_rollup')
    op.drop_index('ix_application_search', table_name='application')
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_index('ix_application_warn_on')
        batch_op.drop_index('ix_application_due_on')
        batch_op.drop_index('ix_application_warn')
        batch_op.drop_index('ix_application_due')
        batch_op.drop_index('ix_application_recent')
        batch_op.drop_index('ix_application_queue')
        batch_op.drop_column('warn_on')
        batch_op.drop_column('due_on')
        batch_op.drop_column('received_on')
        batch_op.drop_column('applicant_name')
