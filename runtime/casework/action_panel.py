"""The clerk's action panel: only the acts that make sense for this case now (its status and what the
automatic pre-review found), each explained in one line, with the document it issues so the page can
ask for confirmation first. Pure: the template renders the options, ``perform`` re-checks the act."""
from __future__ import annotations

from dataclasses import dataclass

from .transitions import ACTION_LABELS, allowed_actions

EXPLANATIONS = {
    "approve": "材料齐全、符合法定形式,转受理岗决定是否受理;不出具文书,不开始计时。",
    "accept": "材料齐全、符合法定形式:正式受理,生成受理编号,开始计算办理时限。",
    "accept_tolerated": "主要材料齐全、只缺可容缺的次要材料:先行受理,申请人须在期限内补齐。",
    "return": "材料不齐全或不符合法定形式:一次性告知申请人需要补正的全部内容,补正后重新提交。",
    "reject": "不属于本机关职权范围,或依法不需要取得行政许可:不予受理,写明理由和救济途径。",
    "void": "重复提交、误提交等无效申请:不再办理,不出具文书。",
    "complete": "各办理环节完成后作出决定:准予或不予行政许可,出具决定书,办件办结。",
}
NOTE_LABELS = {
    "return": "需要补正的内容(写入一次性告知书)",
    "reject": "不予受理的理由(印在不予受理通知书上)",
    "void": "作废原因",
    "complete": "决定内容(准予的写明许可事项;不予许可的写明理由,印在决定书上)",
}
DOCUMENTS = {"accept": "受理通知书", "accept_tolerated": "受理通知书(容缺受理)", "return": "一次性告知书",
             "reject": "不予受理通知书", "complete": "行政许可决定书"}
ORDER = ("accept", "accept_tolerated", "approve", "complete", "return", "reject", "void")


@dataclass(frozen=True)
class ActionOption:
    action: str
    label: str
    explanation: str
    note_label: str | None      # the act needs a reason or result, asked for with this label
    document: str | None        # the document the act issues: confirm before
    primary: bool


def options(status: str, outcome: str | None) -> list[ActionOption]:
    """``outcome``: the last automatic pre-review's ("acceptable", "tolerated", "needs_correction")."""
    allowed = set(allowed_actions(status))
    if outcome == "needs_correction":          # corrections outstanding: nothing can be accepted yet
        allowed -= {"accept", "accept_tolerated", "approve"}
    elif outcome == "tolerated":               # tolerated materials missing: only 容缺受理 accepts
        allowed.discard("accept")
    else:                                      # nothing missing: 容缺受理 would have nothing to tolerate
        allowed.discard("accept_tolerated")
    chosen = [a for a in ORDER if a in allowed]
    first = next((a for a in chosen if a in ("accept", "accept_tolerated", "complete")), None)
    return [ActionOption(a, ACTION_LABELS[a], EXPLANATIONS[a], NOTE_LABELS.get(a), DOCUMENTS.get(a), a == first)
            for a in chosen]
