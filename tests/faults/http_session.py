"""A browser-like HTTP client for the fault tests: cookies, no redirect following, form posts with
the page's CSRF token, multipart uploads. Standard library only; loopback servers only."""
from __future__ import annotations

import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    def json(self):
        return json.loads(self.body)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def csrf_token(html: str) -> str:
    match = (re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
             or re.search(r'id="csrf_token"[^>]*value="([^"]+)"', html)
             or re.search(r'name="csrf-token" content="([^"]+)"', html))
    assert match, "no CSRF token on the page"
    return match.group(1)


class Browser:
    def __init__(self, port: int, timeout: float = 30):
        assert isinstance(port, int)
        self.base, self.timeout = f"http://127.0.0.1:{port}", timeout
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  _NoRedirect())

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> Response:
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=headers or {})
        try:
            with self.opener.open(req, timeout=self.timeout) as r:
                return Response(r.status, {k.lower(): v for k, v in r.headers.items()}, r.read())
        except urllib.error.HTTPError as r:
            return Response(r.code, {k.lower(): v for k, v in r.headers.items()}, r.read())

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict, files: dict | None = None) -> Response:
        if not files:
            return self.request("POST", path, urllib.parse.urlencode(data).encode(),
                                {"Content-Type": "application/x-www-form-urlencoded"})
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in data.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, content) in files.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                         f'Content-Type: application/octet-stream\r\n\r\n'.encode() + content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request("POST", path, b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def submit_form(self, path: str, data: dict, files: dict | None = None, page: str | None = None) -> Response:
        """GET ``page`` (default: ``path``) for its CSRF token, then POST ``data`` to ``path``."""
        html = self.get(page or path).text
        return self.post(path, {**data, "csrf_token": csrf_token(html)}, files)

    def login(self, username: str, password: str) -> None:
        response = self.submit_form("/login/", {"username": username, "password": password})
        assert response.status == 302, f"login of {username} failed ({response.status})"

    def api(self, method: str, path: str, body: dict) -> Response:
        token = csrf_token(self.get("/builder/").text)
        return self.request(method, path, json.dumps(body).encode(),
                            {"Content-Type": "application/json", "X-CSRFToken": token})
