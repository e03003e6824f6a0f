"""Keep an uploaded file: check its real format and size, store the bytes, record the metadata."""
from __future__ import annotations

from flask import Response, abort, current_app, request, send_file
from flask_babel import gettext as _
from sqlalchemy import select

from runtime.decompression_limits import MAX_PIXELS, is_bomb
from runtime.extensions import db
from runtime.file_store_setting import open_store
from runtime.file_types import MEDIA_TYPES, detect_format
from runtime.models import StoredFile
from runtime.storage import FileStore


class FileRejected(ValueError):
    """The upload is not acceptable; the message says why, in the user's language."""


def file_store():
    """The store of uploaded files and attachments (local folder or PostgreSQL: file_store_setting.py)."""
    return open_store("files")


def stored_response(sha256: str, media_type: str, headers: dict[str, str]) -> Response:
    """A stored file as a streamed response, never read whole into memory: from the local folder by
    ``send_file`` (the server may use sendfile; conditional requests and byte ranges as Flask gives them),
    from PostgreSQL one chunk (1 MiB) at a time. ``headers`` (disposition, nosniff, cache, policy) are set
    as given, replacing send_file's own cache headers. The ETag is the content hash. Missing bytes
    (removed, or kept on another server's disk when several servers run without the shared store) are a
    404 and a warning in the log, never a 500."""
    store = file_store()
    try:
        if isinstance(store, FileStore):
            response = send_file(store.path_for(sha256).absolute(), mimetype=media_type, conditional=True, etag=sha256)
        else:
            size, parts = store.open_chunks(sha256)
            response = Response(parts, mimetype=media_type, direct_passthrough=True)
            response.content_length = size
            response.set_etag(sha256)
            response.make_conditional(request)   # an unchanged copy is a 304, and no chunk is read
    except FileNotFoundError:
        current_app.logger.warning("stored file %s is missing from the file store", sha256[:12])
        abort(404)
    response.headers.update(headers)
    return response


def save_file(data: bytes, *, formats=tuple(MEDIA_TYPES), max_bytes: int | None = None) -> StoredFile:
    """Store ``data`` if its content is one of ``formats`` and not larger than ``max_bytes``."""
    if not data:
        raise FileRejected(_("The file is empty."))
    if max_bytes is not None and len(data) > max_bytes:
        raise FileRejected(_("The file is too large: %(size)d KB; at most %(limit)d KB is allowed.",
                              size=round(len(data) / 1024), limit=max_bytes // 1024))
    fmt = detect_format(data)
    if fmt is None or fmt not in formats:
        allowed = "、".join(f.upper() for f in formats)
        raise FileRejected(_("The file content is not an allowed format (%(allowed)s); renaming a file does not change its format.",
                              allowed=allowed))
    if is_bomb(fmt, data):
        raise FileRejected(_("The file would expand to an unreasonable size when opened (an image of more than %(mp)d million pixels, or a package that unpacks to far more than its size). Please upload a normal scan or document.",
                              mp=MAX_PIXELS // 1_000_000))
    blob = file_store().put(data)
    row = db.session.scalar(select(StoredFile).where(StoredFile.sha256 == blob.sha256))
    if row is None:
        row = StoredFile(sha256=blob.sha256, size=blob.size, format=fmt, media_type=MEDIA_TYPES[fmt])
        db.session.add(row)
        db.session.flush()
    return row
