"""The landing page after login (replaces Flask-AppBuilder's empty 欢迎 page): each role sees its own
work first. A user with several roles sees the section of each."""
from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_appbuilder import IndexView, expose

from runtime.security.roles import CLERK, DEPARTMENT_ADMIN, SYSTEM_ADMIN
from runtime.security.scoping import department_ids

from . import home_data
from .navigation import role_names


class YiwangHomeView(IndexView):
    @expose("/")
    def index(self):
        roles = role_names()
        if not roles:
            return redirect(url_for("AuthDBView.login"))
        if not roles & {SYSTEM_ADMIN, DEPARTMENT_ADMIN, CLERK}:
            return redirect(url_for("portal.my_applications"))  # a citizen account: their own applications
        departments = department_ids()
        sections = {}
        if SYSTEM_ADMIN in roles:
            sections["system"] = home_data.system_admin_home()
        if DEPARTMENT_ADMIN in roles:
            sections["items"] = home_data.department_admin_home(departments)
        if CLERK in roles:
            sections["window"] = home_data.clerk_home(departments)
        return render_template("backoffice/home.html", sections=sections)
