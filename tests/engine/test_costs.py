from __future__ import annotations

import math

import pytest

from apps.recommendations.engine import EngineSettings
from apps.recommendations.engine.costs import (
    api_monthly_cost,
    blended_price_per_mtok,
    break_even_tokens,
    curve_volumes,
    describe_api,
    describe_self_hosted,
    format_price,
    self_hosted_monthly_cost,
    self_hosted_monthly_costs,
    self_hosting_plan,
)

from .factories import closed_model, offer, open_model

SETTINGS = EngineSettings()
ONE_GPU_MONTH = 2.50 * 730


def test_api_cost_is_price_times_tokens_with_three_quarters_input():
    groq = offer(host_name="Groq", input_price_per_mtok=0.05, output_price_per_mtok=0.08)
    assert blended_price_per_mtok(groq, SETTINGS) == pytest.approx(0.0575)
    assert api_monthly_cost(0.0575, 100_000_000) == pytest.approx(5.75)


def test_api_cost_follows_the_input_share_setting():
    priced = offer(input_price_per_mtok=1.0, output_price_per_mtok=3.0)
    assert blended_price_per_mtok(priced, EngineSettings(input_token_share=0.5)) == 2.0


def test_an_offer_without_both_prices_has_no_cost():
    assert blended_price_per_mtok(offer(input_price_per_mtok=None), SETTINGS) is None


@pytest.mark.parametrize(
    ("total_b", "needed", "gpus"),
    # 70 B in BF16 with 20% overhead is 168 GB: 2.1 GPUs of 80 GB, so a
    # tensor-parallel group of 4 (never 3); 405 B needs 12.2, so two nodes of
    # 8; 671 B needs 20.1, so three nodes.
    [
        (1.0, 1, 1),
        (8.0, 1, 1),
        (33.0, 1, 1),
        (34.0, 2, 2),
        (70.0, 3, 4),
        (405.0, 13, 16),
        (671.0, 21, 24),
    ],
)
def test_gpus_hold_the_weights_in_bf16_as_a_valid_tensor_parallel_size(total_b, needed, gpus):
    plan = self_hosting_plan(open_model("m", parameters_total_b=total_b), SETTINGS)
    assert plan is not None
    assert needed == max(1, math.ceil(total_b * 2 * 1.2 / 80))
    assert plan.gpus_per_replica == gpus
    assert plan.replica_monthly_cost_usd == pytest.approx(gpus * ONE_GPU_MONTH)


def test_native_precision_sets_the_weight_memory():
    # gpt-oss-120b: 117 B parameters in MXFP4 (about 4.25 bits, 0.53 bytes
    # each): 117 × 0.53 × 1.2 = 74 GB, one 80 GB GPU, not four as in BF16.
    mxfp4 = open_model("gpt-oss", parameters_total_b=117.0, weight_bytes_per_parameter=0.53)
    bf16 = open_model("gpt-oss-bf16", parameters_total_b=117.0)
    assert self_hosting_plan(mxfp4, SETTINGS).gpus_per_replica == 1
    assert self_hosting_plan(bf16, SETTINGS).gpus_per_replica == 4


def test_fewer_bytes_per_parameter_need_fewer_gpus():
    plan = self_hosting_plan(
        open_model("m", parameters_total_b=70.0), EngineSettings(bytes_per_parameter=1.0)
    )
    assert plan is not None and plan.gpus_per_replica == 2


def test_one_gpu_serves_18m_tokens_an_hour_of_an_8b_model_at_half_load():
    plan = self_hosting_plan(open_model("m", parameters_total_b=8.0), SETTINGS)
    assert plan is not None
    assert plan.replica_tokens_per_month == pytest.approx(18e6 * 730 * 0.5)


def test_throughput_scales_with_active_parameters_for_mixture_of_experts():
    moe = self_hosting_plan(
        open_model("m", parameters_total_b=671.0, parameters_active_b=37.0), SETTINGS
    )
    assert moe is not None
    assert moe.replica_tokens_per_month == pytest.approx(24 * 18e6 * (8 / 37) * 730 * 0.5)


def test_small_models_gain_at_most_four_times_the_reference_throughput():
    tiny = self_hosting_plan(open_model("m", parameters_total_b=0.5), SETTINGS)
    assert tiny is not None
    assert tiny.replica_tokens_per_month == pytest.approx(4 * 18e6 * 730 * 0.5)


