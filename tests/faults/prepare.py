"""Set up a fault-test database in its own process (migrate, roles, the web-test departments and users,
the individual-business example item) and optionally open drafts; prints JSON for the test.

Usage: python -m tests.faults.prepare [--drafts N]   (DATABASE_URL and YIWANG_STORAGE_DIR from the env)
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "item_defs" / "individual-business-registration.json"
COMPLETE = ROOT / "tests/fixtures/applications/individual-business-registration/complete.json"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--drafts", type=int, default=0, help="open N drafts of the example item, filled in")
    args = parser.parse_args()
    from app import create_app
    from builder.item_store import latest_version, publish
    from runtime.extensions import db
    from runtime.models import Item
    from runtime.portal.drafts import create_draft
    from runtime.setup_cli import init_database
    from tests.web.people import build_world

    app = create_app()
    with app.app_context():
        out = {}
        init_database()
        example = json.loads(EXAMPLE.read_text("utf-8"))
        item = db.session.query(Item).filter_by(
            implementation_code=example["implementation"]["implementation_code"]).one_or_none()
        if item is None:
            world = build_world()
            item = publish(example).item
            db.session.commit()
            out.update(item_a=world.item_a, dept_a=world.dept_a.id)
        out["item"] = item.id
        complete = json.loads(COMPLETE.read_text("utf-8"))
        tokens = []
        for _ in range(args.drafts):
            application, token = create_draft(latest_version(item))
            application.applicant = complete.get("applicant", {})
            application.answers = complete.get("answers", {})
            tokens.append(token)
        db.session.commit()
        out["tokens"] = tokens
        print(json.dumps(out))


if __name__ == "__main__":
    main()
