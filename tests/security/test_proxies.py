"""Behind reverse proxies (YIWANG_PROXY_COUNT): with 0 no X-Forwarded-* header is believed; with N
the client address, scheme and host come from exactly N hops, so clients behind one proxy get their
own status look-up allowance and a client cannot pick its own address by adding entries."""
from __future__ import annotations

import pytest
from flask import url_for
from werkzeug.middleware.proxy_fix import ProxyFix

from runtime.config import load_config
from runtime.security import proxies
from tests.security.test_status_bruteforce import _look_up, number  # noqa: F401 - number is a fixture

PROXY = "10.0.0.1"          # the proxy's own address: REMOTE_ADDR of every request it forwards
ALICE, BOB = "198.51.100.1", "198.51.100.2"
KEY = {"SECRET_KEY": "x" * 48}   # load_config would otherwise create instance/secret_key
FORWARDED = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "zwfw.example.gov.cn"}
PAGE = "https://zwfw.example.gov.cn/zwfw/status"   # the browser's Referer: HTTPS posts need a same-site one


@pytest.fixture
def behind(app, monkeypatch):
    """Install the middleware for ``hops`` on the test app (undone afterwards); returns the WSGI
    environs the application saw, inside the middleware."""
    def wire(hops: int) -> list:
        seen, inner = [], app.wsgi_app

        def spy(environ, start_response):
            seen.append(environ)
            return inner(environ, start_response)
        monkeypatch.setattr(app, "wsgi_app", spy)
        monkeypatch.setitem(app.config, "YIWANG_PROXY_COUNT", hops)
        proxies.install(app)
        return seen
    return wire


def via_proxy(client_address: str, extra: str = "") -> dict:
    """What the proxy sends on: it appends the address it saw to whatever the client sent."""
    forwarded_for = f"{extra}, {client_address}" if extra else client_address
    return {"headers": {"X-Forwarded-For": forwarded_for, **FORWARDED, "Referer": PAGE},
            "environ_base": {"REMOTE_ADDR": PROXY}}


def external_url(app, environ) -> str:
    with app.request_context(environ):
        return url_for("portal.status", _external=True)


def test_no_proxy_is_trusted_by_default(app, client, behind, monkeypatch):
    monkeypatch.delenv("YIWANG_PROXY_COUNT", raising=False)
    assert load_config(KEY)["YIWANG_PROXY_COUNT"] == 0 and not isinstance(app.wsgi_app, ProxyFix)
    seen = behind(0)
    client.get("/zwfw/status", **via_proxy(ALICE))
    assert seen[-1]["REMOTE_ADDR"] == PROXY and seen[-1]["wsgi.url_scheme"] == "http"
    assert external_url(app, seen[-1]) == "http://localhost/zwfw/status"


def test_the_setting_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("YIWANG_PROXY_COUNT", "2")
    assert load_config(KEY)["YIWANG_PROXY_COUNT"] == 2
    for bad in ("-1", "two", "1.5"):
        monkeypatch.setenv("YIWANG_PROXY_COUNT", bad)
        with pytest.raises(ValueError, match="YIWANG_PROXY_COUNT"):
            load_config(KEY)


def test_one_proxy_gives_each_client_its_own_allowance(app, client, number, behind, monkeypatch):  # noqa: F811
    monkeypatch.setitem(app.config, "YIWANG_STATUS_RATE_LIMIT", "3/minute")
    behind(1)
    codes = [_look_up(client, number, f"11010519491231{i:04d}", **via_proxy(ALICE)).status_code for i in range(3)]
    assert codes == [404] * 3
    assert _look_up(client, number, "110105194912310000", **via_proxy(ALICE)).status_code == 429
    # Alice cannot start afresh by naming another address herself: the proxy's entry is the last one.
    assert _look_up(client, number, "110105194912310000", **via_proxy(ALICE, extra=BOB)).status_code == 429
    # Bob, behind the same proxy, has his own allowance.
    assert _look_up(client, number, "110105194912310000", **via_proxy(BOB)).status_code == 404


def test_one_proxy_passes_on_the_scheme_and_host(app, client, behind):
    seen = behind(1)
    client.get("/zwfw/status", **via_proxy(ALICE))
    assert seen[-1]["REMOTE_ADDR"] == ALICE
    assert external_url(app, seen[-1]) == "https://zwfw.example.gov.cn/zwfw/status"


def test_two_proxies_take_the_address_the_outer_one_saw(app, client, behind):
    seen = behind(2)
    client.get("/zwfw/status", headers={"X-Forwarded-For": f"{BOB}, {ALICE}, 10.0.0.2", **FORWARDED},
               environ_base={"REMOTE_ADDR": PROXY})   # Alice forged Bob; the outer proxy added her; the inner one it
    assert seen[-1]["REMOTE_ADDR"] == ALICE


def test_https_through_the_proxy_needs_a_same_site_referer(app, client, number, behind):  # noqa: F811
    """Once the scheme is known to be HTTPS, Flask-WTF's strict Referer check applies to every form."""
    behind(1)
    without = via_proxy(ALICE)
    del without["headers"]["Referer"]
    refused = _look_up(client, number, "110105194912310000", **without)
    assert refused.status_code == 400 and "表单已过期或不是从本站提交的" in refused.get_data(as_text=True)
    foreign = via_proxy(ALICE)
    foreign["headers"]["Referer"] = "https://evil.example/zwfw/status"
    assert _look_up(client, number, "110105194912310000", **foreign).status_code == 400
    assert _look_up(client, number, "110105194912310000", **via_proxy(ALICE)).status_code == 404


def test_the_app_factory_installs_it(app, tmp_path):
    from app import create_app
    other = create_app({"TESTING": True, "SECRET_KEY": "k" * 48, "YIWANG_STORAGE_DIR": str(tmp_path),
                        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "YIWANG_PROXY_COUNT": 1})
    fix = other.wsgi_app
    assert isinstance(fix, ProxyFix) and (fix.x_for, fix.x_proto, fix.x_host, fix.x_port, fix.x_prefix) == (1, 1, 1, 0, 0)
