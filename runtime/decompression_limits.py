"""Refuse "decompression bombs": files whose few bytes declare an enormous decoded size — an image of
billions of pixels, a DOCX/XLSX/OFD package (ZIP) that unpacks to gigabytes. The server never decodes an
upload, but the clerk's browser and the citizen's office program do, so such a file is refused on upload."""
from __future__ import annotations

import io
import struct
import zipfile

MAX_PIXELS = 50_000_000            # an A4 page scanned at 600 dpi has about 35 million
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_PACKING_RATIO = 200            # real office files pack XML about 5-20 times
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _png_size(data: bytes):
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def _jpeg_size(data: bytes):
    """Width and height from the first frame header (SOFn), walking the marker segments."""
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2:i + 4])
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        i += 2 + length
    return None


def _zip_unpacked(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(info.file_size for info in archive.infolist())


def is_bomb(fmt: str, data: bytes) -> bool:
    """True when ``data`` (already detected as ``fmt``) declares a decoded size beyond the limits."""
    if fmt in ("png", "jpg"):
        size = _png_size(data) if fmt == "png" else _jpeg_size(data)
        return size is not None and size[0] * size[1] > MAX_PIXELS
    if fmt in ("docx", "xlsx", "ofd"):
        try:
            unpacked = _zip_unpacked(data)
        except (zipfile.BadZipFile, ValueError, OSError):
            return True
        return unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_PACKING_RATIO * max(len(data), 1)
    return False
