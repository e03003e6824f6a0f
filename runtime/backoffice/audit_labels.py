"""Chinese names for the audit log's action codes and object types (stored in English so that
queries and exports stay stable; shown to people in Chinese)."""
from __future__ import annotations

import json
import re
from datetime import datetime

from flask_appbuilder import Model

from runtime.casework.transitions import ACTION_LABELS

from .fab_display import display

ACTIONS = {
    "create": "新建", "update": "修改", "delete": "删除", "publish": "发布", "restore": "恢复旧版本",
    "import": "导入", "sweep": "清理文件", "pause": "暂停计时", "resume": "恢复计时", "extend": "延长期限",
    "payment": "登记缴费", "supplements": "容缺材料补齐", "paper": "登记纸质材料", "stage": "办理环节",
    "signoff": "联办会签", "referral": "上报",
    **ACTION_LABELS,
}
OBJECTS = {"Application": "办件", "Bundle": "交换包", "StoredFile": "存储文件"}


def action_label(code) -> str:
    return ACTIONS.get(code, code or "")


def object_label(name) -> str:
    if name in OBJECTS:
        return OBJECTS[name]
    for mapper in Model.registry.mappers:
        if mapper.class_.__name__ == name:
            return getattr(mapper.class_, "__audited__", name)
    return name or ""


def summary_label(summary) -> str:
    """Rows written before summaries were Chinese began with the English change verb."""
    verb, _, rest = (summary or "").partition(" ")
    from runtime.audit import CHANGE_VERBS
    return CHANGE_VERBS[verb] + rest if verb in CHANGE_VERBS and rest else (summary or "")


_STORED_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")


def change_label(values) -> str:
    """An entry's before/after (stored JSON) one column per line; stored timestamps (naive UTC ISO
    strings) in the centre's time zone, as everywhere else."""
    if not isinstance(values, dict):
        return "" if values is None else str(values)
    lines = []
    for key, value in values.items():
        if isinstance(value, str) and _STORED_MOMENT.match(value):
            value = display(datetime.fromisoformat(value))
        elif isinstance(value, (dict, list)):
            value = json.dumps(value, ensure_ascii=False)
        lines.append(f"{key}: {display(value)}")
    return "\n".join(lines)
