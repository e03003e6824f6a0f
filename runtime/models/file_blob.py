"""The bytes of stored files kept in the database (YIWANG_FILE_STORE=postgresql, runtime/db_file_store.py),
so that every app server reaches them. A blob is split into chunks of a megabyte, written and read one
chunk at a time; ``store`` separates the uploaded files from the exchange's uploaded bundles."""
from flask_appbuilder import Model
from sqlalchemy import BigInteger, Column, Float, ForeignKey, Integer, LargeBinary, String, UniqueConstraint


class FileBlob(Model):
    __tablename__ = "file_blob"
    __table_args__ = (UniqueConstraint("store", "sha256", name="uq_file_blob_store_sha256"),)

    id = Column(Integer, primary_key=True)
    store = Column(String(16), nullable=False)       # "files" or "bundles"
    sha256 = Column(String(64), nullable=False)
    size = Column(BigInteger, nullable=False)
    modified = Column(Float, nullable=False)         # Unix time of the write, renewed by put() (sweeps, retention)


class FileBlobChunk(Model):
    __tablename__ = "file_blob_chunk"

    blob_id = Column(Integer, ForeignKey("file_blob.id", ondelete="CASCADE"), primary_key=True)
    n = Column(Integer, primary_key=True, autoincrement=False)
    data = Column(LargeBinary, nullable=False)
