"""A pytest plugin that runs the collected tests in another order, to find tests that depend on the ones
before them: ``YIWANG_TEST_ORDER=reverse`` or ``=<seed>`` (a seeded shuffle) with ``-p tests.order``.
Without the variable the order is pytest's own. See docs/CONVENTIONS.md, "Tests that pass every run"."""
import os
import random


def pytest_collection_modifyitems(session, config, items):
    order = os.environ.get("YIWANG_TEST_ORDER")
    if not order:
        return
    if order == "reverse":
        items.reverse()
    else:
        random.Random(int(order)).shuffle(items)
