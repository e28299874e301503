"""What followers are told when a document is published (core/following.py): a new document in its lists, the
documents it amends, repeals or replaces, and its major changes (更新记录)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from core.following import Notice, is_news, list_key, page_list

# A 更新记录 note older than this was published before anyone could follow it here.
NOTE_WINDOW = datetime.timedelta(days=7)


class PolicyFollowingMixin:
    def follow_lists(self):
        lists = ["policies", page_list(self.pk)]
        if self.topic_id:
            lists.append(list_key("topic", self.topic_id))
        if self.issuing_agency_id:
            lists.append(list_key("agency", self.issuing_agency_id))
        return lists

    def follow_notices(self):
        notices = []
        url = self.get_url() or ""
        if is_news(self):
            notices.append(
                Notice(
                    key=f"published:{self.pk}",
                    title=self.title,
                    url=url,
                    what=_("发布了新的政策文件"),
                    lists=tuple(lst for lst in self.follow_lists() if lst != page_list(self.pk)),
                    business=self.business_tags(),
                    page_id=self.pk,
                )
            )
            for relation in self.relations.select_related("target"):
                notices.append(
                    Notice(
                        key=f"relation:{self.pk}:{relation.target_id}:{relation.kind}",
                        title=relation.target.title,
                        url=relation.target.get_url() or "",
                        what=_("本文件已被《%(title)s》%(kind)s")
                        % {"title": self.title, "kind": relation.get_kind_display()},
                        lists=(page_list(relation.target_id),),
                        note=relation.note,
                        page_id=relation.target_id,
                        extra={"by_url": url},
                    )
                )
        since = timezone.localdate() - NOTE_WINDOW
        for note in self.change_notes.all():
            if note.pk and note.date >= since:
                notices.append(
                    Notice(
                        key=f"note:{note.pk}",
                        title=self.title,
                        url=url,
                        what=_("本文件有重大修改"),
                        lists=(page_list(self.pk),),
                        note=note.note,
                        page_id=self.pk,
                    )
                )
        return notices

    def expiry_notice(self):
        """The notice of this document's expiry (有效性 已失效 by its own date), for the daily check."""
        return Notice(
            key=f"expired:{self.pk}",
            title=self.title,
            url=self.get_url() or "",
            what=_("本文件已于%(date)s失效") % {"date": self.date_expires.strftime("%Y年%-m月%-d日")},
            lists=(page_list(self.pk),),
            page_id=self.pk,
        )
