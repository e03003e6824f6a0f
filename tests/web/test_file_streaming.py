"""Stored files are streamed to the client, never read whole into memory (runtime/stored_files.py): from
the local folder by send_file (conditional requests and byte ranges), from PostgreSQL one chunk at a
time, read when the client is ready for it. Checked on the clerk's case-file download and the portal's
blank-form download, with a 20 MB file, in both stores; the headers stay as they were."""
from __future__ import annotations

import hashlib
import json
import random
import tracemalloc
from contextlib import contextmanager
from urllib.parse import quote

import pytest
from sqlalchemy import event

from builder.item_store import publish
from runtime import db_file_store
from runtime.extensions import db
from runtime.models import ApplicationFile
from tests.conftest import DB_KIND
from tests.security.conftest import EXAMPLE, actors, login_as, make_application   # noqa: F401 - fixture

MB = 1024 * 1024
STORES = ["local", pytest.param("postgresql", marks=pytest.mark.skipif(
    DB_KIND != "postgresql", reason="the shared file store is PostgreSQL's"))]


def big_pdf(size: int = 20 * MB, seed: int = 22) -> bytes:
    """``size`` bytes of a "PDF" (its format is read from the first bytes), random so a chunk out of place shows."""
    return b"%PDF-1.4\n" + random.Random(seed).randbytes(size - 9)


@contextmanager
def on_store(app, kind: str, folder):
    """The app on the store ``kind``, with a folder of the test's own (20 MB files stay out of the session's)."""
    before = dict(app.config)
    app.config.update(YIWANG_FILE_STORE=kind, YIWANG_STORAGE_DIR=str(folder / "files"))
    try:
        yield kind
    finally:
        app.config.update(YIWANG_FILE_STORE=before["YIWANG_FILE_STORE"], YIWANG_STORAGE_DIR=before["YIWANG_STORAGE_DIR"])


@pytest.fixture(params=STORES)
def kind(request, app, tmp_path):
    with on_store(app, request.param, tmp_path):
        yield request.param


@pytest.fixture
def chunk_reads(app):
    """How many chunk rows the PostgreSQL store has read so far (a list holding the count)."""
    seen = [0]

    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "file_blob_chunk.data" in statement:
            seen[0] += 1
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    yield seen
    event.remove(engine, "before_cursor_execute", count)


def blank_form(app, data: bytes, name: str = "申请书(空白).pdf") -> tuple[int, str]:
    """The example item published with ``data`` as a blank form in its guide: (item id, sha256)."""
    from runtime.stored_files import save_file
    with app.app_context():
        sha = save_file(data).sha256
        doc = json.loads(EXAMPLE.read_text("utf-8"))
        doc["guide"]["downloads"][0]["file"] = {"name": name, "sha256": sha}
        item_id = publish(doc).item.id
        db.session.commit()
    return item_id, sha


def case_file(app, actors, data: bytes) -> int:   # noqa: F811 - the fixture's value
    """``data`` uploaded to an application of department 甲's item: the clerk's file id."""
    from runtime.stored_files import save_file
    with app.app_context():
        app_id, _token = make_application(actors.item_a)
        row = ApplicationFile(application_id=app_id, material_id="application_form", stored_file=save_file(data),
                              original_name="营业场所证明.pdf")
        db.session.add(row)
        db.session.commit()
        return row.id


def streamed(response, data: bytes, each=lambda: None) -> int:
    """Read the body as the server sends it, checking it is ``data`` exactly; returns the largest piece.
    ``each`` is called after every piece."""
    digest, total, largest = hashlib.sha256(), 0, 0
    for piece in response.response:
        digest.update(piece)
        total += len(piece)
        largest = max(largest, len(piece))
        each()
    response.close()
    assert total == len(data) and digest.hexdigest() == hashlib.sha256(data).hexdigest()
    return largest


