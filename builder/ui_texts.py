"""Texts the builder's scripts show, translated on the server (Flask-Babel) and handed to the page as
JSON, so the scripts hold no user-facing language of their own. Placeholders: %(name)s."""
from __future__ import annotations

from flask_babel import gettext as _

from .designer_texts import designer_texts


def ui_texts() -> dict[str, str]:
    return {
        "json_error": _("Invalid JSON: %(detail)s"), "error": _("Blocking problem"), "warning": _("Advisory problem"),
        "problem_count": _("(%(errors)s errors, %(warnings)s warnings)"), "saved": _("Draft saved"),
        "merged_with_conflicts": _("Merged. You both changed %(n)s places; their content is kept there for now. "
                                   "Please check before saving: %(paths)s"),
        "merged": _("Both sets of changes were merged. Please check, then save."),
        "save_failed": _("Saving failed"),
        "published": _("Version %(n)s published"), "unchanged": _("Same content as version %(n)s: no new version"),
        "version_line": _("Version %(n)s · %(when)s · %(who)s"), "compare": _("Compare with the draft"),
        "restore": _("Restore as the draft"), "diff_title": _("Version %(n)s → draft (%(count)s changes)"),
        "restore_title": _("Restore version %(n)s as the draft?"),
        "restore_changes": _("The draft goes back to version %(n)s: these %(count)s changes made since are undone:"),
        "restore_nothing": _("The draft is the same as version %(n)s: restoring changes nothing."),
        "restored": _("Draft restored from version %(n)s"), "result": _("Result: %(value)s (%(verdict)s)"),
        "holds": _("holds"), "fails": _("does not hold"),
        "op_eq": _("equals"), "op_ne": _("does not equal"), "op_gt": _("is greater than"),
        "op_ge": _("is at least"), "op_lt": _("is less than"), "op_le": _("is at most"),
        "op_in": _("is one of"), "op_has": _("includes"), "op_is": _("is"), "op_filled": _("is filled in"), "op_empty": _("is not filled in"),
        "when": _("When %(what)s"), "and_word": _(" and "), "or_word": _(" or "),
        "no_condition": _("No condition set yet"),
        "use_builder": _("Use the condition builder"), "combine": _("How conditions combine"),
        "all": _("All of the following"), "any": _("Any of the following"), "field": _("Field"),
        "choose_field": _("Choose a field"), "compare_with": _("Compare with"), "compare_value": _("a value"),
        "compare_field": _("another field"), "compare_other_field": _("The other field"),
        "operator": _("Operator"), "value": _("Value"), "yes": _("Yes"),
        "no": _("No"), "several_values": _("Separate several values with commas"),
        "remove_condition": _("Remove condition"), "add_condition": _("Add condition"),
        "raw_logic": _("Advanced (JsonLogic)"), "upload": _("Upload a file"), "amount_mode": _("How the amount is set"),
        "fixed_amount": _("Fixed amount"),
        "formula_label": _("Amount formula (JsonLogic, result in fen)"), "amount_yuan": _("Amount in yuan"),
        "amount_label": _("Amount (yuan)"), "yuan": _("yuan"),
        "amount_invalid": _("Enter the amount in yuan with at most two decimals, e.g. 10 or 12.50"),
        "more": _("More settings"), "add_named": _("Add “%(name)s”"), "remove_named": _("Remove “%(name)s”"),
        "move_up": _("Move up"), "move_down": _("Move down"), "remove": _("Remove"),
        "add_entry": _("Add %(name)s"), "an_entry": _("an entry"),
        "undone": _("Undone"), "redone": _("Redone"), "state_saving": _("Saving…"),
        "state_saved": _("All changes saved"), "state_saved_at": _("All changes saved at %(when)s"),
        "state_dirty": _("Unsaved changes (saving shortly)"),
        "state_json_broken": _("The JSON has an error; changes are not saved until it is fixed"),
        "state_conflict": _("Not saved: someone else changed the draft. Check, then click Save draft"),
        "state_offline": _("Not saved: the server cannot be reached. Retrying…"),
        "load_failed": _("The item could not be loaded. Check the connection, then reload the page."),
        "publish_needs_save": _("The draft could not be saved, so it was not published"),
        "publish_first": _("This is the first publication: the item becomes visible to applicants."),
        "publish_changes": _("%(count)s changes compared with the live version %(n)s:"),
        "publish_nothing": _("The draft is the same as the live version %(n)s: there is nothing to publish."),
        "more_changes": _("… and %(n)s more"), "current_version": _("Current version %(n)s"),
        "advanced": _("Advanced"), "open_entry": _("Open"), "close_entry": _("Close"),
        "id_generated": _("Generated from the name; it can be changed until the item is first published."),
        "id_frozen": _("Published: this identifier can no longer change (applications and conditions refer to it)."),
        "checklist_title": _("%(n)s things to complete before publishing"),
        "checklist_ready": _("Nothing blocks publishing"), "fixed": _("Done:"),
        "checklist_waiting": _("%(n)s more in the element being edited (listed when you leave it)"),
        "checklist_editing": _("Finish the element being edited"),
    } | designer_texts()
