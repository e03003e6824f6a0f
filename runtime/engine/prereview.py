"""Automatic pre-review (自动预审): one application against one compiled item, every finding at once.

Input is untrusted JSON (answers, material file metadata, applicant, licences held, date). The
run never raises on bad input: anything malformed becomes a finding. Order of work:

1. coerce answers by field type; drop answers to unknown or hidden fields (fixed point, since
   visibility depends on answers);
2. evaluate computed values in dependency order;
3. check every visible field, the applicant record, every applicable material and every rule;
4. itemise fees; count the promised and legal completion dates on the working-day calendar;
5. decide the outcome: 需补正 if anything blocks, else 容缺受理 if anything is tolerated, else 可受理.
"""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from runtime import logic, strict_json

from . import identifiers
from .compiled_item import CompiledItem
from .condition_text import describe
from .fields import is_empty
from .messages import render
from .review_result import (ACCEPTABLE, BLOCKING, NEEDS_CORRECTION, TOLERATED, TOLERATED_ACCEPTANCE, WARNING,
                            Deadlines, FeeLine, Finding, MaterialLine, PreReviewResult)
from .workdays import WorkCalendar, default_calendar

truthy = logic.truthy
MAX_VISIBILITY_PASSES = 6
KIND_LABEL = {"original": "原件", "copy": "复印件", "original_and_copy": "原件和复印件"}
MEDIA_LABEL = {"paper": "纸质", "electronic": "电子", "paper_and_electronic": "纸质和电子"}
APPLICANT_TEXT_KEYS = ("type", "name", "id_type", "id_number", "mobile", "phone", "credit_code", "address", "email",
                       "legal_representative")
ID_CARD_TYPE = "111"  # GA/T 2000.156: 居民身份证


def prereview(item: CompiledItem, application, *, today: date | None = None,
              calendar: WorkCalendar | None = None, deadlines: bool = True) -> PreReviewResult:
    """``deadlines=False`` leaves the completion dates out (a form page that shows none of them need
    not load the working-day calendar); all other findings are the same."""
    application = application if isinstance(application, dict) else {}
    received = _parse_date(application.get("submitted_on")) or today or date.today()
    today = today or received
    channel = application.get("channel") if application.get("channel") in ("online", "window") else "online"
    findings: list[Finding] = []

    answers, ignored, coercion_problems = _coerce_answers(item, application.get("answers"))
    licences = _licences(application.get("licences"))
    provided = _provided_materials(item, application.get("materials"), licences)
    ctx = {
        "answers": answers,
        "computed": {},
        "applicant": _applicant(application.get("applicant")),
        "materials": provided,
        "licences": licences,
        "today": today.isoformat(),
    }
    failed: dict = {}   # conditions that could not be evaluated: site -> label (reported below)
    hidden: list = []
    visible = _settle_visibility(item, ctx, answers, failed, hidden)
    ignored = sorted(ignored + hidden)
    _evaluate_computed(item, ctx, failed)

    findings.extend(_field_findings(item, ctx, visible, coercion_problems, today, failed))
    findings.extend(_applicant_findings(ctx["applicant"], today))
    material_lines = _materials(item, ctx, application.get("materials"), channel, findings, failed)
    findings.extend(_rule_findings(item, ctx))
    findings.extend(_condition_findings(failed))
    fee_lines, total = _fees(item, ctx, findings)
    deadlines = _deadlines(item, received, calendar, findings) if deadlines else Deadlines(received.isoformat())

    _number_repeated_ids(findings)
    if any(f.severity == BLOCKING for f in findings):
        outcome = NEEDS_CORRECTION
    elif any(f.severity == TOLERATED for f in findings):
        outcome = TOLERATED_ACCEPTANCE
    else:
        outcome = ACCEPTABLE
    return PreReviewResult(
        item={"name": item.name, "implementation_code": item.implementation_code,
              "basic_code": item.doc["catalogue"]["basic_code"], "version": item.doc.get("version"),
              "checksum": item.checksum},
        outcome=outcome,
        findings=findings,
        materials=material_lines,
        fees=fee_lines,
        fee_total_fen=total,
        deadlines=deadlines,
        computed=ctx["computed"],
        visible_fields=sorted(visible),
        ignored_answers=ignored,
    )


