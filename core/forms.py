"""Form behaviour shared by the content apps' admin page forms."""

import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Revision

CONFLICT_MESSAGE = _(
    "未保存：在您打开本页之后，%(user)s 于 %(time)s 保存了新的版本，直接保存会覆盖其修改。"
    "请先在“历史记录”中查看对方的修改；如确认以您当前的内容为准，再次保存即可（对方的版本仍保留在历史记录中）。"
)


# The editor gives every paragraph a new random key each time a text is opened.
BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


class EditedFieldsMixin:
    """Count a field as changed only when the editor changed it.

    A form that looks changed when nothing was edited makes a reviewer who approves from the edit view save a
    revision in their own name, and so lose the right to approve it (the submitter and the last editor may not).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form in [self, *(child for formset in self.formsets.values() for child in formset.forms)]:
            for field in form.fields.values():
                # Django compares a field with a callable default (a date defaulting to today) with a hidden
                # initial value, which Wagtail's panels never render, so such a field always looks changed.
                field.show_hidden_initial = False
                # A rich text editor's widget converts between the stored HTML and its own format.
                if hasattr(getattr(field.widget, "converter", None), "from_database_format"):
                    field.has_changed = _rich_text_has_changed(field)


def _rich_text_has_changed(field):
    """Return a has_changed for a rich text field that ignores what a round trip through the editor adds."""
    converter = field.widget.converter

    def has_changed(initial, data):
        # Imported and older texts lack the editor's paragraph markup and keys; compare them as the editor saves.
        before = converter.to_database_format(converter.from_database_format(initial or ""))
        return BLOCK_KEY.sub("", before) != BLOCK_KEY.sub("", field.to_python(data) or "")

    return has_changed


class RevisionConflictMixin:
    """Refuse a save based on an older revision than the page's latest, so no editor overwrites another unseen.

    Wagtail's edit form posts the revision it was opened on (`loaded_revision_id`, `loaded_revision_created_at`,
    or `overwrite_revision_id` after an autosave), but only refuses stale autosaves; a stale full save would
    silently replace the other editor's work. The re-rendered form carries the latest revision, so saving
    again is a deliberate choice.
    """

    def clean(self):
        cleaned = super().clean()
        newer = self.newer_revision()
        if newer is not None:
            raise ValidationError(
                CONFLICT_MESSAGE,
                code="revision_conflict",
                params={
                    "user": get_user_display_name(newer.user) if newer.user else _("其他用户"),
                    "time": timezone.localtime(newer.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                },
            )
        return cleaned

    def newer_revision(self):
        """Return the page's latest revision when the form was opened on an older one, else None."""
        if not self.instance.pk:
            return None
        # The instance comes from the latest revision's content, whose latest_revision may be stale: ask the row.
        latest = (
            Revision.objects.filter(
                pk=type(self.instance).objects.filter(pk=self.instance.pk).values("latest_revision_id")[:1]
            )
            .select_related("user")
            .first()
        )
        if latest is None:
            return None
        if overwrite_id := self.data.get("overwrite_revision_id"):
            return latest if overwrite_id != str(latest.pk) else None
        loaded_id = self.data.get("loaded_revision_id")
        if not loaded_id:
            return None  # not posted by the admin's edit view: nothing to compare with
        if loaded_id != str(latest.pk):
            return latest
        # Same id, but an autosave of another session may have overwritten that revision since it was loaded.
        loaded_at = self.data.get("loaded_revision_created_at")
        if loaded_at and loaded_at != latest.created_at.isoformat():
            return latest
        return None


SLUG_CLASH_MESSAGE = _(
    "该地址已被同级页面「%(title)s」使用，请修改“%(field)s”字段（页面地址的最后一段），例如改为“%(suggestion)s”。"
)


class SlugClashMixin:
    """Say, in Chinese, which sibling already uses the address and what to type instead.

    Wagtail's own message (the form's, and the model's when an existing page is edited) names neither the page in
    the way nor a way out.
    """

    def _post_clean(self):
        super()._post_clean()
        # Wagtail's own check has already taken the slug out of cleaned_data: read what was typed.
        slug = (self.data.get("slug") or "").strip()
        parent = getattr(self, "parent_page", None)
        if not slug or parent is None or "slug" not in self.errors:
            return
        sibling = parent.get_children().filter(slug=slug).exclude(pk=self.instance.pk).first()
        if sibling is None:
            return
        self.errors["slug"] = self.error_class(
            [
                SLUG_CLASH_MESSAGE
                % {
                    "title": sibling.title,
                    "field": self.fields["slug"].label or "slug",
                    "suggestion": self.free_slug(parent, slug),
                }
            ]
        )

    def free_slug(self, parent, slug):
        """Return `slug` with the first number that makes it free among `parent`'s children."""
        taken = set(parent.get_children().filter(slug__startswith=slug).values_list("slug", flat=True))
        number = 2
        while f"{slug}-{number}" in taken:
            number += 1
        return f"{slug}-{number}"
