"""Texts of the form designer (申请表 tab: designer-canvas/palette/properties/drag.js), merged into ui_texts()."""
from __future__ import annotations

from flask_babel import gettext as _


def form_designer_texts() -> dict[str, str]:
    return {
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
