from django.urls import path

from apps.recommendations import share_views, views

app_name = "recommendations"

urlpatterns = [
    path("r/<str:token>/recommendation/", views.create_result, name="create"),
    path("r/<str:token>/result/", views.result_page, name="result"),
    path("r/<str:token>/result.json", views.export_json, name="export_json"),
    path("r/<str:token>/result.csv", views.export_csv, name="export_csv"),
    path("r/<str:token>/share/", share_views.share_manage, name="share"),
    path("s/<str:share_token>/", share_views.shared_result, name="shared"),
    path("s/<str:share_token>/answer/", share_views.answer_yourself, name="answer"),
    path("method/", views.method_page, name="method"),
]
