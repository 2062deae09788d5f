from django.apps import AppConfig


class QuestionnaireConfig(AppConfig):
    name = "apps.questionnaire"
    label = "questionnaire"
