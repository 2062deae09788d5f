from django.urls import path

from apps.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("catalogue/", views.catalogue_list, name="list"),
    path("catalogue/compare/", views.compare, name="compare"),
    path("catalogue.json", views.catalogue_json, name="json"),
    path("catalogue/<slug:slug>/", views.model_detail, name="detail"),
    path("catalogue/<slug:slug>/report/", views.report_problem, name="report"),
]
