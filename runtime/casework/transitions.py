"""Which clerk or applicant action is allowed in which status, and where it leads. Pure: the web
layer asks ``next_status`` and shows the Chinese refusal when an action is not allowed."""
from __future__ import annotations

STATUS_LABELS = {
    "draft": "草稿", "submitted": "已提交待预审", "reviewed": "预审通过待受理", "needs_correction": "待补正",
    "accepted": "已受理",
    "rejected": "不予受理", "completed": "已办结", "withdrawn": "已撤回", "voided": "已作废",
}
ACTION_LABELS = {
    "submit": "提交", "approve": "预审通过", "return": "退回补正", "void": "作废", "accept": "受理", "accept_tolerated": "容缺受理",
    "reject": "不予受理", "complete": "办结", "withdraw": "撤回",
}
# action -> {from status: to status}
TRANSITIONS = {
    "submit": {"draft": "submitted", "needs_correction": "submitted"},
    # 人工预审: 通过 / 退回 (the opinion joins the one-time notice) / 作废. A clerk at the window may accept
    # straight from "submitted": pre-review and acceptance are then one act.
    "approve": {"submitted": "reviewed"},
    "return": {"submitted": "needs_correction", "reviewed": "needs_correction"},
    "void": {"submitted": "voided", "reviewed": "voided", "needs_correction": "voided"},
    # From 待补正 once the corrections were handed over on paper at the window (paper_intake.py).
    "accept": {"submitted": "accepted", "reviewed": "accepted", "needs_correction": "accepted"},
    "accept_tolerated": {"submitted": "accepted", "reviewed": "accepted", "needs_correction": "accepted"},
    "reject": {"submitted": "rejected", "reviewed": "rejected", "needs_correction": "rejected"},
    "complete": {"accepted": "completed"},
    "withdraw": {"draft": "withdrawn", "needs_correction": "withdrawn"},
}
# Actions that must state a reason (recorded, and printed on the notices).
NEEDS_REASON = frozenset({"return", "void", "reject", "complete"})


class IllegalTransition(ValueError):
    """The action is not allowed in the current status; the message is Chinese."""


def next_status(status: str, action: str) -> str:
    if action not in TRANSITIONS:
        raise IllegalTransition(f"未知的操作“{action}”")
    target = TRANSITIONS[action].get(status)
    if target is None:
        raise IllegalTransition(f"当前状态为“{STATUS_LABELS.get(status, status)}”,不能{ACTION_LABELS[action]}")
    return target


def allowed_actions(status: str, actor: str = "clerk") -> list[str]:
    citizen = {"submit", "withdraw"}
    return [a for a, moves in TRANSITIONS.items() if status in moves and ((a in citizen) == (actor == "citizen"))]
