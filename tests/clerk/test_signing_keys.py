"""签章证书: a system administrator imports a department's PKCS#12 (replacing its key), retires it; bad
files and passwords get a Chinese message; only system administrators reach the page; a document signed
with a replaced key stays valid on the verify page."""
import io
import re
from datetime import datetime, timedelta, timezone

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Department, SigningKey
from tests.clerk.signing_fixtures import accepted_notice, demo_keys, register_row  # noqa: F401 - fixture
from tests.conftest import csrf_token, login, logout
from tests.web.people import PASSWORD


def p12(password: bytes, name="秦源县住房和城乡建设局电子印章") -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, name)])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now).not_valid_after(now + timedelta(days=30))
            .sign(key, hashes.SHA256()))
    return pkcs12.serialize_key_and_certificates(b"seal", key, cert, None, BestAvailableEncryption(password))


def send(client, department_id, data, password):
    token = csrf_token(client.get("/admin/signing-keys/").get_data(as_text=True))
    return client.post("/admin/signing-keys/", data={"csrf_token": token, "department": str(department_id),
                                                     "password": password, "file": (io.BytesIO(data), "seal.p12")},
                       content_type="multipart/form-data")


def test_import_replace_and_retire(app, client, case, demo_keys, monkeypatch):
    monkeypatch.setitem(app.config, "YIWANG_VERIFY_RATE_LIMIT", "1000/minute")
    demo_keys()
    old_notice = accepted_notice(client, case)                 # signed with the demo key
    old_row = register_row(app)
    logout(client)
    login(client, "clerk_zj", PASSWORD)
    assert client.get("/admin/signing-keys/").status_code == 403
    logout(client)
    login(client, "sys", PASSWORD)
    with app.app_context():
        dept = db.session.scalar(select(Department).where(Department.name == "秦源县住房和城乡建设局"))
        dept_id = dept.id
    wrong = send(client, dept_id, p12(b"right"), "wrong")
    assert wrong.status_code == 400 and "密码不正确" in wrong.get_data(as_text=True)
    junk = send(client, dept_id, b"not a certificate", "x")
    assert junk.status_code == 400 and "不是 PKCS#12 文件" in junk.get_data(as_text=True)
    ok = send(client, dept_id, p12(b"right"), "right")
    assert ok.status_code == 302
    page = client.get("/admin/signing-keys/").get_data(as_text=True)
    assert "今后以“秦源县住房和城乡建设局电子印章”签章" in page
    with app.app_context():
        keys = db.session.scalars(select(SigningKey).where(SigningKey.department_id == dept_id)
                                  .order_by(SigningKey.id)).all()
        assert [(k.demo, k.active) for k in keys] == [(True, False), (False, True)]
        new_id = keys[1].id
    # the document signed with the replaced demo key still checks out
    code = old_row.verify_code
    url = f"/zwfw/verify/{code[:4]}-{code[4:8]}-{code[8:]}"
    token = csrf_token(client.get(url).get_data(as_text=True))
    check = client.post(url, data={"csrf_token": token, "file": (io.BytesIO(old_notice), "n.pdf")},
                        content_type="multipart/form-data").get_data(as_text=True)
    assert "✔ 电子签章有效" in check
    token = csrf_token(client.get("/admin/signing-keys/").get_data(as_text=True))
    client.post(f"/admin/signing-keys/{new_id}/retire", data={"csrf_token": token})
    with app.app_context():
        assert db.session.get(SigningKey, new_id).active is False
    assert re.search("已停用", client.get("/admin/signing-keys/").get_data(as_text=True))
