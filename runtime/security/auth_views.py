"""Sign-out as a state change: ``GET /logout/`` only asks (a link from another site cannot sign anyone
out), the confirming ``POST`` (CSRF-protected like every form) signs out and ends every session of the
user (runtime/security/session_revocation.py)."""
from __future__ import annotations

from pathlib import Path

from flask import request
from flask_appbuilder import expose
from flask_appbuilder.security.views import AuthDBView as FabAuthDBView


class AuthDBView(FabAuthDBView):
    """FAB's login view under FAB's class name: FAB and our pages build url_for("AuthDBView.login")."""
    template_folder = str(Path(__file__).resolve().parent / "templates")

    @expose("/logout/", methods=["GET", "POST"])
    def logout(self):
        if request.method == "GET":
            return self.render_template("security/logout.html", appbuilder=self.appbuilder)
        return super().logout()
