"""The self-hosting cost model on curated evidence, against hand-worked
examples. The evidence here is a small, fixed extract in the shape
of the catalogue's tables, so every figure below can be checked by hand.

Common figures: a month is 730 h = 2,628,000 s; traffic is 75% input, so a
replica's monthly capacity in all tokens is output tokens/s per GPU × GPUs ×
2,628,000 / 0.25 / 3 (peak factor) = rate × GPUs × 3,504,000. Operations
labour: 0.25 of an engineer at $15,000 a month = $3,750.
"""

from __future__ import annotations

import pytest

from apps.recommendations.engine import EngineSettings, GpuPrice, ThroughputEvidence
from apps.recommendations.engine.costs import (
    cheapest_option,
    self_hosted_band,
    self_hosting_plan,
)

from .factories import open_model

H100 = GpuPrice("h100", "H100 80GB", 80.0, 4.0, 3.0, 6.0, "test prices")
B200 = GpuPrice("b200", "B200 180GB", 180.0, 7.0, 6.0, 9.0, "test prices")
ROWS = (
    ThroughputEvidence("s-fp8-h100-max", "s", "fp8", "h100", 15_220.0, False),
    ThroughputEvidence("l-fp8-h100-max", "l", "fp8", "h100", 2_102.5, False),
    ThroughputEvidence("m-fp8-h100-max", "m", "fp8", "h100", 1_862.2, False),
    ThroughputEvidence("m-fp8-b200-42tps", "m", "fp8", "b200", 4_792.0, True),
    ThroughputEvidence("m-fp8-b200-71tps", "m", "fp8", "b200", 1_020.0, True),
)
SETTINGS = EngineSettings(ops_fte=0.25, gpu_prices=(H100, B200), throughput=ROWS)
OPS = 3_750.0
SECONDS_FACTOR = 3_504_000.0  # 2,628,000 s / 0.25 output share / 3 peak
VOLUMES = (100e6, 1e9, 10e9)

# Llama 3.1 8B: BF16, 32 layers × 8 KV heads × 128 × 2 (K and V) × 2 bytes.
LLAMA_8B = open_model(
    "llama-8b",
    parameters_total_b=8.0,
    native_precision="bf16",
    weight_bytes_per_parameter=2.0,
    kv_bytes_per_token=131_072.0,
)
# Llama 3.3 70B: BF16, 80 layers × 8 KV heads × 128 × 2 × 2 bytes.
LLAMA_70B = open_model(
    "llama-70b",
    parameters_total_b=70.0,
    native_precision="bf16",
    weight_bytes_per_parameter=2.0,
    kv_bytes_per_token=327_680.0,
)
# gpt-oss-120b: 117 B total, 5.1 B active, MXFP4 experts; 36 layers × 8 KV
# heads × 64 × 2 × 2 bytes.
GPT_OSS = open_model(
    "gpt-oss-120b",
    parameters_total_b=117.0,
    parameters_active_b=5.1,
    native_precision="mxfp4",
    weight_bytes_per_parameter=0.53,
    kv_bytes_per_token=73_728.0,
)
# DeepSeek-R1: 671 B total, 37 B active, FP8; MLA cache 70,272 bytes a token.
DEEPSEEK = open_model(
    "deepseek-r1",
    parameters_total_b=671.0,
    parameters_active_b=37.0,
    native_precision="fp8",
    weight_bytes_per_parameter=1.0,
    kv_bytes_per_token=70_272.0,
)


def test_a_small_dense_model_fits_one_gpu_from_measured_fp8_throughput_scaled_to_bf16():
    # Memory: 8 × 2 × 1.1 = 17.6 GB + KV 131,072 × 8,192 × 16 / 1e9 = 17.18 GB
    # = 34.8 GB: one H100. Rate: 15,220 (max) × 0.5 (interactive share) ×
    # 1/2 (FP8 evidence, BF16 weights) = 3,805 tokens/s per GPU; capacity
    # 3,805 × 3,504,000 = 13.33 B tokens a month; $4 × 730 = $2,920.
    plan = self_hosting_plan(LLAMA_8B, SETTINGS)
    h100 = next(option for option in plan.options if option.gpu == "h100")
    assert h100.gpus_per_replica == 1
    assert h100.replica_tokens_per_month == pytest.approx(3_805 * SECONDS_FACTOR)
    assert h100.evidence == ("s-fp8-h100-max",)
    assert "FP8 rows scaled to BF16" in h100.basis
    for volume in VOLUMES:
        option, replicas, cost = cheapest_option(plan, volume)
        assert (option.gpu, replicas) == ("h100", 1)
        assert cost == pytest.approx(2_920 + OPS)


