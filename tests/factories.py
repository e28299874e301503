"""Small builders for the objects tests need; every page goes through the same paths as the real site."""

import io
import json
import tempfile
from datetime import date
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from home.site_tree import ensure_site_tree
from interpretations import models as interp
from interpretations.snippets import Person
from policies.models import PolicyPage
from policies.services import PolicyData, save_policy

ARTICLES = "\n\n".join(
    [
        "第一章 总则",
        "第一条 为了保护大气环境，制定本办法。",
        "第二条 本办法适用于本省行政区域。",
        "第二章 排污许可",
        "第三条 排污单位应当依法申领排污许可证。",
        "第四条 环评文件应当公开。",
    ]
)


def site():
    """Return (home, policy_index, interpretation_index, news_index)."""
    return ensure_site_tree()


def policy(title="浙江省大气污染防治办法", publish=True, **fields):
    """Create a policy document through the import service; fields are PolicyData fields."""
    fields.setdefault("body_text", ARTICLES)
    fields.setdefault("agency", "浙江省生态环境厅")
    fields.setdefault("division", "大气处")
    fields.setdefault("topic", "大气环境")
    fields.setdefault("date_published", date(2020, 6, 10))
    fields.setdefault("source_id", f"test:{title}:{fields.get('doc_number', '')}")
    page, _ = save_policy(site()[1], PolicyData(title=title, **fields), publish=publish)
    return page


def imported(*records):
    """Bring the records (dicts of the import schema) in through `manage.py import_policies`; return their pages."""
    from django.core.management import call_command

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "records.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        call_command("import_policies", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    return [PolicyPage.objects.get(source_id=record["id"]) for record in records]


def back_catalogue():
    """Bring in, today, a document of the old site and its interpretation; return (document, interpretation).

    The document, published on Friday 19 April 2019 and needing an interpretation, comes through
    `manage.py import_policies`; its 文字解读, published three working days later (Wednesday 24 April 2019),
    is published with that date.
    """
    record = {
        "id": "old-site:2019-7",
        "title": "浙江省挥发性有机物污染防治实施方案",
        "issuing_agency": "浙江省生态环境厅",
        "doc_number": "浙环发〔2019〕7号",
        "published": "2019-04-19",
        "body": ARTICLES,
    }
    (document,) = imported(record)
    interpretation_page = interpretation(
        "text", [document], title="《浙江省挥发性有机物污染防治实施方案》解读", date_published=date(2019, 4, 24)
    )
    return document, interpretation_page


def image(name="图解.png", size=(800, 600), collection=None):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (30, 120, 90)).save(buffer, "PNG")
    extra = {"collection": collection} if collection else {}
    return Image.objects.create(title=name, file=ImageFile(buffer, name=name), **extra)


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def document(name="附件.pdf", content=PDF, collection=None):
    """Create a document (a PDF unless `content` says otherwise) in `collection`, the root by default."""
    extra = {"collection": collection} if collection else {}
    doc = Document.objects.create(title=name, file=ContentFile(content, name=name), **extra)
    doc.get_file_hash()  # as an upload through the admin does; the serve view's ETag
    return doc


def public_collection():
    """Return the collection whose files are public on their own (公开资料, created by a migration)."""
    from core.files import PUBLIC_COLLECTION_NAME

    return Collection.objects.get(depth=2, name=PUBLIC_COLLECTION_NAME)


def attach(policy_page, *documents, publish=True):
    """Give `policy_page` exactly these attachments in a new revision, published unless publish=False.

    Like the admin's edit view, a page that is not live gets the draft in its row too.
    """
    from policies.models import PolicyAttachment

    draft = policy_page.get_latest_revision_as_object()
    draft.attachments = [PolicyAttachment(document=doc) for doc in documents]
    if not draft.live:
        draft.save()
    revision = draft.save_revision()
    if publish:
        revision.publish()
    return type(policy_page).objects.get(pk=policy_page.pk)


def person(name="张三", role=Person.Role.DIVISION_HEAD, **fields):
    fields.setdefault("affiliation", "浙江省生态环境厅")
    return Person.objects.get_or_create(
        name=name, affiliation=fields.pop("affiliation"), defaults={"role": role, **fields}
    )[0]


