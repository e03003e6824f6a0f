"""Signing and checking work in a thread whose event loop is already running (an async worker; the
browser tests' Playwright): pyHanko's own synchronous wrappers fail there with "asyncio.run() cannot be
called from a running event loop"."""
import asyncio
from concurrent.futures import ThreadPoolExecutor

from runtime.documents import pyhanko_calls


async def _answer():
    await asyncio.sleep(0)
    return 42


def test_a_coroutine_runs_with_no_loop_and_inside_a_running_loop():
    assert pyhanko_calls.run(_answer) == 42

    async def caller():
        return pyhanko_calls.run(_answer)   # synchronous call from inside a running loop

    with ThreadPoolExecutor(max_workers=1) as pool:   # a thread of its own: the suite's main thread may run a loop
        assert pool.submit(lambda: asyncio.run(caller())).result() == 42
