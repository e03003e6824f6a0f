"""Admin views (Flask-AppBuilder): departments, items, published versions, audit log, plus the item
REST API. Rows are scoped to the user's departments in the query (``base_filters``), so another
department's item is simply not found, by URL or by API."""
from __future__ import annotations

from flask_appbuilder import ModelRestApi, ModelView
from flask_appbuilder.models.sqla.filters import FilterInFunction
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField
from wtforms.validators import DataRequired, Length, Regexp, ValidationError

from runtime.backoffice.audit_labels import action_label, change_label, object_label, summary_label
from runtime.backoffice.fab_display import LocalDisplay
from runtime.engine.identifiers import check_uscc
from runtime.models import AuditEvent, Department, Item, ItemVersion
from runtime.security.scoping import FilterItemInMyDepartments, department_ids
from runtime.url_converters import MAX_DB_INTEGER

from .fab_lists import ListInterface

READ_ONLY = ["can_list", "can_show"]


def _valid_uscc(form, field):
    if check_uscc(field.data):
        raise ValidationError(_l("Not a valid unified social credit code (check the check character)."))


class DepartmentView(LocalDisplay, ModelView):
    datamodel = SQLAInterface(Department)
    list_columns = ["name", "code", "abbreviation", "region_code", "phone"]
    show_columns = ["name", "code", "abbreviation", "region_code", "phone", "created_at"]
    add_columns = edit_columns = ["name", "code", "abbreviation", "region_code", "phone"]
    search_columns = ["name", "code"]
    label_columns = {"name": _l("Department name"), "code": _l("Unified social credit code"),
                     "abbreviation": _l("Abbreviation"), "region_code": _l("Region code"),
                     "phone": _l("Phone"), "created_at": _l("Created")}
    validators_columns = {
        "name": [DataRequired(), Length(max=100)],
        "code": [DataRequired(), _valid_uscc],
        "region_code": [Regexp(r"^(\d{6}|\d{12})?$", message=_l("Region codes have 6 or 12 digits."))],
    }
    list_title = show_title = add_title = edit_title = _l("Departments")


_ITEM_LABELS = {
    "implementation_code": _l("Implementation code"), "basic_code": _l("Basic code"), "name": _l("Item name"),
    "task_type": _l("Item type"), "department": _l("Department"), "current_version": _l("Current version"),
    "online": _l("Open for online applications"), "updated_at": _l("Updated"),
}


class ItemView(LocalDisplay, ModelView):
    datamodel = SQLAInterface(Item)
    base_filters = [["department_id", FilterInFunction, department_ids]]
    base_permissions = ["can_list", "can_show", "can_edit"]
    list_columns = ["implementation_code", "name", "department", "current_version", "online"]
    show_columns = ["implementation_code", "basic_code", "name", "task_type", "department", "current_version",
                    "online", "updated_at"]
    edit_columns = ["online"]
    # A NOT NULL boolean would otherwise become a required checkbox that can never be unticked.
    edit_form_extra_fields = {"online": BooleanField(_l("Open for online applications"))}
    search_columns = ["name", "implementation_code", "basic_code"]
    label_columns = _ITEM_LABELS
    list_title = show_title = edit_title = _l("Service items")


class ItemVersionView(LocalDisplay, ModelView):
    datamodel = ListInterface(ItemVersion, deferred=["definition"], joined=["item", "published_by"])
    base_filters = [["item", FilterItemInMyDepartments, department_ids]]
    base_permissions = READ_ONLY
    list_columns = ["item", "number", "checksum", "published_by", "published_at", "note"]
    show_columns = ["item", "number", "schema_version", "checksum", "published_by", "published_at", "note"]
    base_order = ("published_at", "desc")
    label_columns = {"item": _l("Item"), "number": _l("Version"), "checksum": _l("Checksum"),
                     "schema_version": _l("Format version"), "published_by": _l("Published by"),
                     "published_at": _l("Published"), "note": _l("Note")}
    list_title = show_title = _l("Published versions")


class AuditEventView(LocalDisplay, ModelView):
    datamodel = ListInterface(AuditEvent, deferred=["before", "after"], estimate_count=True)
    base_permissions = READ_ONLY
    list_columns = ["at", "username", "action", "object_type", "object_id", "summary"]
    show_columns = ["at", "username", "action", "object_type", "object_id", "summary", "before", "after",
                    "remote_addr"]
    search_columns = ["username", "action", "object_type", "object_id"]
    base_order = ("at", "desc")
    label_columns = {"at": _l("Time"), "username": _l("User"), "action": _l("Action"),
                     "object_type": _l("Object"), "object_id": _l("Object id"), "summary": _l("Summary"),
                     "before": _l("Before"), "after": _l("After"), "remote_addr": _l("Address")}
    formatters_columns = {"action": action_label, "object_type": object_label, "summary": summary_label,
                          "before": change_label, "after": change_label}
    list_title = show_title = _l("Audit log")


class ItemApi(ModelRestApi):
    resource_name = "item"
    datamodel = SQLAInterface(Item)
    base_filters = [["department_id", FilterInFunction, department_ids]]
    base_permissions = ["can_get", "can_put", "can_info"]
    list_columns = ["id", "implementation_code", "name", "department.name", "current_version", "online"]
    show_columns = ["id", "implementation_code", "basic_code", "name", "task_type", "department.name",
                    "current_version", "online", "updated_at"]
    edit_columns = ["online"]
    # No routes for what no role is granted (creating or deleting items belongs to the builder).
    include_route_methods = {"get", "get_list", "put", "info"}
    label_columns = _ITEM_LABELS
    # FAB translates an empty description with gettext(""), which returns the catalogue's header.
    description_columns = {"online": _l("Open for online applications")}
    # JWT only: the API blueprint is exempt from CSRF, so it must not accept the session cookie.
    allow_browser_login = False

    def put_headless(self, pk):
        """FAB routes PUT as /<pk> (any text): an id the database cannot hold is not found, not a 500."""
        if not (str(pk).isascii() and str(pk).isdigit()) or int(pk) > MAX_DB_INTEGER:
            return self.response_404()
        return super().put_headless(pk)

    def _init_properties(self) -> None:
        super()._init_properties()
        self.add_columns = []  # no add route, so _info describes no add fields (FAB's default is every column)


def register(appbuilder) -> None:
    appbuilder.add_view(ItemView, "事项", label=_l("Service items"), category="事项管理",
                        category_label=_l("Items"), icon="fa-list")
    appbuilder.add_view(ItemVersionView, "事项版本", label=_l("Published versions"), category="事项管理",
                        icon="fa-history")
    appbuilder.add_view(DepartmentView, "部门", label=_l("Departments"), category="系统管理",
                        category_label=_l("Administration"), icon="fa-building")
    appbuilder.add_view(AuditEventView, "审计日志", label=_l("Audit log"), category="系统管理", icon="fa-book")
    from builder.consultation_view import ConsultationView
    appbuilder.add_view(ConsultationView, "网上咨询", label=_l("Online questions"), category="事项管理",
                        icon="fa-comments")
    appbuilder.add_api(ItemApi)
