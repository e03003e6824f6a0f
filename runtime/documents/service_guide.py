"""The 办事指南 as a citizen reads it: a definition's public elements in the order of the national guide
(受理条件 → 申请材料 → 办理流程 → 办理时限 → 收费 → 办理地点 → 咨询与监督 → 常见问题 → 表格下载), every value
in words ("原件 1 份、复印件 1 份", "法定 20 个工作日，承诺 7 个工作日"), never an enum key or a boolean.

One model for the portal's guide page and the printed guide, so the two never disagree. Pure: a
definition dict in, plain dicts and strings out (no Flask, no HTML)."""
from __future__ import annotations

from runtime.engine.condition_text import describe
from runtime.engine.definition_index import DefinitionIndex
from runtime.engine.element_display import enum_label, schema_node

UNIT_WORDS = {"working_day": "个工作日", "natural_day": "个自然日"}


def label(value, *path: str) -> str:
    """The schema's Chinese label for an enum value (the value itself if the schema has none)."""
    if value in (None, ""):
        return ""
    return enum_label(schema_node(*path), value) or str(value)


def labels(values, *path: str) -> str:
    return "、".join(label(v, *path) for v in values or [])


def limit_text(limit: dict | None) -> str:
    """{"value": 20, "unit": "working_day"} -> "20 个工作日"; 0 -> "即时办理"."""
    if not limit or limit.get("value") is None:
        return ""
    if limit["value"] == 0:
        return "即时办理"
    return f"{limit['value']} {UNIT_WORDS.get(limit.get('unit'), '个工作日')}"


def copies_text(copies: dict | None) -> str:
    copies = copies or {}
    parts = [f"{word} {copies[key]} 份" for key, word in (("original", "原件"), ("copy", "复印件")) if copies.get(key)]
    return "、".join(parts)


def _time_limits(limits: dict) -> dict:
    def part(word: str, limit: dict | None) -> str:
        text = limit_text(limit)
        return "" if not text else f"{word}即时办结" if text == "即时办理" else f"{word} {text}"
    summary = "，".join(p for p in (part("法定", limits.get("legal")), part("承诺", limits.get("promised"))) if p)
    notes = [n for n in ((limits.get("legal") or {}).get("note"), (limits.get("promised") or {}).get("note")) if n]
    special = [f"{s['name']}：不超过 {limit_text(s.get('limit'))}，不计入办结时限" + (f"（{s['basis']}）" if s.get("basis") else "")
               for s in limits.get("special_procedures") or []]
    supplement = limit_text(limits.get("supplement"))
    return {"summary": summary, "notes": notes, "special": special,
            "supplement": f"材料不齐全或不符合法定形式的，一次性告知需要补正的全部内容；请在告知之日起 {supplement}内补正。"
            if supplement else ""}


def _condition(spec: dict, index: DefinitionIndex | None) -> str:
    """When a conditional material applies, in words: the author's own reason, else the condition read aloud."""
    if "required_if" not in spec:
        return ""
    if spec.get("reason"):
        return spec["reason"]
    text = describe(spec["required_if"], index) if index is not None else None
    return text or "特定情形下需要提交"


def _source(source: dict) -> str:
    channel = label(source.get("channel"), "Material", "source", "channel")
    issuer = source.get("issuer")
    text = f"{channel}（{issuer}出具）" if issuer and source.get("channel") != "applicant" else channel
    return "；".join(p for p in (text, source.get("note")) if p)


def _material(spec: dict, index: DefinitionIndex | None) -> dict:
    tolerated = spec.get("necessity") == "tolerated"
    days = spec.get("supplement_days")
    return {"id": spec["id"], "name": spec["name"], "copies": copies_text(spec.get("copies")),
            "kind": label(spec.get("kind"), "Material", "kind"), "media": label(spec.get("media"), "Material", "media"),
            "paper_spec": spec.get("paper_spec", ""),
            "necessity": label(spec.get("necessity"), "Material", "necessity"),
            "tolerated": (f"可容缺受理，受理后 {days} 个工作日内补交" if days else "可容缺受理，受理后按告知期限补交")
            if tolerated else "",
            "condition": _condition(spec, index), "source": _source(spec.get("source") or {}),
            "standard": spec.get("acceptance_standard", ""), "instructions": spec.get("instructions", ""),
            "basis": spec.get("basis", ""), "blank_form": spec.get("blank_form"), "sample": spec.get("sample")}


def _online(online: dict) -> str:
    if not online.get("enabled"):
        return "不支持网上办理"
    extras = [word for key, word in (("payment", "网上支付"), ("delivery", "物流快递"), ("appointment", "预约办理"),
                                     ("self_service", "自助终端办理")) if online.get(key)]
    depth = label(online.get("depth"), "Implementation", "online", "depth") or "支持网上办理"
    return depth + (f"；支持{'、'.join(extras)}" if extras else "")