def _number_repeated_ids(findings) -> None:
    """Finding ids are unique in a result (pages, clerks' marks and documents address findings by id):
    a repeat of an id, should two checks ever build the same one, gets ":2", ":3" …"""
    if len({finding.id for finding in findings}) == len(findings):
        return   # the usual case, checked at C speed
    seen = set()
    for finding in findings:
        if finding.id in seen:
            n = 2
            while f"{finding.id}:{n}" in seen:
                n += 1
            finding.id = f"{finding.id}:{n}"
        seen.add(finding.id)


def _parse_date(value) -> date | None:
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


# -- answers and context ---------------------------------------------------------------------------
def _coerce_answers(item: CompiledItem, raw):
    """Typed answers for known fields; unknown keys are reported back, never stored or evaluated."""
    raw = raw if isinstance(raw, dict) else {}
    answers, problems, ignored = {}, {}, []
    for key, value in raw.items():
        field = item.fields.get(key) if isinstance(key, str) else None
        if field is None:
            ignored.append(str(key)[:100])
            continue
        typed, problem = field.check.coerce(value)
        if problem:
            problems[key] = problem
        elif field.sub_fields and typed:
            typed, row_problems = _coerce_rows(field, typed)
            problems.update(row_problems)
        if typed is not None:
            answers[key] = typed
    return answers, sorted(ignored), problems


def _coerce_rows(field, rows):
    subs = {s.id: s for s in field.sub_fields}
    clean_rows, problems = [], {}
    for i, row in enumerate(rows):
        clean = {}
        for key, value in row.items():
            sub = subs.get(key)
            if sub is None:
                continue
            typed, problem = sub.check.coerce(value)
            if problem:
                problems[(field.id, i, key)] = problem
            elif typed is not None:
                clean[key] = typed
        clean_rows.append(clean)
    return clean_rows, problems


def _licences(raw) -> dict:
    if isinstance(raw, dict):
        return {str(k): True for k, v in raw.items() if v}
    if isinstance(raw, list):
        return {str(k): True for k in raw if isinstance(k, (str, int))}
    return {}


def _applicant(raw) -> dict:
    raw = raw if isinstance(raw, dict) else {}
    out = {}
    for key in APPLICANT_TEXT_KEYS:
        value = raw.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            out[key] = str(value).strip()[:200]
    if "id_number" in out:
        out["id_number"] = out["id_number"].upper()
    return out


def _files_of(entry) -> list:
    files = entry.get("files") if isinstance(entry, dict) else None
    return [f for f in files if isinstance(f, dict)] if isinstance(files, list) else []


def _provided_materials(item: CompiledItem, raw, licences) -> dict:
    raw = raw if isinstance(raw, dict) else {}
    out = {}
    for material in item.materials:
        entry = raw.get(material.id)
        entry = entry if isinstance(entry, dict) else {}
        files = _files_of(entry)
        source = material.spec["source"]
        shared = source["channel"] == "government" and source.get("licence_type") in licences
        pledged = bool(material.spec.get("pledge_allowed")) and entry.get("pledged") is True
        received = entry.get("received") is True
        out[material.id] = {"provided": bool(files) or received or shared or pledged, "files": len(files),
                            "pledged": pledged, "shared": shared}
    return out


# Where a condition sits: its finding's site and the label shown, built only when one fails (pre-review
# evaluates hundreds of conditions per application; formatting both texts for each cost it about 5 %).
_SITES = {
    "step": lambda step: (f"step:{step.id}:visible_if", f"步骤“{step.title}”的显示条件"),
    "visible_if": lambda field: (f"field:{field.id}:visible_if", f"字段“{field.check.label}”的显示条件"),
    "required_if": lambda field: (f"field:{field.id}:required_if", f"字段“{field.check.label}”的必填条件"),
    "material": lambda material: (f"material:{material.id}:required_if", f"材料“{material.spec['name']}”的适用条件"),
}


