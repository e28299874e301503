"""The role accounts (角色账号): one account per editorial role, created by ``manage.py setup_roles``.

``settings.ZHENGCE_ROLE_ACCOUNTS`` names this table, so the editorial app creates the accounts without
importing the demo. The review demo (``demo.review``) acts as these accounts.
"""

from cms.editorial.roles.groups import ADMIN_GROUP, HEAD_GROUP, LEGALITY_GROUP, OFFICE_GROUP, PUBLICITY_GROUP, Account

__all__ = ["ACCOUNTS"]

# Addresses under the reserved .example domain (RFC 2606): with `make run` the review's notifications to them are
# printed on the console (the development settings' e-mail backend), and none can reach a real mailbox.
DOMAIN = "sthjt.example"

ACCOUNTS = (
    Account("daqi_editor", ("起草处室编辑-大气处",), "大气处编辑", email=f"daqi_editor@{DOMAIN}"),
    Account("shui_editor", ("起草处室编辑-水处",), "水处编辑", email=f"shui_editor@{DOMAIN}"),
    Account("daqi_head", (HEAD_GROUP, "起草处室编辑-大气处"), "大气处负责人", email=f"daqi_head@{DOMAIN}"),
    Account("fagui_reviewer", (LEGALITY_GROUP,), "法规处审核员", email=f"fagui_reviewer@{DOMAIN}"),
    Account("xuanjiao", (PUBLICITY_GROUP,), "宣教中心审核员", email=f"xuanjiao@{DOMAIN}"),
    Account("office", (OFFICE_GROUP,), "办公室", email=f"office@{DOMAIN}"),
    Account("admin", (ADMIN_GROUP,), "系统管理员", superuser=True, email=f"admin@{DOMAIN}"),
)
