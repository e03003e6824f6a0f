"""Departments (办理部门) as data; users belong to one or more departments."""
from flask_appbuilder import Model
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String, Table, UniqueConstraint
from sqlalchemy.orm import relationship

from .timestamps import utcnow

department_member = Table(
    "department_member", Model.metadata,
    Column("department_id", Integer, ForeignKey("department.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", Integer, ForeignKey("ab_user.id", ondelete="CASCADE"), primary_key=True),
)


class Department(Model):
    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("code", name="uq_department_code"),)
    __audited__ = "部门"

    id = Column(Integer, primary_key=True)
    code = Column(String(18), nullable=False)            # 统一社会信用代码
    name = Column(String(100), nullable=False)
    abbreviation = Column(String(20))                    # 机关简称, used in document numbers
    region_code = Column(String(12))
    name_pinyin = Column(String(400))   # "qinyuanxianshichangjianduguanliju qyxscjdglj": kept by runtime/department_pinyin.py
    phone = Column(String(40))
    created_at = Column(DateTime, default=utcnow, nullable=False)
    members = relationship("User", secondary=department_member, backref="departments")

    def __repr__(self) -> str:
        return self.name