def test_a_20_mb_blank_form_is_streamed_with_its_headers(app, client, kind, chunk_reads):
    data = big_pdf()
    item_id, sha = blank_form(app, data)
    url = f"/zwfw/items/{item_id}/files/{sha}"
    tracemalloc.start()
    try:
        response = client.get(url)   # the test client takes the first piece with the headers
        reads = []                   # chunks read from PostgreSQL after each piece the client took
        largest = streamed(response, data, lambda: reads.append(chunk_reads[0]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * MB, f"serving took {peak / MB:.1f} MB"   # read whole, it took more than 20
    assert largest <= MB
    if kind == "postgresql":
        assert reads == list(range(1, 21))   # a query per 1 MiB chunk, each when the client wanted it
    assert response.headers["Content-Length"] == str(len(data)) and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f"attachment; filename*=UTF-8''{quote('申请书(空白).pdf')}"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "public, max-age=86400"
    assert response.headers["ETag"] == f'"{sha}"'
    again = client.get(url, headers={"If-None-Match": f'"{sha}"'})     # the browser's copy is current
    assert again.status_code == 304 and again.data == b""
    if kind == "postgresql":
        assert chunk_reads[0] == 20


def test_a_20_mb_case_file_is_streamed_to_the_clerk_with_its_headers(app, client, kind, actors):   # noqa: F811
    data = big_pdf(seed=23)
    file_id = case_file(app, actors, data)
    login_as(client, "clerk_a")
    tracemalloc.start()
    try:
        response = client.get(f"/clerk/files/{file_id}")
        assert response.status_code == 200 and response.is_streamed
        streamed(response, data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * MB, f"serving took {peak / MB:.1f} MB"
    assert response.headers["Content-Disposition"] == "attachment"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["Content-Security-Policy"] == \
        "default-src 'none'; img-src 'self'; sandbox; frame-ancestors 'self'"
    login_as(client, "clerk_b")                                        # another department's clerk: not theirs
    assert client.get(f"/clerk/files/{file_id}").status_code in (403, 404)


def test_the_local_store_answers_byte_ranges(app, client, tmp_path):
    with on_store(app, "local", tmp_path):
        data = big_pdf(2 * MB)
        item_id, sha = blank_form(app, data)
        part = client.get(f"/zwfw/items/{item_id}/files/{sha}", headers={"Range": "bytes=1000000-1000099"})
    assert part.status_code == 206 and part.data == data[1_000_000:1_000_100]
    assert part.headers["Content-Range"] == f"bytes 1000000-1000099/{len(data)}"
    assert part.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.skipif(DB_KIND != "postgresql", reason="the shared file store is PostgreSQL's")
def test_small_chunks_come_back_exact_and_in_order(app, client, chunk_reads, monkeypatch, tmp_path):
    """Written in 1,000-byte chunks (the last one short), served one chunk per query; read back the same
    after the chunk size changed, as the chunks are read by number until the size is reached."""
    monkeypatch.setattr(db_file_store, "CHUNK", 1000)
    with on_store(app, "postgresql", tmp_path):
        data = big_pdf(10_500)
        item_id, sha = blank_form(app, data)
        response = client.get(f"/zwfw/items/{item_id}/files/{sha}")
        pieces = list(response.response)
        assert b"".join(pieces) == data and [len(p) for p in pieces] == [1000] * 10 + [500]
        assert chunk_reads[0] == 11
        monkeypatch.setattr(db_file_store, "CHUNK", MB)
        assert client.get(f"/zwfw/items/{item_id}/files/{sha}").data == data


def test_bytes_missing_from_either_store_are_a_404(app, client, kind):
    data = big_pdf(5000, seed=5)
    item_id, sha = blank_form(app, data)
    with app.app_context():
        from runtime.stored_files import file_store
        assert file_store().remove_unused(sha, since=float("inf"))
    assert client.get(f"/zwfw/items/{item_id}/files/{sha}").status_code == 404
