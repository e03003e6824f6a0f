"""网上咨询: a citizen's question about one item, answered by the item's department."""
from flask_appbuilder import Model
from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship

from .timestamps import utcnow


class Consultation(Model):
    __tablename__ = "consultation"
    __audited__ = "网上咨询"

    id = Column(Integer, primary_key=True)
    item_id = Column(Integer, ForeignKey("item.id"), nullable=False, index=True)
    department_id = Column(Integer, ForeignKey("department.id"), nullable=False, index=True)
    question = Column(Text, nullable=False)
    asker_name = Column(String(50), nullable=False)
    asker_contact = Column(String(50), nullable=False)     # never shown publicly
    created_at = Column(DateTime, default=utcnow, nullable=False)
    answer = Column(Text)
    answered_by_id = Column(Integer, ForeignKey("ab_user.id"))
    answered_at = Column(DateTime)
    public = Column(Boolean, default=True, nullable=False)  # listed under the item once answered

    item = relationship("Item")
    department = relationship("Department")
    answered_by = relationship("User")

    def __repr__(self):
        return f"咨询#{self.id}"