def test_a_70b_dense_model_takes_four_gpus_never_three():
    # Memory: 70 × 2 × 1.1 = 154 GB + KV 327,680 × 8,192 × 16 / 1e9 = 42.9 GB
    # = 196.9 GB = 2.46 H100s: a tensor-parallel group of 4. Rate: 2,102.5 ×
    # 0.5 × 1/2 = 525.6 tokens/s per GPU; capacity 525.6 × 4 × 3,504,000 =
    # 7.37 B; a replica costs 4 × $4 × 730 = $11,680.
    plan = self_hosting_plan(LLAMA_70B, SETTINGS)
    (option,) = plan.options  # no "l" evidence on B200 in this extract
    assert option.gpus_per_replica == 4
    assert option.replica_tokens_per_month == pytest.approx(525.625 * 4 * SECONDS_FACTOR)
    costs = [cheapest_option(plan, volume) for volume in VOLUMES]
    assert [replicas for _option, replicas, _cost in costs] == [1, 1, 2]
    assert [cost for *_rest, cost in costs] == pytest.approx(
        [11_680 + OPS, 11_680 + OPS, 23_360 + OPS]
    )


def test_gpt_oss_120b_runs_on_one_gpu_in_its_native_mxfp4():
    # Memory: 117 × 0.53 × 1.1 = 68.2 GB + KV 73,728 × 8,192 × 16 / 1e9 =
    # 9.7 GB = 77.9 GB: one 80 GB H100 (in BF16 it would need four). The
    # FP8 rows were measured on heavier weights, so they are not scaled up:
    # 15,220 × 0.5 = 7,610 tokens/s; capacity 26.7 B a month.
    plan = self_hosting_plan(GPT_OSS, SETTINGS)
    h100 = next(option for option in plan.options if option.gpu == "h100")
    assert h100.gpus_per_replica == 1
    assert h100.replica_tokens_per_month == pytest.approx(7_610 * SECONDS_FACTOR)
    for volume in VOLUMES:
        assert cheapest_option(plan, volume)[1:] == (1, pytest.approx(2_920 + OPS))


def test_a_600b_moe_needs_whole_nodes_and_picks_the_cheaper_gpu():
    # Memory: 671 × 1 × 1.1 = 738.1 GB + KV 70,272 × 8,192 × 16 / 1e9 =
    # 9.2 GB = 747.3 GB: 9.3 H100s → 16 (two nodes of 8), or 4.2 B200s → 8.
    # H100: 1,862.2 × 0.5 = 931.1 tokens/s per GPU, 16 GPUs: 52.2 B a month
    # for 16 × $4 × 730 = $46,720. B200: median of the interactive rows
    # (4,792, 1,020) = 2,906 tokens/s per GPU, 8 GPUs: 81.5 B a month for
    # 8 × $7 × 730 = $40,880, so the B200 plan is cheaper at every volume.
    plan = self_hosting_plan(DEEPSEEK, SETTINGS)
    by_gpu = {option.gpu: option for option in plan.options}
    assert by_gpu["h100"].gpus_per_replica == 16
    assert by_gpu["b200"].gpus_per_replica == 8
    assert by_gpu["b200"].replica_tokens_per_month == pytest.approx(2_906 * 8 * SECONDS_FACTOR)
    assert set(by_gpu["b200"].evidence) == {"m-fp8-b200-42tps", "m-fp8-b200-71tps"}
    for volume in VOLUMES:
        option, replicas, cost = cheapest_option(plan, volume)
        assert (option.gpu, replicas) == ("b200", 1)
        assert cost == pytest.approx(40_880 + OPS)


def test_the_band_takes_the_price_range_and_the_slowest_and_fastest_measurement():
    plan = self_hosting_plan(DEEPSEEK, SETTINGS)
    low, high = self_hosted_band(plan, 100e9)
    # Low: B200 at $6 with 4,792 tokens/s: 100 B / (4,792 × 8 × 3,504,000) =
    # 0.74 → 1 replica of 8 × $6 × 730 = $35,040. High: the slowest row
    # (1,020 tokens/s) needs 100 B / 28.6 B → 4 B200 replicas at $9
    # = $210,240, but two H100 nodes at $6 serve 52.2 B each → 2 × $70,080 =
    # $140,160, the cheaper high.
    assert low == pytest.approx(35_040 + OPS)
    assert high == pytest.approx(140_160 + OPS)
    assert low <= cheapest_option(plan, 100e9)[2] <= high


def test_a_size_class_without_evidence_borrows_the_next_smaller_one_scaled_by_active_parameters():
    # 2.8 T total, 104 B active (class XL, no evidence in this extract): the
    # L rows (70 B dense measured) at 70 / 104 of their rate.
    huge = open_model(
        "huge",
        parameters_total_b=2_800.0,
        parameters_active_b=104.0,
        native_precision="fp8",
        weight_bytes_per_parameter=1.0,
    )
    rows = (
        *ROWS,
        ThroughputEvidence("l-fp8-h100-max-70b", "l", "fp8", "h100", 2_000.0, False, active_b=70.0),
    )
    plan = self_hosting_plan(huge, EngineSettings(gpu_prices=(H100,), throughput=rows))
    (option,) = plan.options
    assert option.evidence == ("l-fp8-h100-max-70b",)  # rows without active_b cannot scale
    assert option.replica_tokens_per_month == pytest.approx(
        2_000 * 0.5 * 70 / 104 * option.gpus_per_replica * SECONDS_FACTOR
    )
    assert "scaled from the L size class" in option.basis
