"""`sync_catalogue` turns every difference with a models.dev snapshot into a
proposed change; nothing is applied until a curator accepts it, and a
decision is remembered."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from apps.catalogue.models import ModelsDevMapping, Offer, ProposedChange
from apps.catalogue.sync import ProposalError, proposal_accept, proposal_reject
from tests.catalogue.factories import model_factory, offer_factory

pytestmark = pytest.mark.django_db

SNAPSHOT = Path(__file__).parent / "data" / "models-dev-api-2026-07-02.json"
AS_OF = "2026-07-02"


def _sync(*extra: str) -> str:
    out = StringIO()
    call_command("sync_catalogue", str(SNAPSHOT), "--as-of", AS_OF, *extra, stdout=out)
    return out.getvalue()


@pytest.fixture
def catalogue(shipped_catalogue):
    """The shipped catalogue, as `load_catalogue` leaves it."""


@pytest.fixture
def mapped_offer(db) -> Offer:
    """Groq's Llama 3.3 70B listing in the snapshot: 0.59 in, 0.79 out."""
    model = model_factory(name="Llama 3.3 70B", offers=0)
    offer = offer_factory(
        model, host_name="Groq", input_price_per_mtok="0.50", output_price_per_mtok="0.79"
    )
    ModelsDevMapping.objects.create(
        models_dev_provider="groq",
        models_dev_model="llama-3.3-70b-versatile",
        model=model,
        offer=offer,
    )
    return offer


def test_the_shipped_snapshot_gives_proposals_and_changes_nothing(catalogue):
    before = list(Offer.objects.order_by("pk").values_list("pk", "input_price_per_mtok"))

    output = _sync()

    assert ProposedChange.objects.filter(status="pending").exists()
    assert "new proposal" in output
    assert list(Offer.objects.order_by("pk").values_list("pk", "input_price_per_mtok")) == before
    assert ProposedChange.objects.filter(kind="update").exists()
    assert ProposedChange.objects.filter(kind="new_model").exists()


def test_running_the_sync_twice_proposes_nothing_new(catalogue):
    _sync()
    count = ProposedChange.objects.count()

    output = _sync()

    assert ProposedChange.objects.count() == count
    assert output.split(": ", 1)[1].startswith("0 new proposals")


def test_a_price_difference_is_proposed_with_its_source_and_date(mapped_offer):
    _sync()

    proposal = ProposedChange.objects.get(offer=mapped_offer, field="input_price_per_mtok")
    assert proposal.current_value == "0.5"
    assert proposal.proposed_value == "0.59"
    assert proposal.source_key == "groq/llama-3.3-70b-versatile"
    assert str(proposal.source_date) == AS_OF
    assert proposal.source_older_than_fact  # the offer's fact is dated today
    assert not ProposedChange.objects.filter(offer=mapped_offer, field="output_price_per_mtok")


def test_accepting_a_proposal_changes_the_fact_with_history(mapped_offer, admin_user):
    _sync()
    proposal = ProposedChange.objects.get(offer=mapped_offer, field="input_price_per_mtok")

    proposal_accept(proposal=proposal, user=admin_user)

    mapped_offer.refresh_from_db()
    assert str(mapped_offer.input_price_per_mtok) == "0.5900"
    assert str(mapped_offer.as_of) == AS_OF
    latest = mapped_offer.history.latest("history_date")
    assert "Accepted proposal" in latest.history_change_reason
    assert latest.prev_record.input_price_per_mtok != latest.input_price_per_mtok
    proposal.refresh_from_db()
    assert proposal.status == "accepted"
    assert proposal.decided_by == admin_user
    with pytest.raises(ProposalError):
        proposal_accept(proposal=proposal, user=admin_user)


def test_a_rejected_proposal_is_not_proposed_again(mapped_offer, admin_user):
    _sync()
    proposal = ProposedChange.objects.get(offer=mapped_offer, field="input_price_per_mtok")
    proposal_reject(proposal=proposal, user=admin_user)

    _sync()

    assert ProposedChange.objects.filter(offer=mapped_offer).count() == 1
    mapped_offer.refresh_from_db()
    assert str(mapped_offer.input_price_per_mtok) == "0.5000"


def test_curators_accept_and_reject_in_bulk_in_the_admin(mapped_offer, curator_client):
    _sync()
    pending = ProposedChange.objects.filter(kind="update", status="pending")
    pks = list(pending.values_list("pk", flat=True))

    response = curator_client.post(
        "/admin/catalogue/proposedchange/",
        {"action": "accept", "_selected_action": pks},
        follow=True,
    )

    assert response.status_code == 200
    assert "accepted and applied" in response.content.decode()
    assert not ProposedChange.objects.filter(pk__in=pks, status="pending").exists()


def test_a_file_without_a_date_or_a_bad_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="--as-of"):
        call_command("sync_catalogue", str(SNAPSHOT))
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    with pytest.raises(CommandError, match="not a models.dev api.json"):
        call_command("sync_catalogue", str(bad), "--as-of", AS_OF)
    with pytest.raises(CommandError, match="Could not read"):
        call_command("sync_catalogue", str(tmp_path / "absent.json"), "--as-of", AS_OF)
