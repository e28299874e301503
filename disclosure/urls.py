from django.urls import path

from .views import public

urlpatterns = [
    path("", public.apply, name="disclosure_apply"),
    path("chaxun/", public.status, name="disclosure_status"),
]
