"""Configuration from the environment, with safe embedded defaults (SQLite under ``instance/``).

Production sets ``DATABASE_URL`` (PostgreSQL), ``SECRET_KEY`` and ``YIWANG_STORAGE_DIR``; a
developer machine needs none of them.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask_appbuilder.const import AUTH_DB

from runtime import file_store_setting

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = Path(os.environ.get("YIWANG_INSTANCE_DIR", ROOT / "instance"))


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in ``instance/`` so sessions
    survive restarts and every worker signs with the same key."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = INSTANCE / "secret_key"
    if not path.exists():
        INSTANCE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(secrets.token_urlsafe(48))
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    return path.read_text().strip()


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE / 'yiwang.db'}"
    # Heroku-style URLs name the old driver; we ship psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _proxy_count() -> int:
    """How many reverse proxies stand in front of the app (runtime/security/proxies.py)."""
    raw = os.environ.get("YIWANG_PROXY_COUNT", "0")
    try:
        count = int(raw)
    except ValueError:
        count = -1
    if count < 0:   # refuse to start rather than guess which addresses to trust
        raise ValueError(f"YIWANG_PROXY_COUNT 应为不小于 0 的整数(应用前面反向代理的层数),当前为 {raw!r}")
    return count


def load_config(overrides: dict | None = None) -> dict:
    overrides = overrides or {}
    config = {
        "SECRET_KEY": overrides.get("SECRET_KEY") or _secret_key(),
        "SQLALCHEMY_DATABASE_URI": _database_url(),
        "YIWANG_STORAGE_DIR": os.environ.get("YIWANG_STORAGE_DIR", str(INSTANCE / "files")),
        # local: files in YIWANG_STORAGE_DIR on this server; postgresql: in the database, for several app servers.
        "YIWANG_FILE_STORE": os.environ.get("YIWANG_FILE_STORE", "local"),
        "MAX_CONTENT_LENGTH": 64 * 1024 * 1024,
        "YIWANG_THEME": os.environ.get("YIWANG_THEME", "default"),  # themes/<name>/ for documents
        "YIWANG_INSTANCE_NAME": os.environ.get("YIWANG_INSTANCE_NAME", "yiwang"),  # named in exported bundles
        # Uploaded bundles are kept this long for the import's apply step, then swept (runtime/bundle_retention.py).
        "YIWANG_BUNDLE_RETENTION_HOURS": int(os.environ.get("YIWANG_BUNDLE_RETENTION_HOURS", "24")),
        # Drafts never submitted and untouched this long are deleted by files sweep (runtime/portal/draft_expiry.py).
        "YIWANG_DRAFT_EXPIRY_DAYS": int(os.environ.get("YIWANG_DRAFT_EXPIRY_DAYS", "30")),
        # Flask-AppBuilder
        "APP_NAME": "一网 · 政务服务事项",
        "AUTH_TYPE": AUTH_DB,
        "AUTH_ROLE_ADMIN": "系统管理员",
        "AUTH_ROLE_PUBLIC": "Public",
        "AUTH_USER_REGISTRATION": False,
        "FAB_CREATE_DB": False,         # the schema comes from migrations only
        "FAB_UPDATE_PERMS": False,      # roles are defined in code (FAB_ROLES), nothing to sync at start
        "FAB_ADD_SECURITY_API": False,
        "FAB_API_SWAGGER_UI": False,
        "FAB_ADD_MENU_API": False,      # the pages render their own menus; no need for a JSON menu endpoint
        "FAB_SECURITY_MANAGER_CLASS": "runtime.security.security_manager.YiwangSecurityManager",
        "FAB_PASSWORD_COMPLEXITY_ENABLED": True,
        "BABEL_DEFAULT_LOCALE": "zh",
        "BABEL_DEFAULT_FOLDER": "translations",
        "LANGUAGES": {"zh": {"flag": "cn", "name": "简体中文"}, "en": {"flag": "gb", "name": "English"}},
        # Cookies and forms
        "WTF_CSRF_ENABLED": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("YIWANG_SECURE_COOKIES", "0") == "1",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "RATELIMIT_ENABLED": False,
        # Public status look-ups per client address (a guess at number + ID number must stay slow).
        "YIWANG_STATUS_RATE_LIMIT": os.environ.get("YIWANG_STATUS_RATE_LIMIT", "10/minute"),
        # 扫码验真 look-ups and uploads per client address (runtime/portal/verify_views.py).
        "YIWANG_VERIFY_RATE_LIMIT": os.environ.get("YIWANG_VERIFY_RATE_LIMIT", "20/minute"),
        # Signed documents (docs/documents.md): the portal's public address printed in the QR code (default:
        # the address of the request that issued the document), an RFC 3161 timestamp authority (PAdES B-T;
        # empty: B-B), the signer ("module:factory"), and the key that encrypts signing keys at rest.
        "YIWANG_PUBLIC_URL": os.environ.get("YIWANG_PUBLIC_URL", ""),
        "YIWANG_TIMESTAMP_URL": os.environ.get("YIWANG_TIMESTAMP_URL", ""),
        "YIWANG_DOCUMENT_SIGNER": os.environ.get("YIWANG_DOCUMENT_SIGNER", "runtime.documents.signing:pades_signer"),
        "YIWANG_KEY_ENCRYPTION_KEY": os.environ.get("YIWANG_KEY_ENCRYPTION_KEY", ""),
        "YIWANG_RATE_LIMIT_STORAGE": os.environ.get("YIWANG_RATE_LIMIT_STORAGE", "memory://"),
        # Import jobs run on RQ with this Redis (else on the rate limits' Redis, else in a web-process thread).
        "YIWANG_REDIS_URL": os.environ.get("YIWANG_REDIS_URL", ""),
        # Without Redis: the jobs' state, shared by every web process of this instance (builder/job_files.py).
        "YIWANG_JOBS_DIR": str(INSTANCE / "jobs"),
        "YIWANG_JOB_STALE_SECONDS": int(os.environ.get("YIWANG_JOB_STALE_SECONDS", "60")),
        # Abuse limits (SECURITY.md): failed sign-ins, and what one anonymous client may cost.
        **{name: os.environ.get(name, default) for name, default in (
            ("YIWANG_LOGIN_LIMIT_ACCOUNT_ADDRESS", "5 per 15 minutes"),
            ("YIWANG_LOGIN_LIMIT_ADDRESS", "30 per 15 minutes"),
            ("YIWANG_LOGIN_LIMIT_ACCOUNT", "50 per 15 minutes"),
            ("YIWANG_DRAFT_RATE_LIMIT", "20 per hour"),
            ("YIWANG_UPLOAD_MB_RATE_LIMIT", "300 per hour"),
            ("YIWANG_CONSULTATION_RATE_LIMIT", "10 per hour"))},
        "YIWANG_DRAFT_QUOTA_MB": int(os.environ.get("YIWANG_DRAFT_QUOTA_MB", "100")),
        "YIWANG_PUBLIC_BODY_LIMIT_KB": int(os.environ.get("YIWANG_PUBLIC_BODY_LIMIT_KB", "1024")),
        # Reverse proxies in front of the app whose X-Forwarded-* headers are trusted (0: none).
        "YIWANG_PROXY_COUNT": _proxy_count(),
        "JSON_AS_ASCII": False,
    }
    from runtime.security.roles import FAB_ROLES
    config["FAB_ROLES"] = FAB_ROLES
    config.update(overrides)
    file_store_setting.check(config)
    config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", _engine_options(config["SQLALCHEMY_DATABASE_URI"]))
    return config


def _engine_options(url: str) -> dict:
    """A server database can drop idle connections, so test each one on checkout; an SQLite file
    cannot, so the extra query on every request buys nothing there. hide_parameters: logged SQL and
    database errors (logged by the 500 handler) never carry the values, which include ID numbers."""
    return {"hide_parameters": True} if url.startswith("sqlite") else {"pool_pre_ping": True, "hide_parameters": True}