def _holds(compiled, ctx, failed, where, subject) -> bool:
    """A condition's truth. One that cannot be evaluated (its cost budget ran out, runtime/logic/budget.py)
    counts as true, the cautious reading for visible/required conditions, and is reported once per site
    (``where`` is a key of _SITES, ``subject`` the step, field or material)."""
    try:
        return truthy(compiled(ctx))
    except Exception:  # noqa: BLE001 - never break the applicant's review
        if failed is not None:
            failed.setdefault(*_SITES[where](subject))
        return True


def _condition_findings(failed):
    for site, label in failed.items():
        params = {"where": label}
        yield Finding(f"condition:{site}", "condition", "condition.error", WARNING,
                      render("condition.error", **params), {}, params)


def _settle_visibility(item: CompiledItem, ctx, answers, failed=None, discarded=None) -> set:
    """Fields hidden by their own or their step's condition lose their answers, and so do sub-fields
    hidden in a row of a repeating group; repeat until the set of visible fields stops changing
    (answers of hidden fields must not drive conditions). ``discarded`` receives what was dropped."""
    all_answers = dict(answers)
    visible = set()
    row_drops: list = []
    for _ in range(MAX_VISIBILITY_PASSES):
        now = set()
        for step in item.steps:
            if step.visible_if is not None and not _holds(step.visible_if, ctx, failed, "step", step):
                continue
            for field in step.fields:
                if field.visible_if is None or _holds(field.visible_if, ctx, failed, "visible_if", field):
                    now.add(field.id)
        ctx["answers"] = {k: v for k, v in all_answers.items() if k in now}
        row_drops = _settle_rows(item, ctx, now, failed)
        if now == visible:
            break
        visible = now
    if discarded is not None:
        discarded.extend(k for k in all_answers if k not in visible)
        discarded.extend(row_drops)
    answers.clear()
    answers.update(ctx["answers"])
    ctx["answers"] = answers
    return visible


def _settle_rows(item: CompiledItem, ctx, visible, failed) -> list:
    """Per row of each visible repeating group, drop the answers of sub-fields hidden in that row (a
    fixed point within the row, whose sub-fields may depend on each other). Returns what was dropped,
    as "group[i].sub"."""
    answers, dropped = ctx["answers"], []
    for group_id, conditions in item.row_conditions.items():
        rows = answers.get(group_id)
        if group_id not in visible or not isinstance(rows, list):
            continue
        clean_rows = []
        for i, row in enumerate(rows):
            shown = row
            for _ in range(MAX_VISIBILITY_PASSES):
                row_ctx = dict(ctx, row=shown)
                now = {k: v for k, v in row.items()
                       if k not in conditions or _holds(conditions[k].visible_if, row_ctx, failed, "visible_if",
                                                        conditions[k])}
                if now == shown:
                    break
                shown = now
            dropped.extend(f"{group_id}[{i}].{k}" for k in row if k not in shown)
            clean_rows.append(shown)
        answers[group_id] = clean_rows
    return dropped


def _evaluate_computed(item: CompiledItem, ctx, failed=None) -> None:
    for cid, compiled in item.computed:
        try:
            # NaN from arithmetic on a missing number is null, as in JSON.stringify: strict JSON to store
            ctx["computed"][cid] = strict_json.finite(compiled(ctx))
        except Exception:  # noqa: BLE001 - a computed value must never break the review
            ctx["computed"][cid] = None
            if failed is not None:
                failed.setdefault(f"computed:{cid}", f"计算值“{cid}”")


# -- fields ----------------------------------------------------------------------------------------
def _finding_for_field(field_id, path, code, params, severity=BLOCKING, multi=False) -> Finding:
    # One finding per (answer, problem); a multi-choice answer has one per invalid option.
    key = f"field:{path}:{code}:{params.get('value')}" if multi and code == "field.option" else f"field:{path}:{code}"
    return Finding(id=key, kind="field", code=code, severity=severity,
                   message=render(code, **params), target={"field": field_id, "path": path}, params=params)


