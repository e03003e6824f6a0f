"""Holiday schedules entered by the system administrator for years the bundled calendar lacks
(the State Council publishes next year's schedule each November/December)."""
from flask_appbuilder import Model
from sqlalchemy import JSON, Column, DateTime, Integer, String

from .timestamps import utcnow


class CalendarYear(Model):
    __tablename__ = "calendar_year"
    __audited__ = "节假日安排"

    year = Column(Integer, primary_key=True, autoincrement=False)
    holidays = Column(JSON, nullable=False, default=list)   # ISO dates that are rest days
    workdays = Column(JSON, nullable=False, default=list)   # ISO dates (weekends) that are 补班 working days
    source = Column(String(200), nullable=False)            # e.g. the State Council notice number
    updated_at = Column(DateTime, default=utcnow, onupdate=utcnow, nullable=False)

    def __repr__(self):
        return f"{self.year} 年节假日安排"
