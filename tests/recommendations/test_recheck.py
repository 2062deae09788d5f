"""Re-checking a frozen result against today's catalogue says whether the
verdict moved and why: the catalogue's facts, or the method."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest

from apps.catalogue.models import AIModel, Offer
from apps.recommendations.models import Result
from tests.profiles import SMALL_TEAM_NEEDS_SLA, SOVEREIGN_ML_TEAM

pytestmark = pytest.mark.django_db


def share_result(client, answered, answers):
    response = answered(answers)
    client.post(f"/r/{response.resume_token}/recommendation/")
    client.post(f"/r/{response.resume_token}/share/", {"action": "create"})
    return response, f"/s/{response.share_links.get().token}/"


def recheck_section(client, url) -> str:
    page = client.get(
        url + "?recalculate=1", headers={"HX-Request": "true", "HX-Target": "recalculated"}
    )
    assert page.status_code == 200
    return page.text


def first_model(client, url) -> str:
    return re.findall(r'data-model="([^"]+)"', client.get(url).text)[0]


def test_a_price_change_is_reported_as_a_catalogue_change(client, launch_catalogue, answered):
    _response, url = share_result(client, answered, SMALL_TEAM_NEEDS_SLA)
    top = first_model(client, url)
    for offer in Offer.objects.filter(model__slug=top):  # the vendor doubles its prices
        offer.input_price_per_mtok = (offer.input_price_per_mtok or Decimal(1)) * 2
        offer.output_price_per_mtok = (offer.output_price_per_mtok or Decimal(1)) * 2
        offer.save()

    section = recheck_section(client, url)

    assert f'data-recheck-change="repriced" data-model="{top}"' in section
    assert 'data-recheck-method="same"' in section
    assert 'data-recheck-causes="catalogue"' in section


def test_a_retirement_is_reported_as_a_catalogue_change(client, launch_catalogue, answered):
    _response, url = share_result(client, answered, SOVEREIGN_ML_TEAM)
    top = first_model(client, url)
    model = AIModel.objects.get(slug=top)
    model.status = "retired"
    model.retirement_date = datetime.date(2026, 11, 30)
    model.lifecycle_source_url = "https://example.org/retired"
    model.save()

    section = recheck_section(client, url)

    assert f'data-recheck-change="retired" data-model="{top}"' in section
    assert 'data-recheck-causes="catalogue"' in section


def test_a_new_engine_version_is_reported_as_a_method_change(client, launch_catalogue, answered):
    response, url = share_result(client, answered, SOVEREIGN_ML_TEAM)
    # A result frozen by an older engine: same answers, same catalogue.
    result = Result.objects.get(response=response)
    result.recommendation = {**result.recommendation, "engine_version": "1.9.0"}
    result.engine_version = "1.9.0"
    result.save()

    section = recheck_section(client, url)

    assert 'data-recheck-method="changed"' in section
    assert "now version" in section and "1.9.0" in section
    assert 'data-recheck-change="none"' in section
    assert 'data-recheck-causes="method"' in section


def test_nothing_changed_says_so(client, launch_catalogue, answered):
    _response, url = share_result(client, answered, SOVEREIGN_ML_TEAM)
    section = recheck_section(client, url)
    assert "Nothing has changed" in section


def test_the_author_can_re_check_their_own_result_too(client, launch_catalogue, answered):
    response, _url = share_result(client, answered, SOVEREIGN_ML_TEAM)
    page = client.get(
        f"/r/{response.resume_token}/result/?recalculate=1",
        headers={"HX-Request": "true", "HX-Target": "recalculated"},
    )
    assert page.status_code == 200
    assert page.text.lstrip().startswith('<section id="recalculated"')
    assert "data-recalculated-verdict" in page.text
    # Without JavaScript the whole page comes back with the re-check in place.
    full = client.get(f"/r/{response.resume_token}/result/?recalculate=1").text
    assert "data-recalculated-verdict" in full and 'class="summary' in full