def _is_required(field, ctx, failed=None) -> bool:
    return field.required or (field.required_if is not None and _holds(
        field.required_if, ctx, failed, "required_if", field))


def _field_findings(item: CompiledItem, ctx, visible, coercion_problems, today, failed=None):
    answers = ctx["answers"]
    for step in item.steps:
        for field in step.fields:
            if field.id not in visible:
                continue
            path = f"answers.{field.id}"
            if field.id in coercion_problems:
                code, params = coercion_problems[field.id]
                yield _finding_for_field(field.id, path, code, params)
                continue
            value = answers.get(field.id)
            yield from _value_findings(field, value, path, ctx, today, failed)
            if field.sub_fields and value:
                yield from _row_findings(field, value, ctx, coercion_problems, today, failed)


def _value_findings(field, value, path, ctx, today, failed=None):
    check = field.check
    if check.type == "declaration":
        if value is not True and _is_required(field, ctx, failed):
            yield _finding_for_field(field.id, path, "field.declaration", {"label": check.label})
        return
    if is_empty(value):
        if _is_required(field, ctx, failed):
            yield _finding_for_field(field.id, path, "field.required", {"label": check.label})
        return
    for code, params in check.check(value, today):
        yield _finding_for_field(field.id, path, code, params, multi=check.type == "checkbox_group")


def _row_findings(field, rows, ctx, coercion_problems, today, failed=None):
    for i, row in enumerate(rows):
        row_ctx = dict(ctx)
        row_ctx["row"] = row
        for sub in field.sub_fields:
            if sub.visible_if is not None and not _holds(sub.visible_if, row_ctx, failed, "visible_if", sub):
                continue
            path = f"answers.{field.id}[{i}].{sub.id}"
            problem = coercion_problems.get((field.id, i, sub.id))
            if problem:
                code, params = problem
                params = dict(params, label=f"{field.check.label}第 {i + 1} 项的{params['label']}")
                yield _finding_for_field(sub.id, path, code, params)
                continue
            for finding in _value_findings(sub, row.get(sub.id), path, row_ctx, today, failed):
                label = f"{field.check.label}第 {i + 1} 项的{sub.check.label}"
                params = dict(finding.params, label=label)
                yield _finding_for_field(sub.id, path, finding.code, params,
                                         multi=sub.check.type == "checkbox_group")


def _applicant_findings(applicant, today):
    """The real-name record itself: an 18-digit ID card number must pass its check digit."""
    number = applicant.get("id_number")
    if number and applicant.get("id_type", ID_CARD_TYPE) == ID_CARD_TYPE and applicant.get("type") != "organization":
        problem = identifiers.check_id_card(number, today=today)
        if problem:
            code = f"field.id_card.{problem}"
            params = {"label": "申请人身份证号码"}
            yield Finding(id=f"applicant:id_number:{code}", kind="applicant", code=code, severity=BLOCKING,
                          message=render(code, **params), target={"applicant": "id_number"}, params=params)
    code = applicant.get("credit_code")
    if code and identifiers.check_uscc(code):
        problem = identifiers.check_uscc(code)
        fcode = f"field.uscc.{problem}"
        params = {"label": "申请单位统一社会信用代码"}
        yield Finding(id=f"applicant:credit_code:{fcode}", kind="applicant", code=fcode, severity=BLOCKING,
                      message=render(fcode, **params), target={"applicant": "credit_code"}, params=params)


# -- materials -------------------------------------------------------------------------------------
def _requirement(spec: dict) -> dict:
    copies = spec.get("copies") or {}
    source = spec["source"]
    return {"kind": spec["kind"], "kind_label": KIND_LABEL[spec["kind"]], "media": spec["media"],
            "media_label": MEDIA_LABEL[spec["media"]], "originals": copies.get("original"),
            "copies": copies.get("copy"), "paper_spec": spec.get("paper_spec"), "issuer": source.get("issuer"),
            "acceptance_standard": spec.get("acceptance_standard"), "basis": spec.get("basis")}


