"""Every HTML page has a Content-Security-Policy. The public column and the clerk workstation allow
scripts from our static files only, and their markup has nothing such a policy would block: no inline
script (JSON data blocks are not executed), no on*= handler, no style attribute."""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlparse

from tests.portal.conftest import item_id, start  # noqa: F401 - the published example item
from tests.security.conftest import login_as

SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)
HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE_ATTR = re.compile(r"<[^>]+\sstyle\s*=", re.I)
LINK = re.compile(r'href="([^"#]+)"')


def inline_problems(html: str) -> list[str]:
    problems = [f"inline script {attrs!r}" for attrs in SCRIPT.findall(html)
                if "src=" not in attrs and "application/json" not in attrs]
    problems += [f"handler {m.group(0)[:60]!r}" for m in HANDLER.finditer(html)]
    problems += [f"style attribute {m.group(0)[:60]!r}" for m in STYLE_ATTR.finditer(html)]
    return problems


def crawl(client, starts, prefix, limit=80):
    seen, queue, pages = set(), list(starts), {}
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.mimetype != "text/html":
            continue
        html = response.get_data(as_text=True)
        pages[url] = (response, html)
        for href in LINK.findall(html):
            target = urlparse(urljoin(url, href.replace("&amp;", "&")))
            if target.path.startswith(prefix) and not target.path.endswith((".pdf", ".docx")):
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return pages


def test_public_pages_are_strict_and_have_nothing_it_would_block(app, client, item_id):  # noqa: F811
    base = start(client, item_id)
    pages = crawl(client, ["/zwfw/", f"/zwfw/items/{item_id}", f"/zwfw/items/{item_id}/scenario",
                           f"/zwfw/items/{item_id}/consult", "/zwfw/status", f"{base}/applicant"], "/zwfw")
    assert len(pages) > 10
    for url, (response, html) in pages.items():
        policy = response.headers.get("Content-Security-Policy", "")
        assert "script-src 'self';" in policy and "unsafe-inline" not in policy, url
        assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy, url
        assert inline_problems(html) == [], url


def test_clerk_pages_are_strict(app, client, actors):
    login_as(client, "clerk_a")
    pages = crawl(client, ["/clerk/"], "/clerk", limit=20)
    for url, (response, html) in pages.items():
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"], url
        assert inline_problems(html) == [], url


def test_every_html_page_has_a_policy(app, client, actors):
    login_as(client, "sys")
    checked = 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.arguments or rule.rule.startswith(("/static", "/api/")):
            continue
        response = client.get(rule.rule)
        if response.mimetype == "text/html":
            assert "default-src 'self'" in response.headers.get("Content-Security-Policy", ""), rule.rule
            checked += 1
    assert checked > 20
