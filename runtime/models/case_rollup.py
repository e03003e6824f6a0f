"""Statistics rollups: counts per day, department, item, metric and key, kept current as status events
happen (runtime/casework/rollups.py), so a year's chart adds up a few thousand rows, not millions."""
from flask_appbuilder import Model
from sqlalchemy import Column, Index, Integer, String


class CaseRollup(Model):
    __tablename__ = "case_rollup"
    # covering: a department's sums of one metric over a period read the index alone
    __table_args__ = (Index("ix_case_rollup_department_metric", "department_id", "metric", "day", "item_id", "key",
                            "count"),)

    day = Column(String(10), primary_key=True)             # local ISO date
    department_id = Column(Integer, primary_key=True, autoincrement=False)
    item_id = Column(Integer, primary_key=True, autoincrement=False)
    metric = Column(String(16), primary_key=True)          # received | status | review | missing | completed
    key = Column(String(64), primary_key=True)             # status, outcome, material id, "days:on_time"; "" if none
    count = Column(Integer, nullable=False, default=0)


class CaseRollupMonth(Model):
    """The same counts per month and department, without the item: at province scale the item grain holds
    about one row per case (40,000 items, a few cases each a month), this one a few rows per department.
    Rows of department 0 (rollups.PROVINCE) total all departments."""
    __tablename__ = "case_rollup_month"
    # covering, department before month: the province's rows (0) and the ranked departments' are narrow ranges
    __table_args__ = (Index("ix_case_rollup_month_department", "metric", "department_id", "month", "key", "count"),)

    month = Column(String(7), primary_key=True)            # local "YYYY-MM"
    department_id = Column(Integer, primary_key=True, autoincrement=False)
    metric = Column(String(16), primary_key=True)
    key = Column(String(64), primary_key=True)
    count = Column(Integer, nullable=False, default=0)
