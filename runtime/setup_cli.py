"""``flask yiwang init`` (migrate + roles) and ``flask yiwang demo`` (init, load examples, demo users)."""
from __future__ import annotations

import secrets
from pathlib import Path

import click
from flask import current_app, g
from flask.cli import AppGroup
from flask_migrate import upgrade
from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Department
from runtime.security.roles import CLERK, DEPARTMENT_ADMIN, SYSTEM_ADMIN

yiwang_cli = AppGroup("yiwang", help="一网:初始化数据库、演示数据。Set up the database and demo data.")
ROOT = Path(__file__).resolve().parent.parent


def init_database() -> None:
    upgrade(directory=str(ROOT / "migrations"))
    current_app.appbuilder.sm.ensure_roles()
    db.session.commit()


@yiwang_cli.command("init")
def init_command():
    """升级数据库结构并创建内置角色。Migrate the database and create the built-in roles."""
    g.audit_actor = "命令行 yiwang init"
    init_database()
    click.echo("数据库已就绪。")


def _ensure_user(sm, username, role_name, first, last, departments=()):
    user = sm.find_user(username=username)
    if user is not None:
        return user, None
    password = secrets.token_urlsafe(9)
    user = sm.add_user(username=username, first_name=first, last_name=last, email=f"{username}@example.invalid",
                       role=sm.find_role(role_name), password=password)
    user.departments = list(departments)
    return user, password


@yiwang_cli.command("demo")
def demo_command():
    """初始化、载入 item_defs/ 示例事项并创建演示账号。Init, load the example items, create demo users."""
    from builder.item_load_cli import load_paths
    g.audit_actor = "命令行 yiwang demo"
    init_database()
    load_paths([ROOT / "item_defs"], echo=lambda m: None)
    sm = current_app.appbuilder.sm
    first_dept = db.session.scalar(select(Department).order_by(Department.id))
    created = [
        ("admin", *_ensure_user(sm, "admin", SYSTEM_ADMIN, "系统", "管理员")),
    ]
    if first_dept:
        created.append(("dept_admin", *_ensure_user(sm, "dept_admin", DEPARTMENT_ADMIN, "部门", "管理员", [first_dept])))
        created.append(("clerk", *_ensure_user(sm, "clerk", CLERK, "窗口", "人员", [first_dept])))
    from runtime.documents.demo_ca import ensure_demo_keys
    signing = ensure_demo_keys(db.session.scalars(select(Department).order_by(Department.id)).all())
    db.session.commit()
    click.echo("演示数据已就绪。登录地址 http://127.0.0.1:5000/login/")
    if signing:
        click.echo(f"  演示签章证书(不可用于正式文书):{'、'.join(signing)}")
    for username, _user, password in created:
        if password:
            click.echo(f"  账号 {username}  密码 {password}")
        else:
            click.echo(f"  账号 {username} 已存在(忘记密码:flask --app app fab reset-password --username {username})")