def _visits(visits: dict | None) -> str:
    if not visits or visits.get("count") is None:
        return ""
    text = "无需到现场" if visits["count"] == 0 else f"{visits['count']} 次"
    return text + (f"（{visits['reason']}）" if visits.get("reason") else "")


def _result(result: dict) -> str:
    if not result.get("name"):
        return ""
    kind = label(result.get("type"), "Guide", "result", "type")
    extra = [f"有效期：{result['validity']}" if result.get("validity") else "",
             "同时生成电子证照" if result.get("electronic_licence") else ""]
    return result["name"] + (f"（{kind}）" if kind else "") + "".join(f"；{e}" for e in extra if e)


def _basis(entry: dict) -> str:
    head = f"{entry.get('law', '')}{entry.get('article', '')}"
    return f"{head}：{entry['text']}" if entry.get("text") else head


def _fee(fee: dict) -> dict:
    reduction = fee.get("reduction") or {}
    return {"name": fee["name"], "standard": fee.get("standard", ""), "basis": fee.get("basis", ""),
            "note": fee.get("note", ""), "conditional": "condition" in fee,
            "reduction": (reduction.get("basis") or "可依法减免") if reduction.get("allowed") else ""}


def service_guide(doc: dict, index: DefinitionIndex | None = None, applicable: set | None = None) -> dict:
    """The guide of ``doc``; with ``applicable`` (material ids of one scenario) only those materials."""
    catalogue, impl = doc["catalogue"], doc["implementation"]
    guide, limits = doc.get("guide") or {}, doc.get("time_limits") or {}
    if index is None:
        index = DefinitionIndex.build(doc)
    department = impl.get("department") or {}
    body = impl.get("implementing_body") or {}
    delivery = labels((guide.get("result") or {}).get("delivery"), "Guide", "result", "delivery")
    facts = [("实施主体", body.get("name", "")),
             ("办理部门", "".join(p for p in (department.get("name", ""),
                                          f"（{department['section']}）" if department.get("section") else "") if p)
              if department.get("name") != body.get("name") or department.get("section") else ""),
             ("联办机构", "、".join(j.get("name", "") for j in impl.get("joint_departments") or [])),
             ("服务对象", labels(impl.get("service_objects"), "Implementation", "service_objects")),
             ("办件类型", label(impl.get("project_type"), "Implementation", "project_type")),
             ("办理结果", _result(guide.get("result") or {})),
             ("结果送达", delivery),
             ("到现场次数", _visits(impl.get("visits"))),
             ("办理形式", labels(impl.get("handle_forms"), "Implementation", "handle_forms")),
             ("网上办理", _online(impl.get("online") or {})),
             ("通办范围", label(impl.get("handle_area"), "Implementation", "handle_area")),
             ("数量限制", guide.get("quantity_limit", ""))]
    codes = [("基本编码", catalogue.get("basic_code", "")), ("实施编码", impl.get("implementation_code", "")),
             ("业务办理项编码", impl.get("handle_item_code", "")),
             ("事项类型", label(catalogue.get("task_type"), "Catalogue", "task_type")),
             ("行使层级", labels(catalogue.get("use_levels"), "Catalogue", "use_levels")),
             ("权力来源", label(impl.get("power_source"), "Implementation", "power_source"))]
    materials = [_material(m, index) for m in doc.get("materials") or []
                 if applicable is None or m["id"] in applicable]
    charged = bool(doc.get("fees")) or guide.get("charges") is True
    return {
        "name": catalogue["name"], "summary": guide.get("summary", ""),
        "facts": [(k, v) for k, v in facts if v], "codes": [(k, v) for k, v in codes if v],
        "basis": [_basis(b) for b in catalogue.get("legal_basis") or []],
        "conditions": list(guide.get("accept_conditions") or []),
        "materials": materials, "scenario": applicable is not None,
        "process": [{"name": p["name"], "role": p.get("role", ""), "limit": limit_text(p.get("limit")),
                     "description": p.get("description", "")} for p in doc.get("process") or []],
        "flow_description": guide.get("flow_description", ""),
        "time_limits": _time_limits(limits),
        "fees": {"charged": charged, "items": [_fee(f) for f in doc.get("fees") or []],
                 "note": guide.get("fee_note", "") or ("" if charged else "不收费")},
        "locations": [{k: loc.get(k, "") for k in ("name", "address", "hours", "transport")}
                      for loc in guide.get("locations") or []],
        "contact": {"consult_phone": guide.get("consult_phone", ""), "consult_methods": guide.get("consult_methods", ""),
                    "supervise_phone": guide.get("supervise_phone", ""),
                    "supervise_methods": guide.get("supervise_methods", "")},
        "faq": [(f["question"], f["answer"]) for f in guide.get("faq") or []],
        "downloads": [{"name": d["name"], "file": d.get("file")} for d in guide.get("downloads") or []],
        "intermediary": [s if isinstance(s, str) else s.get("name", "") for s in guide.get("intermediary_services") or []],
    }
