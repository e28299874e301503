"""Two people writing at the same moment, each in a transaction of their own, on every database: two staff answering
the same comment (one answer is written, the other refused as stale), and one citizen posting the same comment twice
(one is saved, the other refused as a duplicate, never a server error)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from consultations.models import Answer, Comment, StaleAnswer
from consultations.models.comments import CommentQuerySet
from tests import factories

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_of_two_simultaneous_answers_exactly_one_is_written():
    comment = factories.comment(factories.consultation(), "第三条期限太短。", article=3)
    start = threading.Barrier(2)
    outcomes = {}

    def answer(name, choice, reason):
        try:
            start.wait()
            Comment.objects.answer([(comment.pk, 0)], choice, reason, "", None)
            outcomes[name] = "written"
        except StaleAnswer:
            outcomes[name] = "stale"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=answer, args=("first", Answer.ADOPTED, "")),
        threading.Thread(target=answer, args=("second", Answer.NOT_ADOPTED, "与上位法不一致。")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes.values()) == ["stale", "written"]
    saved = Comment.objects.get(pk=comment.pk)
    winner = next(name for name, outcome in outcomes.items() if outcome == "written")
    assert saved.version == 1
    assert saved.answer == (Answer.ADOPTED if winner == "first" else Answer.NOT_ADOPTED)


def test_of_two_identical_comments_posted_at_once_one_is_saved(monkeypatch):
    page = factories.consultation()
    # Force the race: the first post, having found no duplicate, waits until the second has begun saving and then
    # (at most PAUSE seconds) until the second has found none either. Without a hold on the consultation both would
    # then be saved; with it, the second cannot check before the first has committed.
    PAUSE = 0.5
    first_checked, second_began, second_checked = threading.Event(), threading.Event(), threading.Event()
    receive, check = CommentQuerySet.receive, CommentQuerySet.recent_duplicate

    def received(queryset, *args, **kwargs):
        if first_checked.is_set():
            second_began.set()
        return receive(queryset, *args, **kwargs)

    def checked(queryset, *args, **kwargs):
        found = check(queryset, *args, **kwargs)
        if not first_checked.is_set():
            first_checked.set()
            second_began.wait(10)
            second_checked.wait(PAUSE)
        else:
            second_checked.set()
        return found

    monkeypatch.setattr(CommentQuerySet, "receive", received)
    monkeypatch.setattr(CommentQuerySet, "recent_duplicate", checked)
    responses = {}

    def post(name, after=None):
        try:
            if after:
                after.wait(10)
            fields = {"article": "3", "text": "第三条的期限应当延长。", "name": "", "contact": "", "website": ""}
            responses[name] = Client().post(f"/yijian/{page.pk}/", fields, REMOTE_ADDR="10.2.2.2")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=post, args=("first",)),
        threading.Thread(target=post, args=("second", first_checked)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (responses["first"].status_code, responses["second"].status_code) == (200, 409)
    assert "您已经提交过相同内容的意见" in responses["second"].content.decode()
    assert Comment.objects.filter(consultation=page).count() == 1
