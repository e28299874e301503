from django.urls import path

from .views import public

urlpatterns = [
    path("", public.apply, name="disclosure_apply"),
    path("chaxun/", public.status, name="disclosure_status"),
    path("chaxun/gaozhishu/<str:token>.pdf", public.letter, {"extension": "pdf"}, name="disclosure_letter_pdf"),
    path("chaxun/gaozhishu/<str:token>.docx", public.letter, {"extension": "docx"}, name="disclosure_letter_docx"),
]
