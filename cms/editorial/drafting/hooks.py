"""Admin hooks of drafting: the URL of an interpretation started from its document."""

from django.urls import path
from wagtail import hooks

from .views import AddInterpretationView


@hooks.register("register_admin_urls")
def register_drafting_urls():
    return [
        path(
            "editorial/policies/<int:policy_id>/interpretations/add/<slug:kind>/",
            AddInterpretationView.as_view(),
            name="editorial_add_interpretation",
        ),
    ]
