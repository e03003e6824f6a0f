"""`flask jobs worker` with every planned item taking SLOW_PLAN_SECONDS (default 2 s), so a test can
watch or kill it in the middle of a job (tests/exchange/test_import_jobs.py,
tests/browser/test_import_progress.py). Configured from the environment like the real command."""
import os
import time

import builder.import_steps as steps

_plan = steps.iter_plan


def _slow_plan(*args, **kwargs):
    for entry in _plan(*args, **kwargs):
        time.sleep(float(os.environ.get("SLOW_PLAN_SECONDS", "2")))
        yield entry


steps.iter_plan = _slow_plan

if __name__ == "__main__":
    from app import create_app
    create_app().test_cli_runner().invoke(args=["jobs", "worker"], catch_exceptions=False)