def test_replicas_are_added_when_volume_exceeds_one_replica():
    plan = self_hosting_plan(open_model("m", parameters_total_b=8.0), SETTINGS)
    assert plan is not None
    capacity = plan.replica_tokens_per_month
    assert self_hosted_monthly_cost(plan, 1.0) == pytest.approx(ONE_GPU_MONTH)
    assert self_hosted_monthly_cost(plan, capacity) == pytest.approx(ONE_GPU_MONTH)
    assert self_hosted_monthly_cost(plan, capacity * 1.01) == pytest.approx(2 * ONE_GPU_MONTH)
    assert self_hosted_monthly_cost(plan, capacity * 3.5) == pytest.approx(4 * ONE_GPU_MONTH)
    volumes = [1.0, capacity, capacity * 1.01, capacity * 3.5]
    assert self_hosted_monthly_costs([plan] * 4, 7e9) == [self_hosted_monthly_cost(plan, 7e9)] * 4
    assert [self_hosted_monthly_costs([plan], v)[0] for v in volumes] == [
        self_hosted_monthly_cost(plan, v) for v in volumes
    ]


def test_models_without_weights_or_parameter_count_cannot_be_priced_self_hosted():
    assert self_hosting_plan(closed_model("c"), SETTINGS) is None
    assert self_hosting_plan(open_model("m", parameters_total_b=None), SETTINGS) is None


def test_break_even_is_where_the_api_line_meets_the_self_hosted_line():
    plan = self_hosting_plan(open_model("m", parameters_total_b=8.0), SETTINGS)
    assert plan is not None
    price = 3.5  # $2 in / $8 out per M tokens
    tokens = break_even_tokens(price, plan)
    assert tokens == pytest.approx(ONE_GPU_MONTH / price * 1e6)
    assert api_monthly_cost(price, tokens) == pytest.approx(self_hosted_monthly_cost(plan, tokens))
    assert api_monthly_cost(price, tokens * 0.99) < self_hosted_monthly_cost(plan, tokens * 0.99)
    assert api_monthly_cost(price, tokens * 1.01) > self_hosted_monthly_cost(plan, tokens * 1.01)


def test_no_break_even_when_a_full_replica_costs_more_than_its_tokens_through_the_api():
    plan = self_hosting_plan(open_model("m", parameters_total_b=8.0), SETTINGS)
    assert plan is not None
    assert break_even_tokens(0.0575, plan) is None
    assert break_even_tokens(0.0, plan) is None
    for volume in curve_volumes():
        assert api_monthly_cost(0.0575, volume) < self_hosted_monthly_cost(plan, volume)


def test_cost_curve_is_log_spaced_from_1m_to_100b_tokens_and_includes_extra_volumes():
    volumes = curve_volumes()
    assert volumes[0] == 1e6 and volumes[-1] == 1e11 and len(volumes) == 21
    for low, high in zip(volumes, volumes[1:], strict=False):
        assert high / low == pytest.approx(10**0.25, rel=1e-5)
    with_person = curve_volumes(2e9)
    assert 2e9 in with_person and list(with_person) == sorted(with_person)


def test_cost_bases_are_plain_text():
    groq = offer(host_name="Groq", input_price_per_mtok=0.05, output_price_per_mtok=0.08)
    assert describe_api(groq, SETTINGS) == "Groq API at $0.05/$0.08 per M tokens (75% input)"
    named = offer(host_name="OpenAI API", input_price_per_mtok=0.15, output_price_per_mtok=0.6)
    assert describe_api(named, SETTINGS) == "OpenAI API at $0.15/$0.60 per M tokens (75% input)"
    unpriced = offer(host_name="Groq", input_price_per_mtok=None)
    assert describe_api(unpriced, SETTINGS) == "Groq API (no price listed)"
    plan = self_hosting_plan(open_model("m", parameters_total_b=40.0), SETTINGS)
    assert describe_self_hosted(plan, 1, SETTINGS) == "self-hosted: 2 × GPU at $2.50/h × 730 h"
    assert describe_self_hosted(plan, 3, SETTINGS) == (
        "self-hosted: 6 × GPU at $2.50/h × 730 h (3 replicas of 2 GPUs)"
    )
    assert format_price(0.017) == "0.017" and format_price(10) == "10.00"
