"""Citizens' PDFs shown to clerks as page images rendered on the server, never in the browser's PDF
viewer: a PDF can carry JavaScript (``app.alert``, a password prompt written by the citizen, popups)
that the viewer runs. poppler's ``pdftoppm`` renders in a child process with a time limit and a memory
cap, so a hostile file costs seconds at most, and no script in it ever reaches a browser."""
from __future__ import annotations

import re
import resource
import subprocess
import tempfile
from pathlib import Path

MAX_PAGES = 30          # pages previewed; the rest are in the downloaded original
TIMEOUT = 20            # seconds per call
MEMORY = 1024 ** 3      # address space of the child process
WIDTH = 1200            # pixels of a rendered page


class PreviewFailed(RuntimeError):
    """The file could not be rendered (damaged, encrypted, too slow)."""


def _limits():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _run(args: list[str]) -> bytes:
    try:
        done = subprocess.run(args, capture_output=True, timeout=TIMEOUT, preexec_fn=_limits, check=False)
    except (subprocess.TimeoutExpired, OSError) as exc:
        raise PreviewFailed(type(exc).__name__) from None
    if done.returncode != 0:
        raise PreviewFailed(done.stderr[:200].decode("utf-8", "replace"))
    return done.stdout


def page_count(path: str) -> int:
    """Pages to preview (at most MAX_PAGES); 0 when the file cannot be read."""
    try:
        info = _run(["pdfinfo", path]).decode("utf-8", "replace")
    except PreviewFailed:
        return 0
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    return min(int(match.group(1)), MAX_PAGES) if match else 0


def render_page(path: str, page: int) -> bytes:
    """PNG of page ``page`` (1-based)."""
    with tempfile.TemporaryDirectory() as out:
        _run(["pdftoppm", "-png", "-f", str(page), "-l", str(page), "-scale-to", str(WIDTH), "-singlefile",
              path, str(Path(out) / "page")])
        return (Path(out) / "page.png").read_bytes()
