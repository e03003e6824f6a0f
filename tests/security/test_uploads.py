"""Upload attacks: names that try to climb out of the store, content that lies about its type, sizes
over the limits, decompression bombs and empty files are refused with a Chinese reason; what is stored
lives only under its SHA-256 and is served with nosniff and a Content-Type from its real content."""
from __future__ import annotations

import io
from hashlib import sha256
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from runtime.decompression_limits import is_bomb
from runtime.extensions import db
from runtime.models import Application, ApplicationFile
from runtime.storage import FileStore
from tests.security.conftest import PDF, login_as, make_application, post_with_token


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width: int, height: int) -> bytes:
    """A PNG declaring width x height; the pixel data is one tiny compressed row (enough to fool a header check)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(b"\x00" * (width + 1))[:64]) + \
        _chunk(b"IEND", b"")


def jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def docx(document: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return out.getvalue()


@pytest.fixture
def draft(app, actors):
    with app.app_context():
        app_id, token = make_application(actors.item_a, status="draft", materials={})
    return app_id, f"/zwfw/a/{token}/materials"


def _upload(client, url, content: bytes, name: str, material="application_form", mimetype=None):
    file = (io.BytesIO(content), name, mimetype) if mimetype else (io.BytesIO(content), name)
    return post_with_token(client, url, data={"material": material, "files": file}, content_type="multipart/form-data")


def _stored_names(app) -> list[Path]:
    """Every file in the store (the store outlives a test: compare before and after)."""
    root = Path(app.config["YIWANG_STORAGE_DIR"])
    return sorted(p for p in root.rglob("*") if p.is_file())


def _files_of(app, app_id) -> list[ApplicationFile]:
    with app.app_context():
        return db.session.get(Application, app_id).files


REFUSED = [
    ("exe named .pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "setup.pdf", "不是允许的格式"),
    ("html named .jpg", b"<html><script>alert(1)</script></html>", "photo.jpg", "不是允许的格式"),
    ("svg named .png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "a.png", "不是允许的格式"),
    ("a docx where a scan is asked", docx(b"<w/>"), "scan.pdf", "不是允许的格式"),
    ("empty file", b"", "empty.pdf", "文件为空"),
    ("over the material's 5120 KB", b"%PDF-1.4\n" + b"0" * (5121 * 1024), "big.pdf", "文件过大"),
    ("PNG bomb (100000 x 100000 pixels)", png(100_000, 100_000), "bomb.png", "膨胀到异常大小"),
    ("JPEG bomb (65000 x 65000 pixels)", jpeg(65_000, 65_000), "bomb.jpg", "膨胀到异常大小"),
]


@pytest.mark.parametrize("label,content,name,message", REFUSED, ids=[r[0] for r in REFUSED])
def test_bad_uploads_are_refused_in_chinese(app, client, draft, label, content, name, message):
    app_id, url = draft
    before = _stored_names(app)
    response = _upload(client, url, content, name)
    assert response.status_code == 400, label
    assert message in response.get_data(as_text=True), label
    assert _files_of(app, app_id) == [] and _stored_names(app) == before


def test_normal_images_pass_the_bomb_check():
    assert not is_bomb("png", png(4960, 7016)) and not is_bomb("jpg", jpeg(4960, 7016))  # A4 at 600 dpi
    assert not is_bomb("docx", docx(b"<w:document>" + "正文".encode() * 2000 + b"</w:document>"))


def test_zip_bomb_is_refused_for_definition_files(app, client, actors):
    login_as(client, "sys")
    from tests.security.conftest import token_of
    token = token_of(client.get("/builder/").get_data(as_text=True))
    bomb = docx(b"\x00" * (30 * 1024 * 1024))  # 30 MB of zeros pack to ~30 KB
    response = client.post(f"/builder/api/items/{actors.item_a}/files", data={"file": (io.BytesIO(bomb), "form.docx")},
                           headers={"X-CSRFToken": token}, content_type="multipart/form-data")
    assert response.status_code == 400 and "膨胀到异常大小" in response.json["message"]
    honest = docx(b"<w:document>" + "申请书".encode() * 500 + b"</w:document>")
    response = client.post(f"/builder/api/items/{actors.item_a}/files", data={"file": (io.BytesIO(honest), "form.docx")},
                           headers={"X-CSRFToken": token}, content_type="multipart/form-data")
    assert response.status_code == 200 and response.json["media_type"].endswith("wordprocessingml.document")


def _patched_zip(declared: int) -> bytes:
    """An exchange bundle whose central directory declares ``declared`` bytes for its only member."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", b"\x00" * 1024 * 1024)
    data = bytearray(out.getvalue())
    central = data.index(b"PK\x01\x02")
    data[central + 24:central + 28] = struct.pack("<I", declared)
    data[22:26] = struct.pack("<I", declared)
    return bytes(data)