def _reason(material, item: CompiledItem) -> str:
    spec = material.spec
    if material.required_if is None:
        return render("reason.always")
    if spec.get("reason"):
        # The text reads "因<reason>"; an author's own leading 因/因为 would make it "因因…".
        return render("reason.condition", condition=_without_prefix(spec["reason"].strip(), ("因为", "因")))
    text = describe(spec["required_if"], item.index)
    return render("reason.condition", condition=text) if text else "符合本材料的适用情形"


def _without_prefix(text: str, prefixes) -> str:
    for prefix in prefixes:
        if text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix):]
    return text


def _size_text(size_bytes) -> str:
    return f"{size_bytes / 1024 / 1024:.1f} MB" if size_bytes >= 1024 * 1024 else f"{max(1, size_bytes // 1024)} KB"


def _file_findings(spec, files):
    electronic = spec.get("electronic") or {}
    formats = electronic.get("formats")
    max_kb = electronic.get("max_size_kb")
    max_files = electronic.get("max_files")
    mid, name = spec["id"], spec["name"]
    if max_files and len(files) > max_files:
        params = {"name": name, "limit": max_files, "count": len(files)}
        yield "material.too_many", params, f"material:{mid}:too_many"
    for i, f in enumerate(files):
        file_name = str(f.get("name", f"文件{i + 1}"))[:100]
        fmt = f.get("format")
        if formats and fmt not in formats:
            params = {"name": name, "file": file_name, "format": fmt if isinstance(fmt, str) else "未知",
                      "allowed": "、".join(formats)}
            yield "material.format", params, f"material:{mid}:format:{i}"
        size = f.get("size")
        if max_kb and isinstance(size, int) and not isinstance(size, bool) and size > max_kb * 1024:
            params = {"name": name, "file": file_name, "size": _size_text(size), "limit": _size_text(max_kb * 1024)}
            yield "material.size", params, f"material:{mid}:size:{i}"


def _materials(item: CompiledItem, ctx, raw, channel, findings, failed=None) -> list:
    raw = raw if isinstance(raw, dict) else {}
    lines = []
    for material in item.materials:
        if material.required_if is not None and not _holds(material.required_if, ctx, failed, "material", material):
            continue
        spec, state = material.spec, ctx["materials"][material.id]
        requirement = _requirement(spec)
        files = _files_of(raw.get(material.id))
        target = {"material": material.id}
        status = None
        if files:
            problems = list(_file_findings(spec, files))
            for code, params, fid in problems:
                findings.append(Finding(fid, "material", code, BLOCKING, render(code, **params), target, params,
                                        requirement))
            status = "invalid" if problems else "provided"
        elif state["shared"]:
            status = "shared"
        elif state["pledged"]:
            status = "pledged"
        elif state["provided"]:
            status = "received"
        elif spec["media"] == "paper" and channel == "online":
            status = "bring_paper"
        else:
            status = _missing(spec, requirement, target, findings)
        lines.append(MaterialLine(material.id, spec["name"], spec["necessity"], _reason(material, item), status,
                                  len(files), requirement))
    return lines


def _missing(spec, requirement, target, findings) -> str:
    params = {"name": spec["name"]}
    if spec["necessity"] == "required":
        findings.append(Finding(f"material:{spec['id']}:missing", "material", "material.missing", BLOCKING,
                                render("material.missing", **params), target, params, requirement))
        return "missing"
    if spec["necessity"] == "tolerated":
        params["days"] = spec.get("supplement_days")
        findings.append(Finding(f"material:{spec['id']}:tolerated", "material", "material.tolerated", TOLERATED,
                                render("material.tolerated", **params), target, params, requirement))
        return "tolerated"
    return "optional_missing"


# -- rules and fees --------------------------------------------------------------------------------
def _rule_findings(item: CompiledItem, ctx):
    for rule in item.rules:
        spec = rule.spec
        try:
            fired = truthy(rule.when(ctx))
        except Exception:  # noqa: BLE001 - report, never crash the applicant's review
            params = {"rule": spec.get("name") or spec["id"]}
            yield Finding(f"rule:{spec['id']}:error", "rule", "rule.message_error", WARNING,
                          render("rule.message_error", **params), {}, params)
            continue
        if fired:
            target = dict(spec.get("target") or {})
            if "field" in target:
                target["path"] = f"answers.{target['field']}"
            message = _fill_placeholders(spec["message"], ctx)
            yield Finding(f"rule:{spec['id']}", "rule", f"rule.{spec['id']}", spec["severity"], message, target,
                          {"rule": spec.get("name") or spec["id"]})


