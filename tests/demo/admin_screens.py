"""Every admin screen a signed-in account can reach, and the English words an editor would read on it.

The screens are found, not listed by hand: each admin URL that takes no argument (listings, choosers, reports,
settings, snippets), then the edit (and the usual sub-views) of one object of every model an admin viewset manages,
and for pages the explorer of each section, the edit and create views of every page type, the other views of a
page (history, usage, move, ...), and the history and action dialogs of every item in review. A screen the account
may not open (a redirect, 403 or 404) is not its screen and is left out.

Every role visits every screen it can reach, the same way. A screen is a view as the account sees it: the views
of a page other than its edit view look the same for a page of any type, so each is visited for the first page
that opens it (`kind`), while the edit and create views, whose form is the page type's, are visited for each type.
"""

import json
import re
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page, Site, TaskState

# Words an editor may read in English, reviewed: names of products and formats, units and codes.
ALLOWED_WORDS = {
    "wagtail",  # the product's name, in the footer and the "about" dialog
    "javascript",  # "使用管理后台需要启用 JavaScript"
    "elasticsearch",
    "pdf",
    "docx",
    "ofd",
    "wps",
    "word",  # Microsoft Word, as a file format
    "excel",
    "tsv",
    "xlsx",
    "csv",
    "mp3",
    "mp4",
    "webm",
    "wav",
    "vtt",  # WebVTT, the captions format of a video's <track>
    "webvtt",
    "png",
    "jpg",
    "jpeg",
    "gif",
    "webp",
    "svg",
    "avif",
    "heic",
    "ico",
    "url",
    "api",
    "html",
    "json",
    "id",
    "rss",
    "atom",
    "seo",
    "px",
    "kb",
    "mb",
    "gb",
    "ip",
    "utc",
    "ok",
    "qr",
    "vocs",  # 挥发性有机物, a term of the trade (starter synonyms)
    "email",
    "mail",
}

# Attributes whose text is shown to the editor (tooltips, placeholders, names read aloud, button labels).
SHOWN_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "data-w-tooltip-content-value"}
SKIPPED_ELEMENTS = {"script", "style", "svg", "code", "pre", "textarea"}
# Wagtail's side-panel counters hold a number its JavaScript writes in (the text Python left there is "None").
SKIPPED_ATTRIBUTES = {"data-side-panel-toggle-counter"}
# Keys as printed on a keyboard, in the shortcuts dialog.
KEYS = {"ctrl", "alt", "shift", "esc", "cmd", "enter", "tab", "option"}
# Things in a text that are data, not wording: addresses (with their query), file names, slugs, identifiers, accounts.
DATA = re.compile(
    r"https?://\S+|[\w.+-]+@[\w.-]+|\S+\.(?:pdf|docx|ofd|xlsx|png|jpe?g|gif|webp|mp3|mp4|webm|txt)\b"
    r"|/[\w./-]*(?:\?[\w=&%.+-]*)?|\b\w*[\d_-]\w*(?:[-_]\w+)*\b|\b[a-z_]+\.[a-z_]+\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[A-Za-z]{2,}")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIPPED_ELEMENTS or SKIPPED_ATTRIBUTES & attrs.keys():
            self.skipping.append(tag)
        for name in SHOWN_ATTRIBUTES:
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in {"submit", "button", "reset"} and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def shown_text(html):
    """Return the text of `html` an editor reads: its text outside scripts and styles, and the shown attributes."""
    parser = _Text()
    parser.feed(html)
    return "\n".join(part.strip() for part in parser.parts if part.strip())


def english_words(text, data_words=()):
    """Return the English words of `text` outside the allow-list, key names, data and `data_words`."""
    text = DATA.sub(" ", text)
    allowed = ALLOWED_WORDS | KEYS
    return sorted({word for word in WORD.findall(text) if word.lower() not in allowed and word not in data_words})


def screen_html(response):
    """Return the HTML of an admin answer: a page, or the `html` of a modal's JSON; None for anything else."""
    kind = response.get("Content-Type", "")
    if kind.startswith("text/html"):
        return response.content.decode()
    if kind.startswith("application/json"):
        data = json.loads(response.content)
        return data.get("html") if isinstance(data, dict) else None
    return None


# --- which screens --------------------------------------------------------------------------------------------

# URL names that change state on GET or leave the admin.
SKIPPED_NAMES = {"wagtailadmin_error_test", "wagtailadmin_logout", "wagtailadmin_login", "wagtailadmin_password_reset"}
SKIPPED_PARTS = ("logout", "password_reset", "javascript-catalog", "jsi18n", "export", "preview")


