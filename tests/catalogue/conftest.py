from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

CURATORS = "Catalogue curators"


@pytest.fixture
def curator(db) -> User:
    user = User.objects.create_user(
        "curator", "curator@example.com", "a-long-test-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=CURATORS))
    return user


@pytest.fixture
def curator_client(curator: User) -> Client:
    client = Client()
    client.force_login(curator)
    return client
