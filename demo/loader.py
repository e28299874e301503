"""Put the demo content into the database, idempotently.

Everything is found again before it is created: reference data by name, documents by ``source_id``
(through ``save_policy``, which leaves an unchanged document alone), images by title and pages by slug
under their parent. A second run therefore creates no object, revision or image and changes nothing.
"""

import os
from collections import Counter
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from consultations.models import Comment, ConsultationPage, FeedbackReportPage, build_outcome
from consultations.models.comments import client_key
from consultations.site_tree import ensure_consultation_index
from home.models import CollectionPage, NewsPage, NewsPolicyLink, SiteSettings
from home.site_tree import ensure_site_tree
from interpretations import models as interp
from interpretations.snippets import Person
from policies.models import Agency, Division, Industry, PolicyPage, PolicyRelation, Region, Topic
from policies.services import PolicyData, relate, save_policy

from . import (
    audio,
    consultation_data,
    disclosure,
    disclosure_platform,
    documents,
    infographic,
    interpretation_data,
    news,
    reference,
)

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
ACTION_LABELS = {CREATED: "新建", UPDATED: "更新", UNCHANGED: "已存在"}

INTERPRETATION_MODELS = {
    "text": interp.TextInterpretationPage,
    "qa": interp.QAInterpretationPage,
    "infographic": interp.InfographicInterpretationPage,
    "expert": interp.ExpertInterpretationPage,
    "media": interp.MediaInterpretationPage,
    "leader": interp.LeaderInterpretationPage,
}


class Tally:
    """Counts what the loader did, per category, in the order categories were first seen."""

    def __init__(self):
        self.counts = {}

    def add(self, category, action):
        self.counts.setdefault(category, Counter())[action] += 1

    def total(self, action):
        return sum(counter[action] for counter in self.counts.values())

    def lines(self):
        for category, counter in self.counts.items():
            parts = [f"{ACTION_LABELS[action]} {counter[action]}" for action in ACTION_LABELS if counter[action]]
            yield f"{category}：{'，'.join(parts)}"


def load_demo(today=None):
    """Create the demo site content; return a Tally of what was created, updated or left as it was."""
    today = today or timezone.localdate()
    tally = Tally()
    with transaction.atomic():
        # The demo is served by `make run` on 127.0.0.1:$PORT, so full URLs (API, feeds) point there.
        port = int(os.environ.get("PORT") or 8000)
        home, policy_index, interpretation_index, news_index = ensure_site_tree(hostname="127.0.0.1", port=port)
        _site_settings(home, tally)
        _agencies(tally)
        divisions = _divisions(tally)
        topics = _topics(tally)
        _business_tags(tally)
        people = _people(tally)
        docs = _policies(policy_index, today, tally)
        _relations(docs, tally)
        images = _images(tally)
        _interpretations(interpretation_index, docs, divisions, people, images, today, tally)
        _news(news_index, docs, tally)
        _collections(home, topics, tally)
        _consultations(docs, divisions, today, tally)
        disclosure.load_requests(today, tally)
        disclosure_platform.load_platform(home, tally)
        disclosure.load_requests_2025(tally)
        disclosure.load_annual_report(tally)
    return tally


# --- settings and reference data --------------------------------------------------------------------


def _site_settings(home, tally):
    site = Site.objects.filter(root_page=home).first() or Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    blank = {name: value for name, value in reference.SITE_SETTINGS.items() if not getattr(settings, name)}
    for name, value in blank.items():
        setattr(settings, name, value)
    if blank:
        settings.save()
    tally.add("网站设置", UPDATED if blank else UNCHANGED)


def _get_or_create(model, category, tally, lookup, defaults):
    obj, created = model.objects.get_or_create(**lookup, defaults=defaults)
    tally.add(category, CREATED if created else UNCHANGED)
    return obj


def _agencies(tally):
    return {
        name: _get_or_create(Agency, "发文机关", tally, {"name": name}, {"short_name": short, "code": code})
        for name, short, code in reference.AGENCIES
    }


def _divisions(tally):
    return {
        name: _get_or_create(Division, "起草处室", tally, {"name": name}, {"slug": slug, "sort_order": order})
        for name, slug, order in reference.DIVISIONS
    }


def _topics(tally):
    return {
        name: _get_or_create(
            Topic, "主题分类", tally, {"name": name}, {"slug": slug, "description": text, "sort_order": order}
        )
        for name, slug, text, order in reference.TOPICS
    }


def _business_tags(tally):
    """The 涉企精准推送 lists businesses subscribe by (the office keeps them in 基础数据)."""
    for model, label, names in ((Industry, "涉企行业", reference.INDUSTRIES), (Region, "涉企地区", reference.REGIONS)):
        for order, name in enumerate(names, start=1):
            _get_or_create(model, label, tally, {"name": name}, {"sort_order": order * 10})


def _people(tally):
    return {
        key: _get_or_create(
            Person, "解读人", tally, {"name": name, "affiliation": affiliation}, {"position": position, "role": role}
        )
        for key, name, position, affiliation, role in reference.PEOPLE
    }


# --- documents ------------------------------------------------------------------------------------------


def _policies(policy_index, today, tally):
    docs = {}
    for key, fields in documents.policies(today).items():
        data = PolicyData(source_id=documents.source_id(key), **fields)
        docs[key], action = save_policy(policy_index, data, publish=True)
        tally.add("政策文件", action)
    return docs


def _relations(docs, tally):
    """Record each amendment, repeal or replacement once (relate publishes the newer document with it)."""
    for newer, older, kind, note in documents.RELATIONS:
        source, target = docs[newer], docs[older]
        if PolicyRelation.objects.filter(source=source, target=target, kind=kind).exists():
            tally.add("文件关系", UNCHANGED)
            continue
        relate(source, target, kind, note)
        docs[newer] = PolicyPage.objects.get(pk=source.pk)
        tally.add("文件关系", CREATED)


