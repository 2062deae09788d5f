"""Honest "coming soon" pages for links whose feature has not landed yet.

Included after every app's URLs, so an app that defines the same path wins.
"""

from django.urls import path

from apps.core import views

urlpatterns = [
    path("catalogue/", views.coming_soon, {"feature": "The model catalogue"}, name="catalogue-soon"),
    path("method/", views.coming_soon, {"feature": "How we decide"}, name="method-soon"),
]
