"""Admin sign-in: lock-out after failed passwords, optional TOTP, a new
session key at every sign-in."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a-long-test-password"


@pytest.fixture
def staff() -> User:
    return User.objects.create_user("curator", "c@example.com", PASSWORD, is_staff=True)


def sign_in(client: Client, password: str = PASSWORD, **extra: str):
    return client.post(LOGIN, {"username": "curator", "password": password, **extra})


def test_signing_in_gives_the_session_a_new_key(staff):
    client = Client()
    client.get(LOGIN)
    session = client.session
    session["before"] = "sign-in"
    session.save()
    before = session.session_key

    response = sign_in(client)

    assert response.status_code == HTTPStatus.FOUND
    assert client.session.session_key != before
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_repeated_wrong_passwords_lock_the_account_out_even_with_the_right_one(staff):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, password="wrong").status_code == HTTPStatus.OK
    assert sign_in(client, password="wrong").status_code == HTTPStatus.TOO_MANY_REQUESTS

    locked = sign_in(client)

    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert client.get("/admin/").status_code == HTTPStatus.FOUND  # still signed out
    other_address = Client(REMOTE_ADDR="203.0.113.50")
    assert sign_in(other_address).status_code == HTTPStatus.FOUND


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def test_staff_with_a_totp_device_sign_in_with_its_code(staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    client = Client()

    without_code = sign_in(client)
    assert without_code.status_code == HTTPStatus.OK
    assert client.get("/admin/").status_code == HTTPStatus.FOUND

    assert sign_in(client, otp_token=current_code(device)).status_code == HTTPStatus.FOUND
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_a_wrong_totp_code_does_not_sign_in(staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    client = Client()

    assert sign_in(client, otp_token=wrong).status_code == HTTPStatus.OK
    assert client.get("/admin/").status_code == HTTPStatus.FOUND


def test_a_signed_in_staff_member_with_a_device_but_no_code_is_not_let_in(staff):
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    client = Client()
    client.force_login(staff)  # a session without the second factor

    assert client.get("/admin/").status_code == HTTPStatus.FOUND
