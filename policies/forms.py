"""The policy library's filter form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .snippets import Agency, Division, Topic
from .sorting import Sort
from .validity import Validity


class PolicyFilterForm(forms.Form):
    """Read and check the listing's keyword, filters and order from the query string; bad values are ignored.

    `years` are the years offered (those in which a listed document was published, PolicyPageQuerySet.years()).
    """

    q = forms.CharField(
        required=False,
        max_length=100,
        label=_("关键词"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("标题、正文中的词或发文字号")}),
    )
    topic = forms.ModelChoiceField(Topic.objects.all(), required=False, label=_("主题分类"), empty_label=_("全部"))
    agency = forms.ModelChoiceField(Agency.objects.all(), required=False, label=_("发文机关"), empty_label=_("全部"))
    division = forms.ModelChoiceField(
        Division.objects.all(), required=False, label=_("起草处室"), empty_label=_("全部")
    )
    # Any plausible year is a filter (an old link to a year without documents finds none); the list offers those
    # in which documents were published.
    year = forms.IntegerField(required=False, label=_("发布年份"), min_value=1949, max_value=9999, widget=forms.Select)
    validity = forms.ChoiceField(required=False, label=_("有效性"), choices=[("", _("全部"))] + Validity.choices)
    normative = forms.TypedChoiceField(
        required=False,
        label=_("行政规范性文件"),
        choices=[("", _("全部")), ("1", _("是")), ("0", _("否"))],
        coerce=lambda value: value == "1",
        empty_value=None,
    )

    sort = forms.ChoiceField(
        required=False,
        label=_("排序"),
        choices=[
            # By relevance when there is a keyword, else newest first (ordering()).
            ("", _("默认")),
            (Sort.NEWEST, _("最新发布在前")),
            (Sort.OLDEST, _("最早发布在前")),
            (Sort.RELEVANCE, _("相关度（需输入关键词）")),
        ],
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.choices = [("", _("全部"))] + [(year, str(year)) for year in years]

    def is_valid(self):
        # An invalid value (a stale link, a hand-edited URL) drops that filter rather than failing.
        super().is_valid()
        for name in list(self.errors):
            self.cleaned_data.pop(name, None)
        return True

    def keyword(self):
        return (getattr(self, "cleaned_data", {}).get("q") or "").strip()

    def ordering(self):
        """Return the order asked for: by default by relevance when there is a keyword, else newest first."""
        sort = getattr(self, "cleaned_data", {}).get("sort")
        if sort == Sort.RELEVANCE and not self.keyword():
            return Sort.NEWEST
        return sort or (Sort.RELEVANCE if self.keyword() else Sort.NEWEST)

    def filters(self):
        """Return the keyword arguments for PolicyPageQuerySet.filter_by."""
        data = getattr(self, "cleaned_data", {})
        return {
            "topic": data.get("topic"),
            "agency": data.get("agency"),
            "division": data.get("division"),
            "year": data.get("year"),
            "validity": data.get("validity") or None,
            "normative": data.get("normative"),
        }
