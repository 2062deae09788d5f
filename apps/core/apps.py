from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    default = True


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with the site every `admin.register` goes to
    replaced by ours (optional TOTP for staff)."""

    default = False
    default_site = "apps.core.admin_site.StaffAdminSite"
