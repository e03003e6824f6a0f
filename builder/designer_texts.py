"""Texts of the designer's materials, fees and rules panels (designer-*.js), merged into ui_texts."""
from __future__ import annotations

from flask_babel import gettext as _


def designer_texts() -> dict[str, str]:
    return {
        # materials table and library
        "originals_n": _("%(n)s original(s)"), "copies_n": _("%(n)s copy(ies)"), "copies_unset": _("Not set"),
        "supplement_within": _("to be supplied within %(n)s working days"), "every_applicant": _("Every applicant"),
        "custom_condition": _("Custom condition (JsonLogic)"), "licence_named": _("Electronic licence: %(name)s"),
        "material_settings": _("Material %(n)s: %(name)s"), "unnamed": _("Unnamed"),
        "unnamed_n": _("Material %(n)s (unnamed)"), "material_basic": _("Type, copies and necessity"),
        "supplement_hint": _("Working days after acceptance within which the applicant supplies it"),
        "material_when": _("When it is needed"),
        "every_applicant_long": _("Every applicant must provide this material. If only some need it, add a condition."),
        "add_material_condition": _("Add a condition"),
        "remove_material_condition": _("Remove the condition (every applicant needs it)"),
        "reason_hint": _("Shown to the applicant after “因”, e.g. “组成形式为家庭经营”; "
                         "left empty, it is phrased from the condition."),
        "licence_hint": _("An applicant who holds this electronic licence uploads nothing (shared reuse)."),
        "material_check": _("Basis and acceptance standard"), "library_title": _("Material library"),
        "library_search": _("Search the material library"),
        "library_placeholder": _("Name or pinyin initials, e.g. yyzz"),
        "library_none": _("No material in the library matches; use “Add material” to describe it yourself."),
        "col_name": _("Material"), "col_kind": _("Original/copy"), "col_copies": _("Copies"),
        "col_necessity": _("Necessity"), "col_when": _("Needed when"), "col_actions": _("Actions"),
        "drag_to_reorder": _("Drag to reorder"),
        "no_materials": _("No materials yet."), "add_from_library": _("Add from the material library"),
        # rules
        "intro_fees": _("Fee items are what the applicant pays; an item that charges nothing needs none. Amounts are "
                        "in yuan, fixed or counted as quantity × unit price."),
        "intro_process": _("The internal steps after acceptance (e.g. review, decision): the name of each step, who "
                           "handles it and its time limit."),
        "intro_documents": _("How the notices and decisions printed for this item look: issuing authority, number "
                             "format, seal, review and appeal bodies. All optional: what is left empty is printed with "
                             "the implementing body or a general wording."),
        "rules_intro": _("A rule checks the answers when an application is pre-reviewed: when its condition holds, "
                         "the applicant and the clerk see its message."),
        "rule_title": _("Rule %(n)s: %(name)s"), "rule_when_hint": _("The rule fires when this condition holds."),
        "severity_blocking": _("the application cannot be accepted until it is corrected"),
        "severity_tolerated": _("it may be accepted now and corrected later"),
        "severity_warning": _("a reminder only; acceptance is not affected"),
        "rule_message_hint": _("What the applicant and the clerk read. Answers can be quoted: choose one below."),
        "insert_answer": _("Quote an answer in the message…"), "rule_target": _("Shown next to"),
        "rule_target_hint": _("The field or material the message is shown next to."),
        "target_none": _("Nothing in particular"), "target_field": _("Field “%(name)s”"),
        "target_material": _("Material “%(name)s”"),
        "rule_sentence": _("%(when)s, %(severity)s: %(message)s"),
        # fee amounts
        "charges_set": _("The service guide now says this item charges fees (是否收费: 是)."),
        "charges_cleared": _("No fee items left: the service guide now says this item is free (是否收费: 否)."),
        "per_unit_amount": _("Quantity × unit price"), "raw_formula": _("Advanced: custom formula (JsonLogic)"),
        "formula_hint": _("JsonLogic that computes the amount in fen. For quantity × unit price, "
                          "choose “Quantity × unit price” instead."),
        "choose_quantity": _("Choose the quantity"), "fee_quantity": _("Quantity (a number field, or the rows of a repeating group)"),
        "no_number_fields": _("The form has no number field or repeating group yet: add one (e.g. area, "
                              "staff) in the application form first."),
        "fee_rows_of": _("the number of rows in “%(group)s”"), "fee_base": _("%(base)s yuan base, plus "),
        "fee_base_label": _("Fixed base (base + quantity × unit price)"), "fee_base_amount": _("Base amount in yuan"),
        "fee_price": _("Unit price"), "fee_cap_label": _("Maximum fee"), "fee_cap_amount": _("Maximum fee in yuan"), "waiver_none": _("No waiver"),
        "waiver_free": _("Waived when a condition holds"), "waiver_percent": _("Reduced by a percentage when a condition holds"),
        "waiver_label": _("Waiver"), "waiver_percent_label": _("Reduced by"), "waiver_when": _("Waiver condition:"),
        "fee_try": _("Try the fee"), "fee_try_run": _("Calculate"), "fee_try_result": _("Fee due: %(amount)s yuan"),
        "fee_per_unit": _("%(quantity)s × %(price)s yuan"), "fee_cap": _(", at most %(cap)s yuan"),
        "fee_waived": _("; waived %(when)s"), "fee_reduced": _("; reduced by %(percent)s percent %(when)s"),
    }
