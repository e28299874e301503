"""The office's actions after publication (紧急发布, 确认审核, 撤回, 错误发布删除, 替代): rules, forms, admin hooks."""
