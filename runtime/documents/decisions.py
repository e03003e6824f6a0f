"""The decision documents issued at 办结 of a licence (行政许可法 art. 38): 准予行政许可决定书 naming what
is granted, and 不予行政许可决定书 with the reasons and the applicant's remedies (art. 38 (2): review or
litigation), worded like the rejection notice."""
from __future__ import annotations

DECISION_KINDS = ("grant_decision", "refusal_decision")
BY_DECISION = {"granted": "grant_decision", "refused": "refusal_decision"}


def decision_kind(decision: str | None) -> str | None:
    return BY_DECISION.get(decision or "")


def model(kind: str, doc: dict, ctx, words: dict, fmt: dict) -> dict:
    documents = doc.get("documents") or {}
    fmt = {**fmt, "case_number": ctx.case_number or "—"}
    if kind == "grant_decision":
        return {"opening": words["decision.grant_opening"].format(**fmt),
                "content": ctx.reasons or ["(未填写许可内容)"],
                "collect": words["decision.grant_collect"]}
    return {"opening": words["decision.refusal_opening"].format(**fmt), "reasons": ctx.reasons or ["(未填写理由)"],
            "remedy": words["decision.refusal_remedy"].format(review=documents.get("review_authority", "本级人民政府"),
                                                               court=documents.get("court", "有管辖权的人民法院"))}
