"""The admin site: password, then a TOTP code for staff who have a device.

TOTP is optional per person: a staff member adds a device (admin › TOTP
devices, scanned from its QR code) and from then on signs in with its code.
Brute force is stopped by django-axes (see AXES_* in settings), and Django's
`login()` gives the session a new key at every sign-in.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin import AdminSite
from django.http import HttpRequest
from django_otp import devices_for_user, user_has_device
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.models import Device


class OptionalOTPAuthenticationForm(OTPAdminAuthenticationForm):
    """Asks for a token only from people who have a confirmed TOTP device."""

    def clean(self) -> dict[str, Any]:
        self.cleaned_data = super(OTPAdminAuthenticationForm, self).clean()
        user = self.get_user()
        if user is not None and user_has_device(user):
            self.clean_otp(user)
        return self.cleaned_data

    def _chosen_device(self, user: Any) -> Device | None:
        """The device picked in the form, or the person's only one."""
        device = super()._chosen_device(user)
        if device is None:
            devices = list(devices_for_user(user, confirmed=True))
            if len(devices) == 1:
                device = devices[0]
        return device


class StaffAdminSite(AdminSite):
    login_form = OptionalOTPAuthenticationForm
    login_template = "otp/admin111/login.html"

    def has_permission(self, request: HttpRequest) -> bool:
        if not super().has_permission(request):
            return False
        user = request.user
        # Someone with a device who has not given its code this session.
        return bool(user.is_verified()) or not user_has_device(user)  # type: ignore[union-attr]
