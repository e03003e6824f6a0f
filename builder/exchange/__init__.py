"""Exchange of item definitions between counties and the province: bundles (bundle.py), export
(export.py), import planning with 三级四同 merging (local_keys.py, plan.py) and applying (apply.py).
See docs/exchange.md."""
