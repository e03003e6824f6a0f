"""Field answers: coercion of raw input (JSON or form strings) and per-field value checks.

Every field spec is turned once into a ``FieldCheck`` (pattern compiled, bounds resolved), so a
pre-review run only calls small closures. Problems are (code, params) pairs rendered by
``messages``; nothing here raises on bad input.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from . import identifiers

MAX_GROUP_ROWS = 200
MAX_CHOICES = 200   # ticked options of a multi-choice field (runtime/logic/limits.py assumes these two maxima)
MAX_TEXT = 20000
TEXT_TYPES = frozenset({"text", "textarea", "id_card", "uscc", "mobile", "phone", "email", "region"})
TRUE_WORDS = frozenset({"true", "yes", "1", "on", "是", "y"})
FALSE_WORDS = frozenset({"false", "no", "0", "off", "否", "n"})
EMAIL = re.compile(r"^[^@\s]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
EXPECTED = {"number": "数字", "money": "金额(元,最多两位小数)", "date": "日期(年-月-日)", "yes_no": "是或否",
            "checkbox_group": "选项列表", "group": "列表", "declaration": "勾选"}


class Invalid(Exception):
    """Raised inside coercion only; turned into a ``field.type`` problem by ``coerce``."""


def is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


@dataclass
class FieldCheck:
    id: str
    type: str
    label: str
    spec: dict
    pattern: re.Pattern | None
    option_values: frozenset | None

    # -- coercion -------------------------------------------------------------------------------
    def coerce(self, raw):
        """(value, problem): the typed value of a raw answer, or None with a ``field.type`` problem."""
        if raw is None:
            return None, None
        try:
            return _COERCERS.get(self.type, _coerce_text)(self, raw), None
        except Invalid as exc:
            code = str(exc) or "field.type"
            return None, (code, {"label": self.label, "expected": EXPECTED.get(self.type, "文本")})

    # -- checks -----------------------------------------------------------------------------------
    def check(self, value, today: date):
        """Problems of a non-empty, coerced value."""
        spec, t = self.spec, self.type
        if t in TEXT_TYPES:
            n = len(value)
            if spec.get("min_length") is not None and n < spec["min_length"]:
                yield "field.min_length", {"label": self.label, "limit": spec["min_length"]}
            if spec.get("max_length") is not None and n > spec["max_length"]:
                yield "field.max_length", {"label": self.label, "limit": spec["max_length"]}
            if self.pattern is not None and not self.pattern.fullmatch(value):
                yield "field.pattern", {"label": spec.get("pattern_message") or self.label}
        check = _CHECKERS.get(t)
        if check:
            yield from check(self, value, today)


def build_check(spec: dict) -> FieldCheck:
    pattern = None
    if spec.get("pattern"):
        try:
            pattern = re.compile(spec["pattern"])
        except re.error:
            pattern = None  # reported by lint; an invalid pattern must not block applicants
    options = None
    if spec.get("options"):
        options = frozenset(o["value"] for o in spec["options"])
    return FieldCheck(spec["id"], spec["type"], spec["label"], spec, pattern, options)


# -- coercers ------------------------------------------------------------------------------------
def _coerce_text(check: FieldCheck, raw):
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        raise Invalid()
    text = raw if isinstance(raw, str) else _number_text(raw)
    text = text.replace("\r\n", "\n").strip()
    if "\x00" in text or len(text) > MAX_TEXT:
        raise Invalid()
    if check.type in ("id_card", "uscc"):
        text = text.upper().replace(" ", "")
    return text or None


def _number_text(value) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        raise Invalid()  # never the text "inf" or "nan"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


MAX_NUMBER_DIGITS = 15


def _coerce_number(check: FieldCheck, raw):
    if isinstance(raw, bool):
        raise Invalid()
    if isinstance(raw, str):
        text = raw.strip().replace(",", "")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise Invalid() from None
        # Beyond 15 significant integer digits a browser (JS double) cannot hold the value either; huge
        # exponents would also make int() and str() slow or fail.
        if not number.is_finite() or number.adjusted() > MAX_NUMBER_DIGITS:
            raise Invalid()
        return int(number) if number == number.to_integral_value() else float(number)
    if isinstance(raw, int):
        if abs(raw) >= 10 ** (MAX_NUMBER_DIGITS + 1):
            raise Invalid()
        return raw
    if isinstance(raw, float) and math.isfinite(raw):
        return int(raw) if raw.is_integer() else raw
    raise Invalid()


def _coerce_money(check: FieldCheck, raw):
    """Money answers are integer fen. Strings are what a person types: yuan, up to 2 decimals."""
    if isinstance(raw, bool):
        raise Invalid()
    if isinstance(raw, float):
        if not (math.isfinite(raw) and raw.is_integer()):
            raise Invalid()
        raw = int(raw)
    if isinstance(raw, int):
        if abs(raw) > 10 ** 15:   # as a yuan string (1e13 yuan): beyond it a browser cannot hold whole fen
            raise Invalid()
        return raw
    if isinstance(raw, str):
        text = raw.strip().replace(",", "").replace("¥", "").replace("元", "")
        if not text:
            return None
        try:
            yuan = Decimal(text)
        except InvalidOperation:
            raise Invalid() from None
        if not yuan.is_finite() or yuan.as_tuple().exponent < -2 or abs(yuan) > Decimal("1e13"):
            raise Invalid()
        return int(yuan * 100)
    raise Invalid()


def _coerce_date(check: FieldCheck, raw):
    if not isinstance(raw, str):
        raise Invalid("field.date")
    text = raw.strip()
    if not text:
        return None
    if len(text) != 10:
        raise Invalid("field.date")
    try:
        date.fromisoformat(text)
    except ValueError:
        raise Invalid("field.date") from None
    return text


def _coerce_choice(check: FieldCheck, raw):
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        raise Invalid()
    text = raw if isinstance(raw, str) else _number_text(raw)
    return text.strip() or None


def _coerce_checkbox(check: FieldCheck, raw):
    if isinstance(raw, str):
        raw = [raw] if raw.strip() else []
    if not isinstance(raw, list) or len(raw) > MAX_CHOICES:
        raise Invalid()
    values = []
    for item in raw:
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            raise Invalid()
        text = (item if isinstance(item, str) else _number_text(item)).strip()
        if text and text not in values:
            values.append(text)
    return values or None


def _coerce_bool(check: FieldCheck, raw):
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        word = raw.strip().lower()
        if not word:
            return None
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    raise Invalid()


def _coerce_group(check: FieldCheck, raw):
    """Rows stay raw dicts here; sub-fields are coerced row by row by the pre-review."""
    if isinstance(raw, dict):  # form posts may key rows by index
        try:
            raw = [raw[k] for k in sorted(raw, key=int)]
        except (ValueError, TypeError):
            raise Invalid() from None
    if not isinstance(raw, list) or len(raw) > MAX_GROUP_ROWS:
        raise Invalid()
    if not all(isinstance(row, dict) for row in raw):
        raise Invalid()
    return raw or None


_COERCERS = {
    "number": _coerce_number, "money": _coerce_money, "date": _coerce_date,
    "select": _coerce_choice, "radio": _coerce_choice, "checkbox_group": _coerce_checkbox,
    "yes_no": _coerce_bool, "declaration": _coerce_bool, "group": _coerce_group,
}


# -- checkers ------------------------------------------------------------------------------------
def _bound(value, today: date):
    return today.isoformat() if value == "today" else value


def _check_range(check: FieldCheck, value, today):
    spec = check.spec
    lo, hi = spec.get("min"), spec.get("max")
    shown = (lambda v: f"{v / 100:.2f} 元") if check.type == "money" else (lambda v: v)
    if isinstance(lo, (int, float)) and not isinstance(lo, bool) and value < lo:
        yield "field.min", {"label": check.label, "limit": shown(lo)}
    if isinstance(hi, (int, float)) and not isinstance(hi, bool) and value > hi:
        yield "field.max", {"label": check.label, "limit": shown(hi)}
    decimals = spec.get("decimals")
    if check.type == "number" and decimals is not None and isinstance(value, float):
        if Decimal(repr(value)).as_tuple().exponent < -decimals:
            yield "field.decimals", {"label": check.label, "limit": decimals}


def _check_date(check: FieldCheck, value, today):
    lo, hi = _bound(check.spec.get("min"), today), _bound(check.spec.get("max"), today)
    if isinstance(lo, str) and value < lo:
        yield "field.min", {"label": check.label, "limit": lo}
    if isinstance(hi, str) and value > hi:
        yield "field.max", {"label": check.label, "limit": hi}


def _check_option(check: FieldCheck, value, today):
    if check.option_values is not None and value not in check.option_values:
        yield "field.option", {"label": check.label, "value": value}


def _check_checkbox(check: FieldCheck, value, today):
    for item in value:
        if check.option_values is not None and item not in check.option_values:
            yield "field.option", {"label": check.label, "value": item}
    yield from _check_items(check, value, today)


def _check_items(check: FieldCheck, value, today):
    lo, hi = check.spec.get("min_items"), check.spec.get("max_items")
    if lo is not None and len(value) < lo:
        yield "field.min_items", {"label": check.label, "limit": lo}
    if hi is not None and len(value) > hi:
        yield "field.max_items", {"label": check.label, "limit": hi}


def _check_id_card(check: FieldCheck, value, today):
    problem = identifiers.check_id_card(value, today=today)
    if problem:
        yield f"field.id_card.{problem}", {"label": check.label}


def _check_uscc(check: FieldCheck, value, today):
    problem = identifiers.check_uscc(value)
    if problem:
        yield f"field.uscc.{problem}", {"label": check.label}


def _check_mobile(check: FieldCheck, value, today):
    if not identifiers.is_valid_mobile(value):
        yield "field.mobile", {"label": check.label}


def _check_phone(check: FieldCheck, value, today):
    if not identifiers.is_valid_phone(value):
        yield "field.phone", {"label": check.label}


def _check_email(check: FieldCheck, value, today):
    if not EMAIL.match(value):
        yield "field.email", {"label": check.label}


def _check_region(check: FieldCheck, value, today):
    if identifiers.check_region_code(value):
        yield "field.region", {"label": check.label}
    elif check.spec.get("region_prefix") and not value.startswith(check.spec["region_prefix"]):
        yield "field.region_scope", {"label": check.label}


_CHECKERS = {
    "number": _check_range, "money": _check_range, "date": _check_date,
    "select": _check_option, "radio": _check_option, "checkbox_group": _check_checkbox,
    "group": _check_items, "id_card": _check_id_card, "uscc": _check_uscc, "mobile": _check_mobile,
    "phone": _check_phone, "email": _check_email, "region": _check_region,
}
