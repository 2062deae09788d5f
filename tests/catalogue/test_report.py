from __future__ import annotations

from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from apps.catalogue.models import ProblemReport
from apps.catalogue.views import REPORT_LIMIT, REPORT_THANKS
from tests.catalogue.factories import model_factory

pytestmark = pytest.mark.django_db

GOOD = {
    "what_is_wrong": "The output price on Example Cloud is now $0.60.",
    "source_url": "https://example.com/pricing",
    "email": "",
}


def _report_url(model) -> str:
    return reverse("catalogue:report", args=[model.slug])


def test_anyone_can_report_a_problem_and_it_lands_in_the_queue(client):
    model = model_factory()

    response = client.post(_report_url(model), GOOD, follow=True)

    assert response.status_code == HTTPStatus.OK
    assert response.redirect_chain[-1][0] == f"{model.get_absolute_url()}#report"
    assert REPORT_THANKS in response.content.decode()
    report = ProblemReport.objects.get()
    assert report.model == model
    assert report.status == "open"
    assert report.source_url == GOOD["source_url"]


def test_the_confirmation_is_shown_in_the_report_section_the_person_is_sent_back_to(client):
    """The redirect lands on #report, at the bottom of a long page: the
    confirmation must be there, not above the model's header."""
    model = model_factory()

    response = client.post(_report_url(model), GOOD, follow=True)
    content = response.content.decode()

    section = content.index('id="report"')
    confirmation = content.index(REPORT_THANKS)
    assert section < confirmation < content.index('<form method="post"', section)
    notice = content[content.rindex("<div", 0, confirmation) : confirmation]
    assert 'role="status"' in notice
    assert "data-focus-on-load" in notice
    assert content.count(REPORT_THANKS) == 1


def test_an_invalid_report_shows_the_error_summary_with_status_400(client):
    model = model_factory()

    response = client.post(
        _report_url(model), {"what_is_wrong": "", "source_url": "not a link", "email": "nope"}
    )
    content = response.content.decode()

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert 'class="error-summary"' in content
    assert '<a href="#id_what_is_wrong">Enter what is wrong with this entry</a>' in content
    assert "Enter a link in the correct format" in content
    assert "Enter an email address in the correct format" in content
    assert "<title>Error:" in content
    assert 'aria-invalid="true"' in content
    assert ProblemReport.objects.count() == 0


def test_reports_are_rate_limited_per_address(client):
    model = model_factory()
    for _ in range(REPORT_LIMIT):
        assert client.post(_report_url(model), GOOD).status_code == HTTPStatus.FOUND

    response = client.post(_report_url(model), GOOD)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "You have sent too many reports" in response.content.decode()
    assert response["Retry-After"] == "3600"
    assert ProblemReport.objects.count() == REPORT_LIMIT
    other_address = client.post(_report_url(model), GOOD, REMOTE_ADDR="203.0.113.9")
    assert other_address.status_code == HTTPStatus.FOUND


def test_reports_need_a_csrf_token():
    model = model_factory()
    client = Client(enforce_csrf_checks=True)

    response = client.post(_report_url(model), GOOD)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert ProblemReport.objects.count() == 0
    assert 'name="csrfmiddlewaretoken"' in client.get(model.get_absolute_url()).content.decode()


def test_reports_only_accept_post(client):
    model = model_factory()

    assert client.get(_report_url(model)).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_a_draft_cannot_be_reported(client):
    draft = model_factory(is_published=False)

    assert client.post(_report_url(draft), GOOD).status_code == HTTPStatus.NOT_FOUND


def test_mistyped_reports_do_not_use_up_the_limit_and_a_refused_report_is_shown_back(client):
    model = model_factory()
    for _ in range(REPORT_LIMIT + 2):
        bad = client.post(_report_url(model), {**GOOD, "source_url": "not a link"})
        assert bad.status_code == HTTPStatus.BAD_REQUEST
    for _ in range(REPORT_LIMIT):
        assert client.post(_report_url(model), GOOD).status_code == HTTPStatus.FOUND

    refused = client.post(_report_url(model), GOOD)

    assert refused.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert GOOD["what_is_wrong"] in refused.content.decode()
