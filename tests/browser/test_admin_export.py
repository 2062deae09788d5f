from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_export_pages_select_all_toggle_works_under_the_csp(live_server, page):
    get_user_model().objects.create_superuser(
        "curator", "curator@example.org", "a-long-test-password"
    )
    page.goto(live_server.url + "/admin/login/?next=/admin/catalogue/aimodel/export/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", "a-long-test-password")
    page.click("input[type=submit]")
    page.wait_for_selector(".select-toggle")
    fields = page.locator('.selectable-field-export-row input[type="checkbox"]')
    assert fields.count() > 3

    page.uncheck(".select-toggle")
    assert not any(box.is_checked() for box in fields.all() if box.is_visible())

    page.check(".select-toggle")
    assert all(box.is_checked() for box in fields.all() if box.is_visible())
