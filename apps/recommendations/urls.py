from django.urls import path

from apps.recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("r/<str:token>/recommendation/", views.create_result, name="create"),
]
