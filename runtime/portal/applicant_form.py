"""The fixed first page of every application: who applies (person or organisation). Checked with the
national ID and credit-code rules; stored as the engine's ``applicant`` object."""
from __future__ import annotations

from flask_babel import gettext as _

from runtime.engine import identifiers
from runtime.engine.messages import render

USCC_LABEL = "统一社会信用代码"

FIELDS = ("type", "name", "id_number", "credit_code", "legal_person", "mobile", "address")


def bind(form) -> dict:
    data = {key: str(form.get(key, ""))[:200].strip() for key in FIELDS}
    data["type"] = "organization" if data["type"] == "organization" else "person"
    data["id_number"] = data["id_number"].upper()
    data["credit_code"] = data["credit_code"].upper()
    data["id_type"] = "111"  # 居民身份证 (GB/T 39046 code); other documents are handled at the window
    return data


def problems(applicant: dict) -> dict[str, str]:
    """Field -> Chinese message for every problem at once."""
    found = {}
    if not applicant.get("name"):
        found["name"] = _("Please enter the applicant's name or the organisation's name.")
    if applicant.get("type") == "organization":
        if not applicant.get("credit_code"):
            found["credit_code"] = _("Please enter the unified social credit code.")
        elif problem := identifiers.check_uscc(applicant["credit_code"]):
            # the same words as a credit-code field on a form step (one catalogue: engine/messages.py)
            found["credit_code"] = render(f"field.uscc.{problem}", label=USCC_LABEL)
        if not applicant.get("legal_person"):
            found["legal_person"] = _("Please enter the name of the legal representative or person in charge.")
    if applicant.get("type") == "person" or applicant.get("id_number"):
        problem = identifiers.check_id_card(applicant.get("id_number", "")) if applicant.get("id_number") else "missing"
        if problem == "missing":
            found["id_number"] = (_("Please enter the resident ID number.") if applicant.get("type") == "person"
                                  else _("Please enter the resident ID number of the person handling this."))
        elif problem:
            found["id_number"] = {"format": _("A resident ID number has 18 characters (the last may be X)."),
                                  "format_15": _("Please use the 18-digit resident ID number."),
                                  "checksum": _("The check digit of the resident ID number is wrong; please check it.")}.get(
                problem, _("The resident ID number is not valid; please check it."))
    if not applicant.get("mobile"):
        found["mobile"] = _("Please enter a mobile number; progress messages are sent to it.")
    elif not identifiers.is_valid_mobile(applicant["mobile"]):
        found["mobile"] = _("A mobile number has 11 digits and starts with 1.")
    return found
