"""Two staff answering the same comment at the same moment, each in a transaction of their own: one answer is
written, the other refused as stale, on every database."""

import threading

import pytest
from django.db import connection

from consultations.models import Answer, Comment, StaleAnswer
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
