from django.urls import path

from . import views

app_name = "subscriptions"
urlpatterns = [
    path("", views.follow, name="follow"),
    path("qiye/", views.business, name="business"),
    path("queren/<str:token>/", views.confirm, name="confirm"),
    path("guanli/<str:token>/", views.manage, name="manage"),
    path("tuiding/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
