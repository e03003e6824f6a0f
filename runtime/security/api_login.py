"""A guard in front of Flask-AppBuilder's JWT login (POST /api/v1/security/login): its schema does not
require ``provider`` and the view then fails with a KeyError (a 500). Malformed bodies are answered here
with a specific 400 in Chinese; well-formed ones go on to FAB unchanged."""
from __future__ import annotations

from flask import Flask, jsonify, request

PROVIDERS = ("db", "ldap")


def problem(body) -> str | None:
    if not isinstance(body, dict):
        return "请求内容必须是 JSON 对象,包含 username、password 和 provider"
    for key in ("username", "password"):
        if not isinstance(body.get(key), str) or not body[key]:
            return f"缺少 {key} 或其不是文本"
    if body.get("provider") not in PROVIDERS:
        return "provider 必须是 db 或 ldap"
    if "refresh" in body and not isinstance(body["refresh"], bool):
        return "refresh 必须是 true 或 false"
    return None


def install(app: Flask) -> None:
    @app.before_request
    def _check_login_body():
        if request.endpoint != "SecurityApi.login" or request.method != "POST" or not request.is_json:
            return None  # FAB answers a non-JSON body with its own 400
        message = problem(request.get_json(silent=True))
        return (jsonify({"message": message}), 400) if message else None
