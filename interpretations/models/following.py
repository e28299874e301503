"""What followers are told when an interpretation is published (core/following.py): a new interpretation in its
lists (all, its kind), and to the followers of each document it interprets, including one linked later; and to
those followers, each major change (更新记录) of it."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.following import Notice, is_news, list_key, page_list
from policies.models.following import NOTE_WINDOW


class InterpretationFollowingMixin:
    def business_tags(self):
        """涉企 tags: a kind that carries them (the Q&A) overrides this."""
        return None

    def follow_notices(self):
        url = self.get_url() or ""
        kind = self.get_kind_display()
        notices = self.change_notices(url, kind)
        if not is_news(self):
            return notices
        notices += [
            Notice(
                key=f"published:{self.pk}",
                title=self.title,
                url=url,
                what=_("发布了新的政策解读（%(kind)s）") % {"kind": kind},
                lists=("interpretations", list_key("kind", self.kind)),
                business=self.business_tags(),
                page_id=self.pk,
            )
        ]
        for policy in self.policy_pages:
            notices.append(
                Notice(
                    key=f"interprets:{self.pk}:{policy.pk}",
                    title=policy.title,
                    url=policy.get_url() or "",
                    what=_("本文件有新的解读：《%(title)s》（%(kind)s）") % {"title": self.title, "kind": kind},
                    lists=(page_list(policy.pk),),
                    page_id=policy.pk,
                    extra={"by_url": url},
                )
            )
        return notices

    def change_notices(self, url, kind):
        """A major change (更新记录) tells the followers of each document interpreted, with its note."""
        since = timezone.localdate() - NOTE_WINDOW
        return [
            Notice(
                key=f"interpretation-note:{note.pk}:{policy.pk}",
                title=policy.title,
                url=policy.get_url() or "",
                what=_("本文件的解读《%(title)s》（%(kind)s）有重大修改") % {"title": self.title, "kind": kind},
                lists=(page_list(policy.pk),),
                note=note.note,
                page_id=policy.pk,
                extra={"by_url": url},
            )
            for note in self.change_notes.all()
            if note.pk and note.date >= since
            for policy in self.policy_pages
        ]
