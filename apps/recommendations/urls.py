from django.urls import path

from apps.recommendations import views

app_name = "recommendations"

urlpatterns = [
    path("r/<str:token>/recommendation/", views.create_result, name="create"),
    path("r/<str:token>/result/", views.result_page, name="result"),
    path("method/", views.method_page, name="method"),
]
