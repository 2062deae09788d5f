from django.contrib import admin
from django.urls import include, path

from apps.core import views as core_views

urlpatterns = [
    path("", include("apps.core.urls")),
    path("", include("apps.catalogue.urls")),
    path("", include("apps.questionnaire.urls")),
    path("", include("apps.recommendations.urls")),
    path("admin/", admin.site.urls),
]

handler404 = core_views.page_not_found
handler500 = core_views.server_error
handler400 = core_views.bad_request
handler403 = core_views.permission_denied
