"""pyHanko's signing and validation are coroutines; its synchronous wrappers call ``asyncio.run``, which
refuses to start inside a thread whose event loop is already running (an async worker, or Playwright's
synchronous API in the browser tests). ``run`` starts the coroutine where it can: on this thread when no
loop runs here, otherwise on a short-lived helper thread with a loop of its own."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Awaitable, Callable, TypeVar

T = TypeVar("T")


def run(make_coroutine: Callable[[], Awaitable[T]]) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()
