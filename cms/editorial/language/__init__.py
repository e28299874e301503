"""The admin in Chinese where Wagtail's wording is out of a translation catalogue's reach.

The catalogue (locale/zh_Hans) translates Wagtail's strings; what it cannot reach is here: the link choosers'
unlabelled form fields (`choosers`), the fields and columns Wagtail leaves without a label elsewhere (`labels`),
and the permission names Django stores in English when it creates them (`permissions`). The editor guide the help
menu links to is `guide`.
"""
