"""Access to Node with json-logic-js installed, for the agreement tests. Locally a missing Node or
``npm ci`` skips them; under CI (CI=1) it fails them, so agreement is always proven before merge."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .js_values import loads

ROOT = Path(__file__).resolve().parents[2]


def require_node() -> str:
    node = shutil.which("node")
    problem = None
    if node is None:
        problem = "node is not installed"
    elif not (ROOT / "node_modules" / "json-logic-js").is_dir():
        problem = "json-logic-js is not installed (run: npm ci)"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)
    return node


class NodeEvaluator:
    """One long-lived ``node tests/js/eval_batch.mjs``: a line in, a line out."""

    def __init__(self):
        self.process = subprocess.Popen([require_node(), str(ROOT / "tests/js/eval_batch.mjs")], cwd=ROOT,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")

    def apply(self, rule, data):
        self.process.stdin.write(json.dumps({"rule": rule, "data": data}) + "\n")
        self.process.stdin.flush()
        return loads(self.process.stdout.readline())["result"]

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)
