"""Back office for 网上咨询: the item's department answers citizens' questions; answered public
questions appear under the item. Scoped to the user's departments in the query."""
from __future__ import annotations

from flask import g
from flask_appbuilder import ModelView
from flask_appbuilder.models.sqla.filters import FilterInFunction
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField
from wtforms.validators import DataRequired, Length

from runtime.backoffice.fab_display import LocalDisplay
from runtime.models import Consultation
from runtime.models.timestamps import utcnow
from runtime.security.scoping import department_ids


class ConsultationView(LocalDisplay, ModelView):
    datamodel = SQLAInterface(Consultation)
    base_filters = [["department_id", FilterInFunction, department_ids]]
    base_permissions = ["can_list", "can_show", "can_edit"]
    base_order = ("created_at", "desc")
    list_columns = ["created_at", "item", "question", "answered_at"]
    show_columns = ["item", "question", "asker_name", "asker_contact", "created_at", "answer", "answered_by",
                    "answered_at", "public"]
    edit_columns = ["answer", "public"]
    search_columns = ["question", "answer"]
    edit_form_extra_fields = {"public": BooleanField(_l("Show under the item once answered"))}
    validators_columns = {"answer": [DataRequired(), Length(min=2, max=5000)]}
    label_columns = {"created_at": _l("Asked"), "item": _l("Item"), "question": _l("Question"),
                     "asker_name": _l("Asked by"), "asker_contact": _l("Contact"), "answer": _l("Answer"),
                     "answered_by": _l("Answered by"), "answered_at": _l("Answered"),
                     "public": _l("Show under the item once answered")}
    list_title = show_title = edit_title = _l("Online questions")

    def pre_update(self, item):
        item.answered_at = utcnow()
        item.answered_by_id = g.user.id
