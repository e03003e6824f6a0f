"""The legal wording of Yiwang's documents, one catalogue (keys -> Simplified Chinese). A theme may
override any key (themes/<name>/theme.json "wording"), e.g. to name the county's own regulations."""
from __future__ import annotations

WORDING: dict[str, str] = {
    "title.one_time_notice": "补正材料一次性告知书",
    "title.acceptance_notice": "受理通知书",
    "title.acceptance_slip": "受理回执",
    "title.acceptance_notice_tolerated": "容缺受理通知书",
    "title.acceptance_slip_tolerated": "容缺受理回执",
    "title.receipt": "收件凭证",
    "title.rejection_notice": "不予受理通知书",
    "title.fee_notice": "缴费通知书",
    "title.guide": "办事指南",
    "title.grant_decision": "准予行政许可决定书",
    "title.refusal_decision": "不予行政许可决定书",
    "one_time.opening": "你（单位）于{received}提出的{item}申请，经审查，申请材料不齐全或者不符合法定形式。"
                        "根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现一次性告知你（单位）需要补正的全部内容如下：",
    "one_time.deadline": "请于{deadline}前补正。{channel}逾期未补正的，视为撤回申请。",
    "one_time.from_complete": "受理时间自收到全部补正材料之日起计算。",
    "acceptance.opening": "你（单位）于{received}提出的{item}申请，申请材料齐全、符合法定形式。根据《中华人民共和国行政许可法》"
                          "第三十二条第一款第（五）项的规定，决定予以受理。",
    "acceptance.opening_tolerated": "你（单位）于{received}提出的{item}申请，经审查，主要申请材料齐全、符合法定形式，下列"
                                    "容缺材料暂未提交。根据《中华人民共和国行政许可法》第三十二条第一款第（五）项和容缺受理的有关规定，"
                                    "决定予以容缺受理。",
    "acceptance.tolerated_consequence": "请在上述期限内补交容缺材料。容缺材料补齐前，本机关不作出审批决定、不出具办理结果；"
                                        "逾期未补交的，视为撤回申请，本机关终止办理并退回已收取的申请材料。",
    "acceptance.tolerated_consequence_short": "容缺材料补齐前不作出审批决定；逾期未补交的，视为撤回申请。",
    "acceptance.limits": "法定办结时限为{legal}；承诺办结时限为{promised}，承诺办结日期为{promised_date}。",
    "acceptance.special": "{name}所需时间不超过{limit}，不计入办结时限。",
    "acceptance.progress": "可凭申请编号{number}和申请人证件号码在政务服务网“结果反馈”栏目或拨打{phone}查询办理进度。",
    "acceptance.delivery": "办理结果送达方式：{delivery}。",
    "receipt.opening": "你（单位）于{received_at}通过{channel}提交的{item}申请已收到，申请编号为{number}。",
    "receipt.channel_online": "政务服务网",
    "receipt.channel_window": "政务服务窗口",
    "receipt.not_acceptance": "本凭证仅证明本机关已收到下列申请材料，不表示申请已被受理。",
    "receipt.next": "本机关将在{notice_due}前审查申请材料：材料齐全、符合法定形式的，予以受理并出具受理通知书；"
                    "需要补正的，一次性告知需要补正的全部内容。",
    "receipt.deemed_accepted": "逾期不告知的，自收到申请材料之日起即为受理（《中华人民共和国行政许可法》第三十二条第一款第（四）项）。",
    "receipt.generated": "本凭证由系统生成，无需盖章。",
    "rejection.opening": "你（单位）于{received}提出的{item}申请，经审查，根据《中华人民共和国行政许可法》第三十二条第一款的规定，决定不予受理。理由如下：",
    "rejection.authority": "请向{authority}提出申请。",
    "rejection.remedy": "如不服本决定，可以自收到本通知书之日起六十日内向{review}申请行政复议，或者在六个月内依法向{court}提起行政诉讼。",
    "rejection.return": "你（单位）提交的申请材料原件已全部退回。",
    "decision.grant_opening": "你（单位）于{received}提出的{item}申请（受理编号：{case_number}），经审查，符合法定条件、标准。"
                              "根据《中华人民共和国行政许可法》第三十八条第一款的规定，决定准予行政许可。",
    "decision.grant_collect": "需要颁发行政许可证件的，本机关自作出决定之日起十日内向你（单位）颁发、送达。",
    "decision.refusal_opening": "你（单位）于{received}提出的{item}申请（受理编号：{case_number}），经审查，"
                                "根据《中华人民共和国行政许可法》第三十八条第二款的规定，决定不予行政许可。理由如下：",
    "decision.refusal_remedy": "如不服本决定，可以自收到本决定书之日起六十日内向{review}申请行政复议，或者在六个月内依法向{court}提起行政诉讼。",
    "fee.opening": "你（单位）申请的{item}依法应缴纳下列费用。本机关实行收缴分离，请持本通知书到指定银行或通过政务服务网缴纳，不得向经办人员直接缴纳现金。",
    "fee.none": "本事项不收费。",
    "footer.sign": "申请人（代理人）签收：",
    "footer.sign_time": "签收时间：",
    "footer.clerk": "经办人：",
    "footer.phones": "咨询电话：{consult}  监督投诉电话：{supervise}",
    "footer.copies": "本文书一式{copies}份，{copy_names}。",
    "footer.page": "第 {page} 页 共 {pages} 页",
    "verify.caption": "扫码验真",
    "verify.code": "验证码：{code}",
    "verify.how": "可扫码或登录{url}输入验证码核验本文书真伪",
}

COPY_NAMES = {1: "申请人收执", 2: "一份交申请人，一份存档", 3: "存根、申请人、随卷各一份"}


def wording(overrides: dict | None = None) -> dict[str, str]:
    return {**WORDING, **(overrides or {})}
