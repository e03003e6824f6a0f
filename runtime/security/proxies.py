"""Client address, scheme and host behind reverse proxies: werkzeug's ProxyFix trusting exactly
YIWANG_PROXY_COUNT hops of X-Forwarded-For / -Proto / -Host. With 0 (the default) the headers are
ignored: anyone on the internet can send them, and the status look-up's rate limit counts per
address. With N, the N-th address from the right is the client's (what the outermost of our proxies
saw); whatever a client put further left is ignored."""
from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix


def install(app: Flask) -> None:
    hops = app.config.get("YIWANG_PROXY_COUNT", 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
