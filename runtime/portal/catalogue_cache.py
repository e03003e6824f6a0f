"""Each worker's snapshot of the public catalogue (catalogue_index.py), kept current without making a
visitor wait for a reload.

The snapshot is stale once the ``catalogue`` change counter moved or it grew old. Reloading costs a few
milliseconds for a county but about 0.4 s for a province's 40,000 items, so:
- the first load of a worker, and any snapshot that loaded quickly (under INLINE_SECONDS), is reloaded
  in the request: that visitor sees the change at once;
- a slower one goes on being served while one background thread of the worker loads the next
  (stale-while-revalidate): the first visitor after a change gets the previous snapshot at the usual
  speed, and the change shows as soon as the load is done.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

from flask import Flask, current_app

from runtime import change_tracking
from runtime.extensions import db

from .catalogue_index import COUNTER, MAX_AGE_SECONDS, CatalogueIndex, load

INLINE_SECONDS = 0.05   # YIWANG_CATALOGUE_INLINE_SECONDS: loads quicker than this stay in the request
KEY = "yiwang_catalogue"
_LOCK = threading.Lock()
log = logging.getLogger(__name__)


@dataclass
class Snapshot:
    revision: int            # the change counter read before loading
    loaded_at: float         # time.monotonic()
    took: float              # seconds the load took
    index: CatalogueIndex
    refresher: threading.Thread | None = field(default=None)   # the background reload under way


def catalogue() -> CatalogueIndex:
    """This worker's snapshot: current, or (when reloading is slow) the previous one while the next loads."""
    revision = change_tracking.current(db.engine, COUNTER)
    app = current_app._get_current_object()
    held: Snapshot | None = app.extensions.get(KEY)
    if held is not None and held.revision == revision and time.monotonic() - held.loaded_at < MAX_AGE_SECONDS:
        return held.index
    if held is None or held.took < app.config.get("YIWANG_CATALOGUE_INLINE_SECONDS", INLINE_SECONDS):
        return _load(app, revision).index
    with _LOCK:   # one reload at a time per worker; the requests meanwhile keep the held snapshot
        if held.refresher is None:
            held.refresher = threading.Thread(target=_refresh, args=(app, held, revision), daemon=True,
                                              name="catalogue-refresh")
            held.refresher.start()
    return held.index


def _load(app: Flask, revision: int) -> Snapshot:
    # Loaded after the counter was read: a write committed in between is in the snapshot and bumps the
    # counter past ``revision``, so a later request loads again rather than missing it.
    started = time.monotonic()
    index = load()
    snapshot = Snapshot(revision, time.monotonic(), time.monotonic() - started, index)
    app.extensions[KEY] = snapshot
    return snapshot


def _refresh(app: Flask, held: Snapshot, revision: int) -> None:
    try:
        with app.app_context():
            _load(app, revision)
    except Exception:   # the held snapshot stays; the next request tries again
        log.exception("catalogue reload failed")
        with _LOCK:
            held.refresher = None
