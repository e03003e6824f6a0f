"""Walk the back office from the home page as a signed-in user: every page reachable by links under the
back-office paths, with the visible text of each (what a scan for English or UTC times reads)."""
from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

BACK_OFFICE = ("/clerk/", "/builder/", "/admin/", "/users/", "/roles/", "/departmentview/", "/auditeventview/",
               "/consultationview/", "/itemview/", "/itemversionview/", "/groups/", "/permissions/",
               "/viewmenus/", "/permissionviews/", "/resetmypassword/", "/userinfoeditview/")
# Links the walk must not follow: they change state, download, or leave the page's language.
SKIP = re.compile(r"/logout|/delete/|/download/|\.pdf$|/lang/|/files/|/action|/api/|_flt_|/back$|psort|_oc_|_od_")
# <code> holds commands and identifiers, which are not interface text
HIDDEN = re.compile(r"<(script|style|template|code)\b.*?</\1>|<!--.*?-->", re.S | re.I)
ATTRS = re.compile(r'\b(?:title|placeholder|aria-label|alt)="([^"]*)"|<input[^>]*type="(?:submit|button)"'
                   r'[^>]*value="([^"]*)"', re.I)


def visible_text(page: str) -> str:
    page = HIDDEN.sub(" ", page)
    extra = " ".join(a or b for a, b in ATTRS.findall(page))
    text = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(text + " " + extra))


def walk(client, start: str = "/", limit: int = 150) -> dict[str, str]:
    """{path: visible text} of the back-office pages reachable from ``start`` (GET only)."""
    seen, todo, pages = set(), [start], {}
    while todo and len(pages) < limit:
        path = todo.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code in (301, 302, 303):
            todo.append(urlsplit(response.headers["Location"]).path)
            continue
        assert response.status_code == 200, (path, response.status_code)
        if not response.mimetype == "text/html":
            continue
        body = response.get_data(as_text=True)
        pages[path] = visible_text(body)
        for href in re.findall(r'href="([^"#]+)"', body):
            href = html.unescape(urljoin(path, href))
            parts = urlsplit(href)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.netloc or SKIP.search(target) or target in seen:
                continue
            if parts.path == "/" or parts.path.startswith(BACK_OFFICE):
                todo.append(target)
    return pages
