"""办理环节 of an accepted case: the definition's process steps in order, a sign-off (会签) per joint
department of a 联办件, and the hand-over to the higher authority and its answer for a 上报件. Each
records who finished it and when."""
from flask_appbuilder import Model
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import relationship


class CaseStage(Model):
    __tablename__ = "case_stage"

    id = Column(Integer, primary_key=True)
    application_id = Column(Integer, ForeignKey("application.id", ondelete="CASCADE"), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    kind = Column(String(10), nullable=False)             # "step" | "signoff" | "referral"
    step_id = Column(String(64))                          # the definition's process step id
    name = Column(String(100), nullable=False)
    role = Column(String(100))                            # who does it, as the definition says
    department_id = Column(Integer, ForeignKey("department.id"), nullable=False, index=True)  # who acts
    authority = Column(String(200))                       # 上报件: the higher authority
    handed_over_at = Column(DateTime)                     # 上报件: when the file went up
    handed_over_by_id = Column(Integer, ForeignKey("ab_user.id"))
    done_at = Column(DateTime)
    done_by_id = Column(Integer, ForeignKey("ab_user.id"))
    outcome = Column(String(10))                          # "agree" | "disagree" (sign-off, answer); "done" (step)
    note = Column(String(1000))

    application = relationship("Application", backref="stages")
    department = relationship("Department")
    done_by = relationship("User", foreign_keys=[done_by_id])
    handed_over_by = relationship("User", foreign_keys=[handed_over_by_id])