KIND_DEFAULTS = {
    "text": (
        interp.TextInterpretationPage,
        lambda: {"sections": [("section", {"kind": "main", "heading": "", "body": "<p>主要内容说明。</p>"})]},
    ),
    "qa": (interp.QAInterpretationPage, dict),
    "infographic": (
        interp.InfographicInterpretationPage,
        lambda: {"text_alternative": "<p>图解文字版：排污许可要点。</p>"},
    ),
    "expert": (
        interp.ExpertInterpretationPage,
        lambda: {
            "commentary": "<p>专家认为该办法切实可行。</p>",
            "interpreter": person("李教授", Person.Role.EXPERT, affiliation="浙江大学"),
        },
    ),
    "media": (
        interp.MediaInterpretationPage,
        lambda: {"embed_url": "https://example.org/video/1", "transcript": "<p>访谈实录。</p>"},
    ),
    "leader": (
        interp.LeaderInterpretationPage,
        lambda: {
            "occasion": "interview",
            "body": "<p>厅长解读。</p>",
            "interpreter": person("王厅长", Person.Role.FIRST_INTERPRETER),
        },
    ),
}


def _add(page, parent, publish):
    """Add `page` under `parent` as an editor would: a revision, published if asked."""
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def interpretation(kind, policies, title=None, publish=True, questions=(), images=(), **fields):
    """Create an interpretation of `kind` linked to `policies`; questions are (q, a, policy, article) tuples."""
    model, defaults = KIND_DEFAULTS[kind]
    values = {**defaults(), **fields}
    values.setdefault("summary", "解读摘要")
    page = model(title=title or f"{kind}解读", live=False, **values)
    for policy_page in policies:
        page.policy_links.add(interp.PolicyLink(policy=policy_page))
    for question, answer, cited, article in questions:
        page.questions.add(
            interp.QuestionAnswer(question=question, answer=answer, cited_policy=cited, cited_article=article)
        )
    for img in images:
        page.images.add(interp.InfographicImage(image=img))
    return _add(page, site()[2], publish)


def revise(page, publish=True, **fields):
    """Change `fields` of `page` in a new revision, as an editor does, published unless publish=False.

    Returns the page as stored afterwards.
    """
    draft = page.get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(draft, name, value)
    revision = draft.save_revision()
    if publish:
        revision.publish()
    return type(page).objects.get(pk=page.pk)


