"""Numbering sequences (受理编号, 文书编号): one row per department, kind and year."""
from flask_appbuilder import Model
from sqlalchemy import Column, ForeignKey, Integer, String, UniqueConstraint


class NumberSequence(Model):
    __tablename__ = "number_sequence"
    __table_args__ = (UniqueConstraint("department_id", "kind", "year", name="uq_number_sequence"),)

    id = Column(Integer, primary_key=True)
    department_id = Column(Integer, ForeignKey("department.id"), nullable=False)
    kind = Column(String(32), nullable=False)
    year = Column(Integer, nullable=False)
    last = Column(Integer, nullable=False, default=0)
