"""The one exception of the JsonLogic package."""
from __future__ import annotations


class LogicError(ValueError):
    """A rule that json-logic-js would refuse: an unknown operation, a shape that always throws
    (e.g. ``{"*": []}``), or a runtime TypeError json-logic-js would raise."""
