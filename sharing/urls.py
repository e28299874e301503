from django.urls import path

from . import views

urlpatterns = [path("fenxiang/<int:page_id>.png", views.share_image, name="share_image")]
