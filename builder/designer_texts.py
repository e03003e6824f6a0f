"""Texts the designer's scripts need (runtime/static/js/designer-*.js: the 申请表 canvas, palette, properties and
drag; the materials, fees and rules panels), translated on the server and merged into ui_texts()."""
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
        # form canvas, palette and properties (申请表 tab)
        "d_canvas": _("Form canvas"), "d_properties": _("Properties"), "d_palette": _("Add a field"),
        "d_palette_hint": _("Click a type to add it after the selected element, or drag it onto the form."),
        "d_palette_add": _("Add a “%(type)s” field"), "d_untyped": _("(no type)"),
        "d_untitled_field": _("(untitled field)"), "d_untitled_step": _("(untitled step)"),
        "d_pick_field": _("Field “%(label)s” (%(type)s): select; Alt+Up/Down moves it"),
        "d_shown_when": _("Shown: %(when)s"), "d_required_when": _("Required: %(when)s"),
        "d_step_shown_when": _("Step shown: %(when)s"), "condition_advanced": _("under an advanced (JsonLogic) condition"),
        "d_group_empty": _("No sub-fields yet: select the group and click a field type."),
        "d_add_row": _("Add a row"), "d_step_n": _("Step %(n)s"),
        "d_step_empty": _("No fields in this step yet: drag a field type here or click one."),
        "d_add_step": _("Add a step"), "d_steps": _("Steps"), "d_new_step_title": _("Step %(n)s"),
        "d_computed": _("Computed values (%(n)s)"),
        "d_no_steps": _("The form has no list of steps; fix it in the JSON tab."),
        "d_to_prev_step": _("To the previous step"), "d_to_next_step": _("To the next step"),
        "d_remove_step": _("Remove this step"), "d_remove_field": _("Remove this field"),
        "d_nothing_selected": _("Click a step or a field on the form to change its settings."),
        "d_step_props": _("Step %(n)s"), "d_field_props": _("Field: %(type)s"), "d_close_panel": _("Done"),
        "d_option_label": _("Option text"), "d_option_actions": _("Order and removal"),
        "d_option_n": _("Option %(n)s"), "d_option_up": _("Move option %(n)s up"),
        "d_option_down": _("Move option %(n)s down"), "d_option_remove": _("Remove option %(n)s"),
        "d_option_value": _("Stored value of “%(label)s”"), "d_option_values": _("Advanced: option values"), "d_add_option": _("Add an option"),
        "d_paste_options": _("Paste a list…"), "d_paste_label": _("One option per line"),
        "d_paste_placeholder": _("e.g.\nFood sales\nCatering"), "d_paste_apply": _("Add these options"),
        "cancel": _("Cancel"),
        "d_money_min": _("Minimum amount in yuan"), "d_money_max": _("Maximum amount in yuan"),
        "d_money_default": _("Default amount in yuan"),
        "d_out_of_group": _("Out of the group"), "d_into_group_above": _("Into the group above"),
        "d_into_group_below": _("Into the group below"),
        "d_fields_on_canvas": _("The fields of this step are arranged on the form canvas."),
        "d_subfields_on_canvas": _("The sub-fields are arranged on the canvas: select the group and click a field "
                                   "type to add one."),
    }
