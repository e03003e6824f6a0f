"""The four roles and what each may do, defined in code (Flask-AppBuilder "builtin roles").

Keeping roles in code means a deploy can never drift from what the tests check; FAB matches each
(view, permission) pair as regular expressions. *Which rows* a role sees is decided separately, in
queries (runtime/security/scoping.py).
"""
SYSTEM_ADMIN = "系统管理员"
DEPARTMENT_ADMIN = "部门管理员"
CLERK = "窗口人员"
APPLICANT = "申请人"

# Every signed-in user may see and edit their own profile and password.
_SELF_SERVICE = [
    ["UserInfoEditView", "can_this_form_get|can_this_form_post"],
    ["ResetMyPasswordView", "can_this_form_get|can_this_form_post"],
    ["UserDBModelView|YiwangUserView", "can_userinfo|resetmypassword|userinfoedit"],
    ["LocaleView", "can_index"],
]

FAB_ROLES = {
    # Everything except FAB's file-column downloads (/…/download/<filename>): no model has a file column,
    # and those views would read a name from the URL under UPLOAD_FOLDER.
    SYSTEM_ADMIN: [[".*", "^(?!can_download$).*"]],
    DEPARTMENT_ADMIN: _SELF_SERVICE + [
        ["ItemView", "can_list|can_show|can_edit"],
        ["ItemVersionView", "can_list|can_show"],
        ["ItemApi", "can_get|can_put|can_info"],
        ["ConsultationView", "can_list|can_show|can_edit"],
        ["事项管理|事项|事项版本|网上咨询", "menu_access"],
    ],
    CLERK: _SELF_SERVICE + [
        ["ItemView", "can_list|can_show"],
        ["ItemVersionView", "can_list|can_show"],
        ["ConsultationView", "can_list|can_show|can_edit"],
        ["事项管理|事项|事项版本|网上咨询", "menu_access"],
    ],
    APPLICANT: _SELF_SERVICE,
}

ROLE_NAMES = (SYSTEM_ADMIN, DEPARTMENT_ADMIN, CLERK, APPLICANT)
