"""The demo's 政府信息公开 platform (/xxgk/) and the disclosure office's contact details (demo values)."""

from wagtail.models import Site

from disclosure.models import DisclosureOffice
from disclosure.site_tree import ensure_platform

# Placeholders in the style of the site settings' (demo/reference.py): nobody should call or write to them.
OFFICE = {
    "name": "浙江省生态环境厅办公室",
    "address": "浙江省杭州市示例路1号（演示地址）",
    "postcode": "310000",
    "office_hours": "工作日 8:30-12:00，14:30-17:30（法定节假日除外）",
    "phone": "0571-00000001（演示号码）",
    "fax": "0571-00000002（演示号码）",
    "email": "xxgk@sthjt.example",
    "reading_room": "浙江省杭州市示例路1号 政府信息查阅室（演示地址）",
}


def load_platform(home, tally):
    _root, created = ensure_platform()
    tally.add("政府信息公开平台页面", "created" if created else "unchanged")
    site = Site.objects.filter(root_page=home).first() or Site.objects.get(is_default_site=True)
    office = DisclosureOffice.for_site(site)
    blank = {name: value for name, value in OFFICE.items() if not getattr(office, name)}
    for name, value in blank.items():
        setattr(office, name, value)
    if blank:
        office.save()
    tally.add("政府信息公开工作机构", "updated" if blank else "unchanged")