def user(username, *group_names, superuser=False):
    """Return a user in the named groups, with the password "pw" (tests only)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    account = get_user_model().objects.create_user(
        username, f"{username}@example.gov.cn", "pw", is_superuser=superuser, is_staff=superuser
    )
    for name in group_names:
        account.groups.add(Group.objects.get(name=name))
    return account


def group(name, *permissions):
    """Return a group holding `permissions` ("app_label.codename"), without any editorial role."""
    from django.contrib.auth.models import Group, Permission

    account_group = Group.objects.create(name=name)
    for permission in permissions:
        app_label, codename = permission.split(".")
        account_group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return account_group


def editorial():
    """Create the divisions 大气处 and 水处, the role groups and the review workflow; return the workflow."""
    from cms.editorial.roles.groups import ensure_groups
    from cms.editorial.workflow.setup import ensure_workflows
    from policies.models import Division

    site()
    for name, slug in (("大气处", "daqi"), ("水处", "shui"), ("法规处", "fagui")):
        Division.objects.get_or_create(name=name, defaults={"slug": slug})
    ensure_groups()
    return ensure_workflows()


# --- news releases and topic collections (used by the browser tests) ------------------------------------------


def news(title="省生态环境厅召开新闻发布会", policies=(), publish=True, **fields):
    """Create a news release under the news index, linked to `policies`, published the way an editor does."""
    from home.models import NewsPage, NewsPolicyLink

    fields.setdefault("summary", "介绍大气污染防治办法。")
    page = NewsPage(title=title, live=False, **fields)
    for policy_page in policies:
        page.policy_links.add(NewsPolicyLink(policy=policy_page))
    return _add(page, site()[3], publish)


def collection(title="大气污染防治专题", topic_name="大气环境", publish=True, **fields):
    """Create a topic collection (专题) under the home page for the topic named `topic_name`."""
    from home.models import CollectionPage
    from policies.models import Topic

    page = CollectionPage(title=title, topic=Topic.objects.get(name=topic_name), live=False, **fields)
    return _add(page, site()[0], publish)


# --- public consultations (意见征集) ---------------------------------------------------------------------------

CONSULTATION_ARTICLES = (
    (1, "为了规范建设项目环境影响评价公众参与，保障公众环境保护知情权、参与权、表达权和监督权，制定本办法。"),
    (2, "本办法适用于本省行政区域内依法应当编制环境影响报告书的建设项目。"),
    (3, "建设单位应当在确定环境影响报告书编制单位后七个工作日内，通过网站公开建设项目基本情况。"),
    (4, "生态环境主管部门应当对公众意见采纳情况进行审查。"),
)


def consultation_index():
    from consultations.site_tree import ensure_consultation_index

    site()
    return ensure_consultation_index()


def consultation(
    title="浙江省建设项目环境影响评价公众参与办法（征求意见稿）",
    opens_at=None,
    closes_at=None,
    publish=True,
    division="大气处",
    articles=CONSULTATION_ARTICLES,
    **fields,
):
    """Create a consultation (open from a day ago for 30 days unless given), published the way an editor does."""
    from datetime import timedelta

    from django.utils import timezone

    from consultations.models import ConsultationPage
    from policies.models import Division

    now = timezone.now()
    owner = Division.objects.get_or_create(name=division, defaults={"slug": f"d{Division.objects.count() + 1}"})[0]
    page = ConsultationPage(
        title=title,
        opens_at=opens_at or now - timedelta(days=1),
        closes_at=closes_at or now + timedelta(days=30),
        division=owner,
        summary=fields.pop("summary", "规范环评公众参与。"),
        body=[("chapter", {"heading": "第一章 总则"})]
        + [("article", {"number": number, "text": text}) for number, text in articles],
        live=False,
        **fields,
    )
    return _add(page, consultation_index(), publish)


def comment(page, text="建议把七个工作日改为五个工作日。", article=None, **fields):
    """Save a citizen's comment on `page` directly (the form's checks are tested through the form)."""
    from consultations.models import Comment
    from consultations.models.comments import client_key

    fields.setdefault("client_key", client_key(f"10.0.0.{Comment.objects.count() % 250 + 1}"))
    return Comment.objects.create(consultation=page, text=text, article=article, **fields)


def feedback_report(page, title=None, summary="<p>共收到意见若干条，已逐条研究。</p>", publish=True, **fields):
    """Write the feedback report of the closed consultation `page` from its answered comments, published unless
    publish=False (as the review's last approval does)."""
    from consultations.models import FeedbackReportPage, build_outcome

    report = FeedbackReportPage(
        title=title or f"关于《{page.title}》的意见采纳情况反馈",
        summary=summary,
        consultation=page,
        division_id=page.division_id,
        outcome=build_outcome(page.comments.all()),
        live=False,
        **fields,
    )
    return _add(report, page, publish)


# --- requests for disclosure (依申请公开) ------------------------------------------------------------------------


def disclosure_request(submitted_on=date(2026, 2, 9), channel="in_person", user=None, submission=None, **fields):
    """Register a request as the office or the public form does; return (request, secret code)."""
    from disclosure.models import DisclosureRequest

    values = {
        "applicant_type": "person",
        "name": "李明",
        "id_document": "居民身份证 330102199001011234",
        "phone": "13800000000",
        "email": "liming@example.com",
        "description": "2025年本厅对某化工企业的环境行政处罚决定书",
        "information_form": "electronic",
        "delivery": "email",
        "channel": channel,
        "submitted_on": submitted_on,
        **fields,
    }
    request = DisclosureRequest(**values)
    code = request.register(user=user, submission=submission)
    return request, code


# --- following by e-mail ---------------------------------------------------------------------------------------


def subscriber(email, *list_keys, frequency="immediate", confirmed=True):
    """Return an address following `list_keys` (core/following.py names), confirmed a minute ago unless told not."""
    from datetime import timedelta

    from django.utils import timezone

    from subscriptions.lists import describe
    from subscriptions.models import Subscriber, Subscription

    at = timezone.now() - timedelta(minutes=1) if confirmed else None
    follower = Subscriber.objects.create(email=email, confirmed_at=at)
    for key in list_keys:
        label = describe(key) or key
        Subscription.objects.create(
            subscriber=follower, list_key=key, label=label, frequency=frequency, confirmed_at=at
        )
    return follower


def business_tags(industries=(), regions=()):
    """Return (Industry list, Region list), created by name (涉企精准推送)."""
    from policies.models import Industry, Region

    return (
        [Industry.objects.get_or_create(name=name)[0] for name in industries],
        [Region.objects.get_or_create(name=name)[0] for name in regions],
    )


def amend(target, title, note="修改第三条", date_published=None):
    """Publish a new document amending `target`, as an editor does (the relation in its published revision)."""
    from django.utils import timezone

    from policies.models import PolicyRelation

    page = policy(title, publish=False, date_published=date_published or timezone.localdate())
    draft = page.get_latest_revision_as_object()
    draft.relations.add(PolicyRelation(target=target, kind="amends", note=note))
    draft.save_revision().publish()
    return page