def _fill_placeholders(template: str, ctx) -> str:
    out, i = [], 0
    while i < len(template):
        start = template.find("{", i)
        end = template.find("}", start + 1) if start >= 0 else -1
        if start < 0 or end < 0:
            out.append(template[i:])
            break
        out.append(template[i:start])
        out.append(_display(_lookup(ctx, template[start + 1:end].strip())))
        i = end + 1
    return "".join(out)


def _lookup(ctx, path: str):
    node = ctx
    for part in path.split("."):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def _display(value) -> str:
    if value is None:
        return "(未填写)"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "、".join(_display(v) for v in value if not isinstance(v, (dict, list)))
    if isinstance(value, dict):
        return ""
    return str(value)[:200]


def _fees(item: CompiledItem, ctx, findings):
    lines, total = [], 0
    for fee in item.fees:
        spec = fee.spec
        try:
            if fee.condition is not None and not truthy(fee.condition(ctx)):
                continue
            amount = fee.amount if isinstance(fee.amount, int) else round_fen(fee.amount(ctx))
        except Exception:  # noqa: BLE001
            amount = None
        if amount is None:
            params = {"name": spec["name"]}
            findings.append(Finding(f"fee:{spec['id']}:error", "fee", "fee.amount_error", WARNING,
                                    render("fee.amount_error", **params), {"fee": spec["id"]}, params))
        else:
            total += amount
        lines.append(FeeLine(spec["id"], spec["name"], amount, spec["standard"], spec["basis"], spec.get("reduction")))
    return lines, total


_MICRO_FEN = Decimal("0.000001")
MAX_FEN = 10 ** 15   # a hundred billion yuan; beyond it a double no longer holds whole fen


def round_fen(value) -> int | None:
    """A computed amount in whole fen, rounded half up. The arithmetic is JavaScript's (binary doubles,
    as the browser computes), so 1.005 元 × 100 is 100.49999999999999: the noise below a millionth of a
    fen is rounded away first, giving 100.5 and then 101 fen, as a person computing in decimals would."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if value != value or not 0 <= value <= MAX_FEN:   # NaN, negative, infinite or absurd: not an amount
        return None
    if isinstance(value, int):
        return value
    exact = Decimal(repr(value)).quantize(_MICRO_FEN, rounding=ROUND_HALF_EVEN)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


# -- deadlines -------------------------------------------------------------------------------------
def _deadlines(item: CompiledItem, received: date, calendar, findings) -> Deadlines:
    limits = item.time_limits
    promised, legal = limits["promised"], limits["legal"]
    count_start = limits.get("count_start_day", False)
    result = Deadlines(received_on=received.isoformat(), unit=promised["unit"], promised_days=promised["value"],
                       legal_days=legal["value"])
    calendar = calendar or default_calendar()
    dates = {
        "promised_date": lambda: calendar.due_date(received, promised["value"], promised["unit"],
                                                   count_start_day=count_start),
        "legal_date": lambda: calendar.due_date(received, legal["value"], legal["unit"], count_start_day=count_start),
        "notice_due": lambda: calendar.add_working_days(received, limits.get("notice_days", 5)),
    }
    for name, compute in dates.items():
        # Each date on its own: a short one (the 5-day 补正告知 date in late December) needs only known years.
        try:
            setattr(result, name, compute().isoformat())
        except ValueError as exc:   # CalendarRangeError (a year without holiday data) or an absurd span
            if result.error is None:
                result.error = str(exc)
                params = {"detail": str(exc)}
                findings.append(Finding("deadline:calendar", "deadline", "deadline.calendar", WARNING,
                                        render("deadline.calendar", **params), {}, params))
    return result