def _named_patterns(resolver, prefix="", namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            space = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_patterns(pattern, prefix + str(pattern.pattern), space)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name, prefix + str(pattern.pattern)


def argument_free_urls():
    """Return every admin URL that needs no argument."""
    urls = set()
    for name, route in _named_patterns(get_resolver()):
        if not route.startswith("admin/") or name in SKIPPED_NAMES or any(p in route for p in SKIPPED_PARTS):
            continue
        try:
            urls.add(reverse(name))
        except NoReverseMatch:
            continue
    return sorted(urls)


def object_urls(user):
    """Return the edit view of one object of every model an admin viewset manages, with its usual sub-views."""
    from wagtail.admin.viewsets import viewsets

    finder = AdminURLFinder(user)
    urls = set()
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if model is None or isinstance(model, str) or issubclass(model, Page):
            continue
        instance = model._default_manager.order_by("pk").first()
        if instance is None:
            continue
        edit = finder.get_edit_url(instance)
        if edit:
            urls.add(edit)
        for view in ("history", "usage", "delete", "inspect"):
            try:
                urls.add(reverse(viewset.get_url_name(view), args=[instance.pk]))
            except (NoReverseMatch, AttributeError):
                continue
    return sorted(urls)


PAGE_VIEWS = (
    "history",
    "usage",
    "revisions_index",
    "workflow_history",
    "move",
    "copy",
    "delete",
    "unpublish",
    "add_subpage",
    "set_privacy",
)


def _in_review():
    return set(
        TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).values_list("revision__object_id", flat=True)
    )


def page_urls(user):
    """Return {url: kind} of the page screens: explorer of each section, edit, create and other views of pages."""
    urls = {reverse("wagtailadmin_explore_root"): "explore"}
    seen_types = set()
    in_review = {int(page_id) for page_id in _in_review()}
    # A page in review first: the edit view of its type is then one the items in review already open.
    pages = sorted(Page.objects.filter(depth__gte=2).specific(), key=lambda page: (page.pk not in in_review, page.path))
    for page in pages:
        permissions = page.permissions_for_user(user)
        if page.get_children_count():
            urls[reverse("wagtailadmin_explore", args=[page.pk])] = f"explore {page.pk}"
        for model in page.specific_class.allowed_subpage_models():
            if permissions.can_add_subpage() and model.can_create_at(page):
                meta = model._meta
                add = reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, page.pk])
                urls[add] = f"add {meta.label}"
        if not permissions.can_edit():
            continue
        # The edit view of each type; any page's other views, for the first page (of a new type) that opens them.
        if type(page) in seen_types:
            continue
        seen_types.add(type(page))
        meta = page._meta
        urls[reverse("wagtailadmin_pages:edit", args=[page.pk])] = f"edit {meta.label}"
        for name in PAGE_VIEWS:
            urls[reverse(f"wagtailadmin_pages:{name}", args=[page.pk])] = name
        urls[reverse("wagtailadmin_pages:type_use", args=[meta.app_label, meta.model_name])] = "type_use"
        urls[reverse("wagtailadmin_pages:choose_parent", args=[meta.app_label, meta.model_name])] = "choose_parent"
    return urls


def workflow_urls(user):
    """Return the dialogs of the review steps `user` may act on, and the history of each item in review."""
    urls = set()
    for task_state in TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).select_related("revision"):
        page_id = task_state.revision.object_id
        page = Page.objects.get(pk=page_id).specific
        # The edit view of an item in review shows its review: each is a screen of its own.
        urls.add(reverse("wagtailadmin_pages:edit", args=[page_id]))
        urls.add(reverse("wagtailadmin_pages:workflow_history", args=[page.pk]))
        for action, _label, modal in task_state.task.specific.get_actions(page, user):
            if modal:
                urls.add(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]))
    return urls


def all_screens(user):
    """Return {url: kind} of every admin screen `user` might reach; of the URLs of one kind, the first it opens."""
    screens = {url: url for url in argument_free_urls()} | {url: url for url in object_urls(user)}
    return screens | page_urls(user) | {url: url for url in workflow_urls(user)}


def reachable_screens(client, user):
    """Yield (url, html) for each screen of `user` (signed in on `client`) that it can open."""
    screens = all_screens(user)
    opened = set()
    # A listing's results/ view re-renders the table its listing page already holds.
    for url in sorted(url for url in screens if not url.endswith("/results/")):
        if screens[url] in opened:
            continue
        response = client.get(url)
        if response.status_code != 200:
            continue
        html = screen_html(response)
        if html:
            opened.add(screens[url])
            yield url, html


def data_words():
    """Return words that are data, shown as they are: accounts' names, slugs, the Latin terms of synonyms."""
    from cms.search.models import SynonymGroup
    from policies.models import Division, Topic

    words = set(get_user_model().objects.values_list("username", flat=True))
    words |= set(Site.objects.values_list("hostname", flat=True))
    words |= set(Division.objects.values_list("slug", flat=True)) | set(Topic.objects.values_list("slug", flat=True))
    for terms in SynonymGroup.objects.values_list("terms", flat=True):
        words |= set(WORD.findall(terms))
    return words
