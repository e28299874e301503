"""How staff edit a document in the admin: the page form (disclosure, 重大/一般修改) and the panels."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Page

from core.forms import EditedFieldsMixin, RevisionConflictMixin, SlugClashMixin
from core.ownership import limit_division_choices

from .change_notes import ChangeNote
from .disclosure import NOT_DISCLOSABLE_MESSAGE, Disclosure


class MajorChangeForm(forms.Form):
    """Once a page has been published, each edit says whether it is a major change (重大修改), which needs a note
    that is added to the page's 更新记录 (`note_model`, in the revision, so it goes public when that revision is
    published and its followers are told), or a minor one (一般修改), which adds nothing and tells no one.
    Mixed into the admin forms of documents and of interpretations."""

    MAJOR, MINOR = "major", "minor"
    note_model = None

    change_type = forms.ChoiceField(
        label=_("修改类型"),
        choices=[(MAJOR, _("重大修改")), (MINOR, _("一般修改"))],
        initial=MINOR,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("重大修改须填写更新说明，发布后在页面“更新记录”中公开；一般修改（如更正错别字）不记录。"),
    )
    change_note = forms.CharField(
        label=_("更新说明"),
        max_length=300,  # ChangeNote.note
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not getattr(self.instance, "first_published_at", None):
            # A new or never-published page has nothing to record a change against.
            del self.fields["change_type"]
            del self.fields["change_note"]

    @property
    def is_major_change(self):
        return self.cleaned_data.get("change_type") == self.MAJOR

    def clean(self):
        cleaned = super().clean()
        if "change_type" in self.fields:
            cleaned["change_note"] = (cleaned.get("change_note") or "").strip()
            if self.is_major_change and not cleaned["change_note"]:
                self.add_error("change_note", _("重大修改须填写更新说明。"))
        return cleaned

    def save(self, commit=True):
        page = super().save(commit=commit)
        if "change_type" in self.fields and self.is_major_change:
            notes = page.change_notes
            order = max((note.sort_order or 0 for note in notes.all()), default=-1) + 1
            note = self.note_model(date=timezone.localdate(), note=self.cleaned_data["change_note"], sort_order=order)
            notes.add(note)
            if commit:
                notes.commit()
        return page


# The form's two fields, as the edit view shows them (after the content).
MAJOR_CHANGE_PANEL = MultiFieldPanel([FieldPanel("change_type"), FieldPanel("change_note")], heading=_("修改类型"))


class PolicyPageForm(SlugClashMixin, EditedFieldsMixin, RevisionConflictMixin, MajorChangeForm, WagtailAdminPageForm):
    """Refuse to publish a document that is not proactively disclosed, keeping what the editor typed; a published
    document's edit is a major or a minor change (MajorChangeForm)."""

    note_model = ChangeNote

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_division_choices(self, self.for_user)

    def clean(self):
        cleaned = super().clean()
        publishing = "action-publish" in self.data
        if publishing and cleaned.get("disclosure") not in (None, Disclosure.PROACTIVE):
            self.add_error("disclosure", NOT_DISCLOSABLE_MESSAGE)
        return cleaned


CONTENT_PANELS = Page.content_panels + [
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("doc_number"), FieldPanel("index_number")]),
            FieldRowPanel([FieldPanel("issuing_agency"), FieldPanel("division")]),
            FieldRowPanel([FieldPanel("topic"), FieldPanel("category")]),
            FieldPanel("tags"),
            FieldRowPanel([FieldPanel("disclosure"), FieldPanel("is_normative"), FieldPanel("needs_interpretation")]),
            FieldPanel("interpretation_exemption"),
        ],
        heading=_("文件信息"),
    ),
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("date_written"), FieldPanel("date_published")]),
            FieldRowPanel([FieldPanel("date_effective"), FieldPanel("date_expires")]),
            FieldPanel("expiry_declared"),
        ],
        heading=_("日期"),
    ),
    FieldPanel("summary"),
    FieldPanel("body"),
    InlinePanel("attachments", label=_("附件（原件）")),
    InlinePanel("relations", label=_("本文件修改、废止或代替的文件")),
    MAJOR_CHANGE_PANEL,
    InlinePanel("change_notes", label=_("更新记录")),
]
