"""The steps every application goes through in the browser, shared by the tests that follow an applicant:
the 申请人 page after 开始申请, and 核对提交 → 提交申请. What lies between (the item's own form and uploads)
stays in each test."""

VALID_ID = "11010519491231002X"   # a valid 居民身份证号码 (check digit X)


def start(page, name: str = "张三", phone: str = "13800138000") -> None:
    """From a page offering 开始申请 (the apply page, or the clerk's 窗口收件) through the applicant's
    details to the form's first step."""
    page.get_by_role("button", name="开始申请").click()
    page.get_by_label("姓名或单位名称").fill(name)
    page.get_by_label("居民身份证号码(单位申请的填写经办人)").fill(VALID_ID)
    page.get_by_label("手机号码").fill(phone)
    page.get_by_role("button", name="保存并继续").click()


def apply_for(page, live_server: str, item_id, name: str = "张三") -> None:
    """A citizen opens the item's apply page and starts an application."""
    page.goto(f"{live_server}/zwfw/items/{item_id}/apply")
    start(page, name)


def submit(page) -> None:
    """From any step: the check-your-answers page, then 提交申请."""
    page.get_by_role("link", name="核对提交").click()
    page.get_by_role("button", name="提交申请").click()
