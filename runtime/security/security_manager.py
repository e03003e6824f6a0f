"""Flask-AppBuilder security manager: users carry departments; roles come from runtime/security/roles.py;
failed sign-ins are counted (login_limits.py) and sessions end at logout and password change
(session_revocation.py)."""
from flask import g, has_request_context
from flask_login import current_user
from flask_appbuilder.security.manager import BaseSecurityManager
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_appbuilder.security.views import UserDBModelView

from . import login_limits, session_revocation
from .auth_views import AuthDBView


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