def _images(tally):
    Image = get_image_model()
    images = {}
    for key, (title, filename, _draw) in infographic.INFOGRAPHICS.items():
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = Image.objects.create(
                title=title, description=title, file=ImageFile(infographic.png(key), name=filename)
            )
            tally.add("图片", CREATED)
        else:
            tally.add("图片", UNCHANGED)
        images[key] = image
    return images


# --- pages -------------------------------------------------------------------------------------------------


def _existing_child(parent, slug):
    """Return the page with `slug` under `parent`, whatever its type: a slug is taken either way."""
    return Page.objects.child_of(parent).filter(slug=slug).first()


def _publish_under(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _interpretations(parent, docs, divisions, people, images, today, tally):
    for spec in interpretation_data.interpretations(today):
        category = f"政策解读（{interp.Kind(spec['kind']).label}）"
        if _existing_child(parent, spec["slug"]):
            tally.add(category, UNCHANGED)
            continue
        model = INTERPRETATION_MODELS[spec["kind"]]
        page = model(
            title=spec["title"],
            slug=spec["slug"],
            live=False,
            division=divisions[spec["division"]],
            interpreter=people[spec["interpreter"]] if spec.get("interpreter") else None,
            date_published=spec["date"],
            summary=spec["summary"],
            after_implementation=spec.get("after_implementation", False),
            **_kind_fields(spec, images, tally),
        )
        for key in spec["policies"]:
            page.policy_links.add(interp.PolicyLink(policy=docs[key]))
        for question, answer, cited, article in spec.get("questions", ()):
            page.questions.add(
                interp.QuestionAnswer(
                    question=question,
                    answer=answer,
                    cited_policy=docs[cited] if cited else None,
                    cited_article=article,
                )
            )
        for key, caption in spec.get("images", ()):
            page.images.add(interp.InfographicImage(image=images[key], caption=caption))
        _publish_under(parent, page)
        tally.add(category, CREATED)


def _recording(title, filename, tally):
    """Return the demo's recording document, made once (found again by its title)."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document.objects.create(title=title, file=ContentFile(audio.chime(), name=filename))
        tally.add("音视频文件", CREATED)
    else:
        tally.add("音视频文件", UNCHANGED)
    return document


def _kind_fields(spec, images, tally):
    """Return the fields that only the spec's kind of interpretation has."""
    kind = spec["kind"]
    if kind == "text":
        return {
            "sections": [
                {"type": "section", "value": {"kind": section_kind, "heading": "", "body": body}}
                for section_kind, body in spec["sections"]
            ]
        }
    if kind == "infographic":
        first_image = images[spec["images"][0][0]]
        return {"text_alternative": spec["text_alternative"], "listing_image": first_image}
    if kind == "expert":
        return {"commentary": spec["commentary"]}
    if kind == "media":
        recording = _recording(*spec["audio"], tally) if spec.get("audio") else None
        return {
            "media_file": recording,
            "embed_url": spec["embed_url"],
            "duration": spec["duration"],
            "transcript": spec["transcript"],
        }
    if kind == "leader":
        return {"occasion": spec["occasion"], "body": spec["body"]}
    return {}


def _news(parent, docs, tally):
    for spec in news.NEWS:
        if _existing_child(parent, spec["slug"]):
            tally.add("新闻发布", UNCHANGED)
            continue
        page = NewsPage(
            title=spec["title"],
            slug=spec["slug"],
            live=False,
            news_kind=spec["news_kind"],
            date_published=spec["date"],
            event_time=spec.get("event_time"),
            place=spec.get("place", ""),
            speakers=spec.get("speakers", ""),
            summary=spec["summary"],
            body=spec["body"],
        )
        for key in spec["policies"]:
            page.policy_links.add(NewsPolicyLink(policy=docs[key]))
        _publish_under(parent, page)
        tally.add("新闻发布", CREATED)


def _consultations(docs, divisions, today, tally):
    index = ensure_consultation_index()
    for spec in consultation_data.consultations(today):
        if _existing_child(index, spec["slug"]):
            tally.add("征求意见", UNCHANGED)
            continue
        page = ConsultationPage(
            live=False,
            division=divisions[spec["division"]],
            final_policy=docs[spec["final_policy"]] if spec.get("final_policy") else None,
            date_published=timezone.localdate(spec["opens_at"]),
            **{key: spec[key] for key in spec if key not in ("division", "final_policy", "comments", "report")},
        )
        _publish_under(index, page)
        for number, (text, article, answer, reason) in enumerate(spec["comments"], start=1):
            when = spec["opens_at"] + timedelta(days=number, hours=number)
            Comment.objects.create(
                consultation=page,
                article=article,
                text=text,
                created_at=when,
                client_key=client_key(f"demo-{spec['slug']}-{number}"),
                answer=answer,
                reason=reason,
                answered_at=spec["closes_at"] + timedelta(days=3) if answer else None,
                version=1 if answer else 0,
            )
        if spec.get("report"):
            report = FeedbackReportPage(live=False, **spec["report"])
            report.attach_to(page)
            report.outcome = build_outcome(page.comments.all())
            _publish_under(page, report)
        tally.add("征求意见", CREATED)


def _collections(home, topics, tally):
    for spec in news.COLLECTIONS:
        if _existing_child(home, spec["slug"]):
            tally.add("专题", UNCHANGED)
            continue
        page = CollectionPage(
            title=spec["title"], slug=spec["slug"], live=False, topic=topics[spec["topic"]], intro=spec["intro"]
        )
        _publish_under(home, page)
        tally.add("专题", CREATED)
