"""The browser side: json-logic-js 2.0.5 with logic-extra.js reproduces the stored vectors, and the
copy served to browsers is byte-identical to the npm package the vectors were made with."""
import subprocess

from .node_runner import ROOT, require_node


def test_vendored_json_logic_is_the_tested_package():
    require_node()
    vendored = (ROOT / "runtime/static/vendor/json-logic.js").read_bytes()
    assert vendored == (ROOT / "node_modules/json-logic-js/logic.js").read_bytes()


def test_node_reproduces_every_vector():
    node = require_node()
    run = subprocess.run([node, "tests/js/run_vectors.mjs"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
