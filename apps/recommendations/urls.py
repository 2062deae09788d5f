from django.urls import path

from apps.recommendations import share_views, team_views, views

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
    path("team/", team_views.team_new, name="team_new"),
    path("team/<str:token>/", team_views.team_invite, name="team_invite"),
    path("team/<str:token>/join/", team_views.team_join, name="team_join"),
    path("team/organise/<str:token>/", team_views.team_organiser, name="team_organiser"),
    path("team/organise/<str:token>/close/", team_views.team_close, name="team_close"),
    path(
        "team/organise/<str:token>/remove/<uuid:participant_id>/",
        team_views.team_remove,
        name="team_remove",
    ),
]