@pytest.mark.parametrize("declared,problem", [(0xFFFFFFF0, "过大"), (100, "已损坏")],
                         ids=["declares 4 GB", "declares 100 bytes but unpacks to 1 MB"])
def test_exchange_bundle_bombs_are_refused(app, client, actors, declared, problem):
    login_as(client, "sys")
    response = post_with_token(client, "/builder/exchange/", "/builder/exchange/import",
                               data={"bundle": (io.BytesIO(_patched_zip(declared)), "items.zip")},
                               content_type="multipart/form-data")
    assert response.status_code == 400 and problem in response.get_data(as_text=True)


def test_request_over_the_global_limit_gets_a_chinese_413(app, client, draft, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 256 * 1024)
    response = _upload(client, draft[1], b"%PDF-1.4\n" + b"0" * (512 * 1024), "huge.pdf")
    assert response.status_code == 413 and "上传的文件过大" in response.get_data(as_text=True)


TRAVERSAL = ["../../../../etc/passwd.pdf", "..\\..\\windows\\win.ini.pdf", "/etc/shadow.pdf",
             "~/.ssh/authorized_keys.pdf", "C:\\boot.pdf"]


def test_file_names_never_reach_the_file_system(app, client, draft, actors):
    app_id, url = draft
    before = set(_stored_names(app))
    for name in TRAVERSAL:
        assert _upload(client, url, PDF, name, material="premises_proof", mimetype="text/html").status_code == 302, name
    root = Path(app.config["YIWANG_STORAGE_DIR"])
    stored = [p for p in _stored_names(app) if p not in before] or [p for p in before if p.name == sha256(PDF).hexdigest()]
    assert len(stored) == 1  # the same bytes, stored once, under their hash
    path = stored[0]
    assert path.parent.parent.parent == root and path.name == FileStore(root).path_for(path.name).name
    assert path.name == sha256(PDF).hexdigest()
    names = [f.original_name for f in _files_of(app, app_id)]
    assert len(names) == len(TRAVERSAL)  # kept as display text only


def test_stored_files_are_served_by_id_with_safe_headers(app, client, actors):
    with app.app_context():
        app_id, _token = make_application(actors.item_a)
        from runtime.stored_files import save_file
        row = save_file(PDF)
        file_row = ApplicationFile(application_id=app_id, material_id="application_form", stored_file_id=row.id,
                                   original_name='a"; filename="evil.html')
        db.session.add(file_row)
        db.session.commit()
        file_id = file_row.id
    login_as(client, "clerk_a")
    response = client.get(f"/clerk/files/{file_id}")
    assert response.status_code == 200 and response.data == PDF
    assert response.mimetype == "application/pdf"  # from the content, not from the name or the browser
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # the user's name is not put in a header; a PDF is only downloaded (clerks see it as page images,
    # tests/security/test_pdf_preview.py), so the browser's viewer never runs a script in it
    assert response.headers["Content-Disposition"] == "attachment"
    policy = response.headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'none'") and "sandbox" in policy and "script-src" not in policy
    for path in ("../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/etc/passwd", "1/../2"):
        assert client.get(f"/clerk/files/{path}").status_code == 404
    with pytest.raises(ValueError):
        FileStore(app.config["YIWANG_STORAGE_DIR"]).path_for("../" + "a" * 61)


def test_definition_files_are_attachments_with_encoded_names(app, client, actors):
    """A blank form in the guide is served only if the published definition names it, as an attachment."""
    import json

    from builder.item_store import publish
    from runtime.stored_files import save_file
    from tests.security.conftest import EXAMPLE
    with app.app_context():
        sha = save_file(PDF).sha256
        doc = json.loads(EXAMPLE.read_text("utf-8"))
        doc["guide"]["downloads"][0]["file"] = {"name": '申请书"\r\nSet-Cookie: a=b.pdf', "sha256": sha}
        publish(doc)
        db.session.commit()
        other = save_file(docx(b"<w/>")).sha256  # stored, but no definition names it
    response = client.get(f"/zwfw/items/{actors.item_a}/files/{sha}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    assert "\r" not in response.headers["Content-Disposition"] and "Set-Cookie" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/zwfw/items/{actors.item_a}/files/{other}").status_code == 404
    assert client.get(f"/zwfw/items/{actors.item_a}/files/..%2F..%2Fsecret_key").status_code == 404
