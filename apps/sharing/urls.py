from django.urls import path

from apps.sharing import views

app_name = "sharing"

urlpatterns = [
    path("r/<str:token>/share/", views.share_manage, name="manage"),
    path("s/<str:share_token>/", views.shared_result, name="shared"),
    path("s/<str:share_token>/answer/", views.answer_yourself, name="answer"),
]
