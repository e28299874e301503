from django.urls import path

from . import views

urlpatterns = [
    path("yijian/<int:page_id>/", views.comment, name="consultation_comment"),
]
