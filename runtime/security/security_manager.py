"""Flask-AppBuilder security manager: users carry departments; roles come from runtime/security/roles.py."""
from flask_appbuilder.security.manager import BaseSecurityManager
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_appbuilder.security.views import UserDBModelView


class YiwangUserView(UserDBModelView):
    """User administration with department membership."""
    list_columns = ["username", "first_name", "last_name", "roles", "departments", "active"]
    show_columns = ["username", "first_name", "last_name", "email", "roles", "departments", "active",
                    "last_login", "login_count", "created_on"]
    add_columns = ["first_name", "last_name", "username", "active", "email", "roles", "departments",
                   "password", "conf_password"]
    edit_columns = ["first_name", "last_name", "username", "active", "email", "roles", "departments"]
    label_columns = {"departments": "所属部门"}


class YiwangSecurityManager(SecurityManager):
    userdbmodelview = YiwangUserView
    userstatschartview = None  # FAB's login-count chart answers an unknown /chart/<group_by> with a 500

    def ensure_roles(self) -> None:
        """Create the built-in roles and the public role (after migrations made the tables)."""
        BaseSecurityManager.create_db(self)
