"""Named counters that committed writes bump, so caches in every worker can tell cheaply whether the
data behind them changed (see runtime/change_tracking.py)."""
from flask_appbuilder import Model
from sqlalchemy import Column, Integer, String


class ChangeCounter(Model):
    __tablename__ = "change_counter"

    name = Column(String(40), primary_key=True)
    value = Column(Integer, nullable=False, default=0)
