from django.urls import path

from apps.questionnaire import views

app_name = "questionnaire"

urlpatterns = [
    path("start/", views.start, name="start"),
    path("r/<str:token>/section/<int:number>/", views.section_page, name="section"),
    path("r/<str:token>/check/", views.check_answers, name="check"),
    path("resume/<str:token>/", views.resume, name="resume"),
]
