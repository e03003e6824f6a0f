"""Problems as the designer shows them: plain Chinese that names the element ("材料“健康证明”:请填写
“设定依据”") and the tab that holds it, layered over the engine's problems (validation and lint keep
their own codes, paths and messages; this module only rewords and locates them for authors)."""
from __future__ import annotations

import re
from functools import lru_cache

from runtime.engine.messages import ZH

TABS = {"catalogue": "basics", "implementation": "basics", "guide": "guide", "form": "form", "materials": "materials",
        "rules": "rules", "fees": "fees", "time_limits": "time_limits", "process": "process", "documents": "documents"}
SECTIONS = {"basics": "基本信息", "guide": "办事指南", "form": "申请表单", "materials": "申请材料", "rules": "预审规则",
            "fees": "收费", "time_limits": "办理时限", "process": "办理流程", "documents": "文书"}
KINDS = {"materials": "材料", "fields": "字段", "steps": "步骤", "rules": "规则", "fees": "收费项目", "options": "选项",
         "process": "办理环节", "faq": "常见问题", "downloads": "下载文件", "special_procedures": "特别程序",
         "computed": "计算值", "locations": "办理窗口", "legal_basis": "设定依据"}
NAME_KEYS = ("name", "label", "title", "question", "law")
_SEGMENT = re.compile(r"\.(\w+)|\[(\d+)\]|\['([^']*)'\]")


def _segments(path: str) -> list:
    return [int(i) if i else (k if k is not None else q) for k, i, q in _SEGMENT.findall(path or "")]


def element(definition, path: str) -> tuple[str, str]:
    """(tab, words naming the innermost named element on ``path``), e.g. ("form", "字段“经营形式”的选项 2")."""
    parts = _segments(path)
    tab = TABS.get(parts[0], "basics") if parts and isinstance(parts[0], str) else "basics"
    names, node, key = [], definition, None
    for part in parts:
        if isinstance(part, int) and isinstance(node, list) and part < len(node) and key in KINDS:
            entry = node[part]
            label = next((entry[k] for k in NAME_KEYS if isinstance(entry, dict) and isinstance(entry.get(k), str)
                          and entry[k].strip()), "") if isinstance(entry, dict) else ""
            names.append(f"{KINDS[key]}“{label[:30]}”" if label else f"第 {part + 1} 个{KINDS[key]}(未命名)")
        if isinstance(node, dict) and isinstance(part, str):
            node, key = node.get(part), part
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            break
    return tab, ("的".join(names[-2:]) if names else SECTIONS[tab])


@lru_cache(maxsize=None)
def _pattern(code: str) -> re.Pattern | None:
    template = ZH.get(code)
    if template is None:
        return None
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.*?)" for i, p in enumerate(parts))
    return re.compile(f"^{regex}$", re.S)


def _plain(problem: dict) -> str:
    """The engine's message, with the commonest schema messages said the way an author acts on them."""
    code, message = problem.get("code", ""), problem.get("message", "")
    match = _pattern(code).match(message) if _pattern(code) else None
    if not match:
        return message
    found = match.groupdict()
    if code == "schema.required" or (code == "schema.min_length" and found.get("limit") == "1"):
        return f"请填写“{found['name']}”"
    if code == "schema.pattern" and found.get("value") == "":
        return f"请填写“{found['name']}”"
    return message


def worded(definition, problems: list[dict]) -> list[dict]:
    """Each problem with ``text`` (element: what to do), ``plain`` (what to do, for next to the element)
    and ``tab``. A "keys not allowed" complaint about
    an element that has problems of its own inside is dropped: it only echoes them (the schema cannot
    tell which kind of field was meant while the field's own settings are incomplete)."""
    paths = [p.get("path", "") for p in problems]
    out = []
    for problem in problems:
        path = problem.get("path", "")
        if problem.get("code") == "schema.unknown_key" and any(
                other != path and other.startswith(path) and other[len(path):len(path) + 1] in ".[" for other in paths):
            continue
        tab, where = element(definition, path)
        plain = _plain(problem)
        if plain.startswith(where) and len(plain) > len(where):  # the lint named it already: 材料“X”缺少受理标准
            plain = plain[len(where):].lstrip(",:, ")
        text = plain if where in plain else f"{where}:{plain}"  # a name inside the sentence is not repeated
        out.append(problem | {"text": text, "plain": plain, "tab": tab})
    return out
