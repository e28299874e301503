"""The editor guide (编辑使用指南) in Chinese, linked from the admin's help menu and dashboard instead of Wagtail's."""
