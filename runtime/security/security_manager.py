"""Flask-AppBuilder security manager: users carry departments; roles come from runtime/security/roles.py."""
from flask_appbuilder.models.sqla.filters import FilterNotEqual
from flask_appbuilder.security.manager import BaseSecurityManager
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_appbuilder.security.views import UserDBModelView
from flask_babel import lazy_gettext as _l

from runtime.backoffice.fab_display import LocalDisplay

_ACCOUNT = ["username", "active", "roles", "departments"]
_PERSON = ["first_name", "last_name", "email"]
_HISTORY = ["last_login", "login_count", "fail_login_count", "created_on", "changed_on"]


class YiwangUserView(LocalDisplay, UserDBModelView):
    """User administration with department membership (no FAB groups: roles are defined in code)."""
    list_columns = ["username", "first_name", "last_name", "roles", "departments", "active"]
    show_columns = _ACCOUNT + _PERSON + _HISTORY
    show_fieldsets = [(_l("Account"), {"fields": _ACCOUNT}), (_l("Person"), {"fields": _PERSON}),
                      (_l("Sign-in history"), {"fields": _HISTORY})]
    user_show_fieldsets = [(_l("Account"), {"fields": ["username", "roles", "departments"]}),
                           (_l("Person"), {"fields": _PERSON})]
    add_columns = ["first_name", "last_name", "username", "active", "email", "roles", "departments",
                   "password", "conf_password"]
    edit_columns = ["first_name", "last_name", "username", "active", "email", "roles", "departments"]
    search_columns = ["username", "first_name", "last_name", "email", "active", "roles", "departments"]
    # Chinese names are family name first: first_name holds the family name (张), last_name the given name.
    label_columns = {**UserDBModelView.label_columns, "username": _l("User name"), "active": _l("Active"),
                     "first_name": _l("Family name"), "last_name": _l("Given name"),
                     "roles": _l("Roles"), "departments": _l("Departments")}
    description_columns = {
        "first_name": _l("Family name, e.g. 张"), "last_name": _l("Given name, e.g. 小明"),
        "username": _l("Used to sign in"), "email": _l("For notices about the account"),
        "active": _l("Untick to stop a user signing in; keep the account so the audit log still names them"),
        "roles": _l("What the user may do: 窗口人员, 部门管理员 or 系统管理员"),
        "departments": _l("Whose items and applications the user works on"),
        "password": _l("At least 10 characters with capitals, digits and a special character"),
        "conf_password": _l("Type the password again"),
    }
    # The public role is what visitors have; it is never given to an account.
    add_form_query_rel_fields = edit_form_query_rel_fields = {"roles": [["name", FilterNotEqual, "Public"]]}


class YiwangSecurityManager(SecurityManager):
    userdbmodelview = YiwangUserView
    userstatschartview = None  # FAB's login-count chart answers an unknown /chart/<group_by> with a 500

    def ensure_roles(self) -> None:
        """Create the built-in roles and the public role (after migrations made the tables)."""
        BaseSecurityManager.create_db(self)
