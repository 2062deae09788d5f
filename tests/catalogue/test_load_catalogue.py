from __future__ import annotations

import copy
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from apps.catalogue.loading import CatalogueDataError, catalogue_load
from apps.catalogue.management.commands.load_catalogue import DEFAULT_PATH
from apps.catalogue.models import AIModel, Licence, Offer, OpennessAssessment, Provider

pytestmark = pytest.mark.django_db

SMALL = Path(__file__).parent / "data" / "small_catalogue.json"


@pytest.fixture
def data() -> dict:
    return json.loads(SMALL.read_text())


def _history_rows() -> int:
    return sum(
        model.history.count() for model in (Provider, Licence, AIModel, OpennessAssessment, Offer)
    )


def _load(path: Path) -> str:
    out = StringIO()
    call_command("load_catalogue", path=path, stdout=out)
    return out.getvalue()


def test_load_catalogue_creates_every_entry_and_publishes_the_models():
    output = _load(SMALL)

    assert "models: 3 created" in output
    assert Provider.objects.count() == 2
    assert Licence.objects.count() == 3
    assert set(AIModel.objects.values_list("slug", flat=True)) == {
        "acme-large",
        "acme-small",
        "open-lab-7b",
    }
    assert AIModel.objects.filter(is_published=True, is_synthetic=False).count() == 3
    assert OpennessAssessment.objects.count() == 3
    assert Offer.objects.count() == 3
    small = AIModel.objects.get(slug="acme-small")
    assert small.provider.slug == "acme-ai"
    assert small.licence.user_cap == 700_000_000
    assert small.status == "deprecated"
    assert str(small.retirement_date) == "2027-03-01"
    assert small.openness.score is not None
    assert {offer.host_name for offer in small.offers.all()} == {"Fast Host", "Big Cloud"}
    assert AIModel.objects.get(slug="acme-large").offers.get().sla is True


def test_loading_the_same_file_twice_changes_nothing_and_records_no_history():
    _load(SMALL)
    history = _history_rows()
    updated = dict(AIModel.objects.values_list("slug", "updated_at"))

    output = _load(SMALL)

    assert "Nothing to change" in output
    assert "models: 0 created, 0 updated, 3 unchanged" in output
    assert _history_rows() == history
    assert dict(AIModel.objects.values_list("slug", "updated_at")) == updated


def test_loading_a_changed_fact_updates_only_that_entry(data):
    catalogue_load(data=data)
    history = _history_rows()
    changed = copy.deepcopy(data)
    changed["models"][0]["offers"][0]["output_price_per_mtok"] = 12.5

    result = catalogue_load(data=changed)

    assert result.updated["offer"] == 1
    assert result.updated["model"] == 0
    assert str(Offer.objects.get(host_name="Acme API").output_price_per_mtok) == "12.5000"
    assert _history_rows() == history + 1


def test_a_bad_entry_loads_nothing_and_names_the_entry(data):
    bad = copy.deepcopy(data)
    bad["models"][1]["offers"][0]["output_price_per_mtok"] = -1
    bad["models"][2]["licence"] = "no-such-licence"

    with pytest.raises(CatalogueDataError) as caught:
        catalogue_load(data=bad)

    assert any("models[1] (acme-small) offers[0]" in error for error in caught.value.errors)
    assert any("unknown licence “no-such-licence”" in error for error in caught.value.errors)
    assert Provider.objects.count() == 0
    assert AIModel.objects.count() == 0


def test_the_command_reports_bad_data_as_an_error(tmp_path, data):
    bad = copy.deepcopy(data)
    bad["models"][0]["openness"]["weights"] = "open"  # an API-only model cannot have open weights
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))

    with pytest.raises(CommandError, match="nothing changed"):
        _load(path)
    assert AIModel.objects.count() == 0


def test_a_wrong_schema_version_is_refused(data):
    with pytest.raises(CatalogueDataError, match="schema_version must be 1 or 2"):
        catalogue_load(data={**data, "schema_version": 3})


def test_a_missing_file_is_not_an_error(tmp_path):
    output = _load(tmp_path / "absent.json")
    assert "nothing to load" in output


def test_a_model_a_curator_unpublished_stays_unpublished(data):
    catalogue_load(data=data)
    AIModel.objects.filter(slug="acme-large").update(is_published=False)

    catalogue_load(data=data)

    assert AIModel.objects.get(slug="acme-large").is_published is False


def test_the_launch_catalogue_loads_cleanly():
    output = _load(DEFAULT_PATH)

    assert "created" in output
    assert AIModel.objects.published().count() >= 40
    assert Provider.objects.filter(models__isnull=False).distinct().count() >= 12
    assert "Nothing to change" in _load(DEFAULT_PATH)


def test_only_new_adds_missing_entries_and_keeps_a_curators_edit(data):
    first = copy.deepcopy(data)
    added = first["models"].pop()
    catalogue_load(data=first)
    curated = AIModel.objects.get(slug=first["models"][0]["slug"])
    curated.curator_notes = "Checked by a curator against the vendor page."
    curated.save()

    result = catalogue_load(data=data, only_new=True)

    curated.refresh_from_db()
    assert curated.curator_notes == "Checked by a curator against the vendor page."
    assert AIModel.objects.filter(slug=added["slug"]).exists()
    assert result.created["model"] == 1
    assert result.kept["model"] == len(first["models"])


def test_only_new_does_not_bring_back_what_a_curator_deleted_or_renamed(data):
    catalogue_load(data=data)
    deleted, kept, renamed = (model["slug"] for model in data["models"])
    AIModel.objects.get(slug=deleted).delete()
    offer = Offer.objects.filter(model__slug=kept).first()
    offer_key = (offer.kind, offer.host_name)
    offer.delete()
    model = AIModel.objects.get(slug=renamed)
    model.slug = f"{renamed}-corrected"
    model.save()

    result = catalogue_load(data=data, only_new=True)

    assert not AIModel.objects.filter(slug__in=[deleted, renamed]).exists()
    assert AIModel.objects.filter(slug=f"{renamed}-corrected").exists()
    assert not Offer.objects.filter(
        model__slug=kept, kind=offer_key[0], host_name=offer_key[1]
    ).exists()
    assert result.withheld["model"] == 2
    assert result.withheld["offer"] == 1
