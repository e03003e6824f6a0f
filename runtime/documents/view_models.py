"""What each document shows, computed from the definition, a pre-review result (its ``to_dict()``,
as stored with the application) and the issuing context. Pure: no Flask, no database, no HTML."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from runtime.engine.element_display import display, schema_node
from runtime.engine.workdays import CalendarRangeError, default_calendar

from . import decisions
from .decisions import DECISION_KINDS
from .service_guide import copies_text, service_guide
from .wording import COPY_NAMES

KINDS = ("receipt", "one_time_notice", "acceptance_notice", "acceptance_slip", "rejection_notice", "fee_notice", "guide",
         *DECISION_KINDS)
UNITS = {"working_day": "个工作日", "natural_day": "日"}


@dataclass
class DocumentContext:
    number: str = ""
    issued_on: str = ""                  # ISO date; defaults to today
    application_number: str = ""
    case_number: str = ""                # 受理编号, once accepted
    applicant: dict = field(default_factory=dict)
    clerk: str = ""
    clerk_phone: str = ""
    reasons: list = field(default_factory=list)     # rejection: specific reasons
    authority: str = ""                  # rejection: the competent authority, when outside our remit
    calendar: object = None              # WorkCalendar incl. administrator-entered years; default: bundled
    received_at: str = ""                # receipt: local "YYYY-MM-DD HH:MM" of the submission
    channel: str = "online"              # receipt: online | window


def cn_date(iso: str | None) -> str:
    if not iso:
        return "____年__月__日"
    y, m, d = str(iso)[:10].split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def yuan(fen) -> str:
    return f"{(fen or 0) / 100:,.2f} 元"


def duration(limit: dict | None) -> str:
    if not limit:
        return ""
    return f"{limit.get('value')} {UNITS.get(limit.get('unit'), '日')}"


def _requirement(req: dict | None) -> str:
    if not req:
        return ""
    counts = copies_text({"original": req.get("originals"), "copy": req.get("copies")})
    parts = [counts or req.get("kind_label", ""), req.get("media_label", "")]   # "原件 1 份" says 原件 already
    if req.get("paper_spec"):
        parts.append(f"规格 {req['paper_spec']}")
    if req.get("issuer"):
        parts.append(f"出具机关:{req['issuer']}")
    return ";".join(p for p in parts if p)


def _fees(result: dict) -> tuple[list, int]:
    """(fee lines, total fen) from a result dict: {"fees": {"items": [...], "total_fen": n}}."""
    fees = result.get("fees") or {}
    return list(fees.get("items") or []), int(fees.get("total_fen") or 0)


def _header(doc: dict, result: dict, ctx: DocumentContext, kind: str) -> dict:
    applicant = ctx.applicant or {}
    impl = doc["implementation"]
    return {
        "kind": kind, "number": ctx.number, "item_name": doc["catalogue"]["name"],
        "implementation_code": impl["implementation_code"],
        "applicant_name": applicant.get("name", ""),
        # Full numbers on paper: the notice is the applicant's own legal voucher and goes into the case file.
        "applicant_id": applicant.get("credit_code") or applicant.get("id_number", ""),
        "applicant_id_label": "统一社会信用代码" if applicant.get("credit_code") else "证件号码",
        "contact": applicant.get("legal_person") or applicant.get("name", ""), "phone": applicant.get("mobile", ""),
        "received": cn_date((result.get("deadlines") or {}).get("received_on")),
        "application_number": ctx.application_number, "case_number": ctx.case_number,
        "accepted": cn_date((result.get("deadlines") or {}).get("accepted_on")) if ctx.case_number else "",
    }


def _footer(doc: dict, ctx: DocumentContext) -> dict:
    documents, guide = doc.get("documents") or {}, doc.get("guide") or {}
    copies = int(documents.get("copies", 2))
    return {"issuer": documents.get("issuer") or doc["implementation"]["implementing_body"]["name"],
            "seal_name": documents.get("seal_name", "专用章"), "issued": cn_date(ctx.issued_on or date.today().isoformat()),
            "clerk": ctx.clerk, "clerk_phone": ctx.clerk_phone, "consult": guide.get("consult_phone", ""),
            "supervise": guide.get("supervise_phone", "12345"), "copies": copies,
            "copy_names": COPY_NAMES.get(copies, "")}


def _supplement_deadline(doc: dict, ctx: DocumentContext) -> str:
    limit = (doc.get("time_limits") or {}).get("supplement")
    if not limit:
        return ""
    start = date.fromisoformat(ctx.issued_on) if ctx.issued_on else date.today()
    try:
        return cn_date((ctx.calendar or default_calendar()).due_date(start, int(limit["value"]), limit.get("unit", "working_day")).isoformat())
    except CalendarRangeError:
        return f"收到本告知书之日起 {duration(limit)}内"


RECEIVED = ("provided", "received", "shared", "pledged")


def _due_after(start_iso: str | None, days: int, ctx: DocumentContext) -> str:
    if not start_iso or not days:
        return ""
    try:
        return cn_date((ctx.calendar or default_calendar()).due_date(date.fromisoformat(start_iso), int(days),
                                                                     "working_day").isoformat())
    except CalendarRangeError:
        return f"受理之日起 {days} 个工作日内"


def _acceptance_materials(doc: dict, result: dict, ctx: DocumentContext) -> tuple[list, list]:
    """(received, 容缺) materials of an acceptance. A 容缺 material is due its own ``supplement_days``
    working days after acceptance, else by the case's 容缺 deadline (``tolerated_until``). When the clerk
    accepted in full (deadlines say ``tolerated`` False), a material pre-review saw as 容缺 was received."""
    deadlines = result.get("deadlines") or {}
    in_full = deadlines.get("tolerated") is False
    specs = {m["id"]: m for m in doc.get("materials") or []}
    received, tolerated = [], []
    for m in result.get("materials", []):
        row = {"name": m["name"], "requirement": _requirement(m.get("requirement")), "status": m.get("status")}
        if m.get("status") in RECEIVED or (in_full and m.get("status") == "tolerated"):
            received.append(row)
        elif m.get("status") == "tolerated":
            days = (specs.get(m.get("id")) or {}).get("supplement_days")
            row["due"] = _due_after(deadlines.get("accepted_on") or deadlines.get("received_on"), days, ctx) if days else \
                cn_date(deadlines.get("tolerated_until")) if deadlines.get("tolerated_until") else "受理之日起 10 个工作日内"
            tolerated.append(row)
    return received, tolerated


RECEIPT_STATUS = {"provided": "已提交", "received": "已提交", "shared": "由部门共享获取，免于提交", "pledged": "以告知承诺替代",
                  "tolerated": "未提交，申请容缺后补", "missing": "未提交", "invalid": "已提交，待核对"}


def _receipt(doc: dict, result: dict, ctx: DocumentContext, words: dict, fmt: dict) -> dict:
    """收件凭证: what was received and when, and what happens next; nothing that reads as acceptance."""
    deadlines = result.get("deadlines") or {}
    received_at = ctx.received_at or deadlines.get("received_on") or ""
    when = cn_date(received_at[:10]) + (f" {received_at[11:16]}" if len(received_at) >= 16 else "")
    materials = [{"name": m["name"], "status": RECEIPT_STATUS.get(m.get("status"), "已提交"),
                  "files": f"{m['files']} 个文件" if m.get("files") else ""} for m in result.get("materials", [])]
    licensing = (doc.get("catalogue") or {}).get("task_type") == "01"
    return {"received_at": when, "materials": materials,
            "opening": words["receipt.opening"].format(
                received_at=when, item=fmt["item"], number=ctx.application_number or "（未编号）",
                channel=words["receipt.channel_window" if ctx.channel == "window" else "receipt.channel_online"]),
            "not_acceptance": words["receipt.not_acceptance"],
            "next": words["receipt.next"].format(notice_due=cn_date(deadlines.get("notice_due"))),
            "deemed": words["receipt.deemed_accepted"] if licensing else "",
            "progress": words["acceptance.progress"].format(number=ctx.application_number,
                                                            phone=(doc.get("guide") or {}).get("consult_phone", ""))}


def build(kind: str, doc: dict, result: dict, ctx: DocumentContext, words: dict) -> dict:
    if kind not in KINDS:
        raise ValueError(kind)
    model = {"header": _header(doc, result, ctx, kind), "footer": _footer(doc, ctx), "title": words[f"title.{kind}"]}
    head, deadlines = model["header"], result.get("deadlines") or {}
    fmt = {"received": head["received"], "item": head["item_name"]}
    if kind == "one_time_notice":
        items = []
        for f in result.get("findings", []):
            if f.get("severity") == "warning":
                continue
            items.append({"name": f.get("message"), "severity": f.get("severity_label", ""),
                          "requirement": _requirement(f.get("requirement")),
                          "basis": (f.get("requirement") or {}).get("basis", "")})
        model.update(items=items, opening=words["one_time.opening"].format(**fmt),
                     deadline=words["one_time.deadline"].format(
                         deadline=_supplement_deadline(doc, ctx),
                         channel=(doc.get("documents") or {}).get("supplement_channel", "")),
                     from_complete=words["one_time.from_complete"])
    elif kind in ("acceptance_notice", "acceptance_slip"):
        limits = doc.get("time_limits") or {}
        received, tolerated = _acceptance_materials(doc, result, ctx)
        if tolerated:
            model["title"] = words.get(f"title.{kind}_tolerated", model["title"])
        model.update(
            promised_date=cn_date(deadlines.get("promised_date")),
            opening=words["acceptance.opening_tolerated" if tolerated else "acceptance.opening"].format(**fmt),
            limits=words["acceptance.limits"].format(legal=duration(limits.get("legal")),
                                                     promised=duration(limits.get("promised")),
                                                     promised_date=cn_date(deadlines.get("promised_date"))),
            special=[words["acceptance.special"].format(name=s["name"], limit=duration(s.get("limit")))
                     for s in limits.get("special_procedures", [])],
            materials=received, tolerated=tolerated,
            tolerated_consequence=words["acceptance.tolerated_consequence" if kind == "acceptance_notice" else
                                        "acceptance.tolerated_consequence_short"] if tolerated else "",
            fees=_fees(result)[0], fee_total=yuan(_fees(result)[1]),
            progress=words["acceptance.progress"].format(number=ctx.application_number or head["number"],
                                                         phone=model["footer"]["consult"]),
            delivery=words["acceptance.delivery"].format(delivery="、".join(
                display((doc.get("guide") or {}).get("result", {}).get("delivery", []),
                        schema_node("Guide", "result", "delivery"))) or "窗口领取"))
    elif kind == "receipt":
        model.update(_receipt(doc, result, ctx, words, fmt))
    elif kind == "rejection_notice":
        documents = doc.get("documents") or {}
        model.update(opening=words["rejection.opening"].format(**fmt), reasons=ctx.reasons or ["(未填写理由)"],
                     authority=words["rejection.authority"].format(authority=ctx.authority) if ctx.authority else "",
                     remedy=words["rejection.remedy"].format(review=documents.get("review_authority", "本级人民政府"),
                                                             court=documents.get("court", "有管辖权的人民法院")),
                     returned=words["rejection.return"])
    elif kind in DECISION_KINDS:
        model.update(decisions.model(kind, doc, ctx, words, fmt))
    elif kind == "fee_notice":
        fees = [{"name": f["name"], "standard": f.get("standard", ""), "basis": f.get("basis", ""),
                 "amount": yuan(f.get("amount_fen"))} for f in _fees(result)[0]]
        model.update(opening=words["fee.opening"].format(**fmt) if fees else words["fee.none"], fees=fees,
                     total=yuan(_fees(result)[1]))
    elif kind == "guide":
        applicable = {m["id"] for m in result.get("materials", [])} if result.get("materials") else None
        model.update(guide=service_guide(doc, applicable=applicable))
    return model
