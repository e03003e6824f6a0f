"""试填: the author fills the previewed form of the draft being edited (unsaved edits included), ticks
materials as provided, and sees what the applicant would get: the materials with their reasons, the
fees, every finding and what the one-time notice would list. The same pre-review as citizens get
(runtime/engine/prereview.py); a draft that still has checklist entries is tried as far as it compiles."""
from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from runtime import logic, work_calendar
from runtime.engine.compiled_item import CompiledItem, compile_item
from runtime.engine.prereview import prereview
from runtime.engine.problems import has_errors
from runtime.engine.review_result import WARNING, PreReviewResult
from runtime.engine.validation import validate_definition
from runtime.portal.form_binding import bind_fields

MAX_PAIRS = 5000
PROVIDED = "_provided"  # the form name of the "already provided" ticks on materials


@dataclass
class Tryout:
    compiled: CompiledItem
    form: MultiDict
    provided: set
    result: PreReviewResult
    open_errors: int  # checklist entries the draft still has (tried anyway)

    @property
    def notice_items(self) -> list:
        """What the one-time notice lists: everything to supply or correct (advice is not listed)."""
        return [f for f in self.result.findings if f.severity != WARNING]


def form_of(pairs) -> MultiDict:
    """The try form's fields as posted by the page: [[name, value], …] (bounded)."""
    if not isinstance(pairs, list):
        return MultiDict()
    return MultiDict([(str(p[0]), str(p[1])[:2000]) for p in pairs[:MAX_PAIRS]
                      if isinstance(p, (list, tuple)) and len(p) == 2])


def run(definition, form: MultiDict) -> Tryout | str:
    """The tryout, or why there is none (a Chinese message)."""
    if not isinstance(definition, dict):
        return "事项定义不是 JSON 对象"
    problems = validate_definition(definition)
    errors = sum(1 for p in problems if p.severity == "error")
    try:
        compiled = compile_item(definition, validate=False) if has_errors(problems) else compile_item(definition)
        answers = bind_fields(list(compiled.fields.values()), form)
        answers = {k: v for k, v in answers.items() if v not in (None, "", [])}
        provided = {m.id for m in compiled.materials} & set(form.getlist(PROVIDED))
        result = prereview(compiled, {"answers": answers, "materials": {m: {"received": True} for m in provided}},
                           calendar=work_calendar.calendar())
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, logic.LogicError):
        return f"草稿还有 {errors} 项需要完善,完善后才能试填" if errors else "草稿的内容还不完整,暂时不能试填"
    return Tryout(compiled, form, provided, result, errors)
