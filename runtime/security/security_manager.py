"""Flask-AppBuilder security manager: users carry departments; roles come from runtime/security/roles.py;
failed sign-ins are counted (login_limits.py) and sessions end at logout and password change
(session_revocation.py)."""
from flask import g, has_request_context
from flask_appbuilder.models.sqla.filters import FilterNotEqual
from flask_login import current_user
from flask_appbuilder.security.manager import BaseSecurityManager
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_appbuilder.security.views import UserDBModelView
from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from runtime.backoffice.fab_display import LocalDisplay

_ACCOUNT = ["username", "active", "roles", "departments"]
_PERSON = ["first_name", "last_name", "email"]
_HISTORY = ["last_login", "login_count", "fail_login_count", "created_on", "changed_on"]

from . import login_limits, session_revocation
from .auth_views import AuthDBView


def _role_required(form, field):
    if not field.data:
        raise ValidationError(_l("Choose at least one role."))


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
    # FAB's validator also reads a "groups" field, which this form has not (a KeyError, i.e. a 500, when
    # no role was chosen): roles alone are required.
    validators_columns = {"roles": [_role_required]}
    # The public role is what visitors have; it is never given to an account.
    add_form_query_rel_fields = edit_form_query_rel_fields = {"roles": [["name", FilterNotEqual, "Public"]]}


class YiwangSecurityManager(SecurityManager):
    userdbmodelview = YiwangUserView
    authdbview = AuthDBView
    userstatschartview = None  # FAB's login-count chart answers an unknown /chart/<group_by> with a 500

    def ensure_roles(self) -> None:
        """Create the built-in roles and the public role (after migrations made the tables)."""
        BaseSecurityManager.create_db(self)

    def auth_user_db(self, username, password):
        user = super().auth_user_db(username, password)
        if user is None and has_request_context():
            login_limits.record_failure(username)
        return user

    def load_user(self, pk):
        """The session's user, unless the session was ended (logout elsewhere, password changed)."""
        user = super().load_user(pk)
        return user if user is not None and session_revocation.is_current(user) else None

    def load_user_jwt(self, _jwt_header, jwt_data):
        """API tokens carry no session: FAB's check without the session fingerprint."""
        user = self.get_user_by_id(int(jwt_data["sub"]))
        if user and user.is_active:
            g.user = user
            return user
        return None

    def reset_password(self, userid, password):
        """Every session of the user ends; the user who changed their own password stays signed in here."""
        super().reset_password(userid, password)
        if has_request_context() and getattr(current_user, "is_authenticated", False) \
                and str(current_user.id) == str(userid):
            session_revocation.stamp(self.get_user_by_id(userid))

    def on_user_logout(self, user) -> None:
        session_revocation.end_all(user)
        self.session.commit()
