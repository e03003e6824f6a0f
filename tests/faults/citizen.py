"""A citizen filling in the individual-business example over HTTP, and the database invariants every
fault test checks afterwards."""
from __future__ import annotations

import hashlib
import json
import urllib.parse
from collections import defaultdict
from pathlib import Path

from sqlalchemy import text

from tests.faults.http_session import Browser, csrf_token

OPERATOR = {"operator_name": "张三", "operator_id_number": "11010519491231002X", "operator_mobile": "13800138000",
            "form_of_business": "individual", "by_agent": "false"}
BUSINESS = {"has_name": "false", "industry": "retail", "business_scope": "日用百货零售",
            "premises_address": "秦源县人民路1号", "premises_region": "610424", "premises_ownership": "own",
            "employees": "2", "capital": "50000"}
APPLICANT = {"type": "person", "name": "张三", "id_number": "11010519491231002X", "mobile": "13800138000"}


def pdf(label: str) -> bytes:
    return f"%PDF-1.4\n% {label}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF".encode()


def start(browser: Browser, item_id: int) -> str:
    """Open a draft; returns its base path /zwfw/a/<token>."""
    page = browser.get(f"/zwfw/items/{item_id}/apply")
    response = browser.post(f"/zwfw/items/{item_id}/start", {"csrf_token": csrf_token(page.text)})
    assert response.status == 302, response.status
    return urllib.parse.urlparse(response.location).path.rsplit("/", 1)[0]


def saved(response) -> None:
    """The page told the user it was saved: a redirect to the next page (never an error page)."""
    assert response.status == 302, f"HTTP {response.status}: {response.text[:500]}"


def fill_in(browser: Browser, base: str) -> None:
    saved(browser.submit_form(f"{base}/applicant", {**APPLICANT, "go": "next"}))
    saved(browser.submit_form(f"{base}/step_operator", {**OPERATOR, "go": "next"}))
    saved(browser.submit_form(f"{base}/step_business", {**BUSINESS, "go": "next"}))
    saved(browser.submit_form(f"{base}/step_declaration", {"truthfulness_pledge": "true", "go": "next"}))


def upload(browser: Browser, base: str, material: str, content: bytes, name: str = "scan.pdf"):
    return browser.submit_form(f"{base}/materials", {"material": material}, {"files": (name, content)})


def application_row(conn, base: str):
    token = base.rsplit("/", 1)[1]
    row = dict(conn.execute(text("SELECT * FROM application WHERE resume_token_hash = :h"),
                            {"h": hashlib.sha256(token.encode()).hexdigest()}).mappings().one())
    for column in ("applicant", "answers", "materials", "prereview"):
        row[column] = json_value(row[column])
    return row


def json_value(value):
    """JSON columns come back parsed from PostgreSQL, as text from SQLite."""
    return json.loads(value) if isinstance(value, str) else value


def status_events(conn, application_id: int) -> list[str]:
    return list(conn.execute(text("SELECT status_to FROM application_event WHERE application_id = :i ORDER BY id"),
                             {"i": application_id}).scalars())


def assert_consistent(conn, storage: Path) -> None:
    """No partial state anywhere: every stored-file row has its complete file; every material file row
    is listed in its application's materials; every 申请编号 sequence is unique and without gaps."""
    for sha, size in conn.execute(text("SELECT sha256, size FROM stored_file")):
        path = storage / sha[:2] / sha[2:4] / sha
        assert path.is_file(), f"stored_file {sha} has no file"
        data = path.read_bytes()
        assert len(data) == size and hashlib.sha256(data).hexdigest() == sha, f"file {sha} is incomplete"
    for path in storage.rglob("*"):  # files no row points to (`flask files sweep` removes them) are never half-written
        if path.is_file() and len(path.name) == 64:
            assert hashlib.sha256(path.read_bytes()).hexdigest() == path.name, f"{path} is incomplete"
    files = conn.execute(text("SELECT f.application_id, f.material_id, f.original_name, s.sha256 FROM application_file f "
                              "JOIN stored_file s ON s.id = f.stored_file_id")).all()
    listed = defaultdict(list)
    for app_id, materials in conn.execute(text("SELECT id, materials FROM application")):
        for material_id, entry in (json_value(materials) or {}).items():
            for meta in (entry or {}).get("files") or []:
                listed[app_id].append((material_id, meta.get("name"), meta.get("sha256")))
    rows = defaultdict(list)
    for app_id, material_id, name, sha in files:
        rows[app_id].append((material_id, name, sha))
    for app_id in set(listed) | set(rows):
        assert sorted(listed[app_id]) == sorted(rows[app_id]), f"application {app_id}: files and materials disagree"
    numbers = list(conn.execute(text("SELECT number FROM application WHERE number IS NOT NULL")).scalars())
    assert len(numbers) == len(set(numbers)), "duplicate application numbers"
    by_day = defaultdict(list)
    for number in numbers:
        prefix, _, seq = number.rpartition("-")
        by_day[prefix].append(int(seq))
    for prefix, seqs in by_day.items():
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), f"numbers {prefix}-… have gaps: {sorted(seqs)}"
