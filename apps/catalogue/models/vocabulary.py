"""The catalogue's words: choices shared by several tables, and the messages
curators see (tests assert on them)."""

from __future__ import annotations

from django.db import models

# Messages curators see; tests assert on them.
MESSAGE_API_ONLY_WEIGHTS = (
    "An API-only model has no downloadable weights: set “Weights” to closed, "
    "or change the model's access to open weights or open source."
)
MESSAGE_OPEN_NEEDS_WEIGHTS = (
    "A model whose access is open weights or open source must have weights marked open or partial."
)
MESSAGE_OPEN_PROPRIETARY_LICENCE = (
    "An open-source or open-weights model needs a licence that is not proprietary: "
    "choose the licence its weights are published under."
)
RESERVED_SLUGS = frozenset({"compare"})  # catalogue/<slug>/ would clash with catalogue/compare/
MESSAGE_RESERVED_SLUG = "This slug is used by a catalogue page; choose another."
MESSAGE_RETIRED_NEEDS_DATE = "A retired model needs its retirement date."
MESSAGE_LIFECYCLE_NEEDS_SOURCE = (
    "Give the source that announces the deprecation or retirement (“Lifecycle source URL”)."
)
MESSAGE_ACTIVE_EXCEEDS_TOTAL = "Active parameters cannot exceed total parameters."
MESSAGE_SCORE_NEEDS_SOURCE = "A capability score needs the URL of its source."
MESSAGE_SCORE_NEEDS_BENCHMARK = "Name the benchmark the capability score comes from."
MESSAGE_NEGATIVE_PRICE = "Prices cannot be negative."
MESSAGE_SCORE_NEEDS_INDEX = "Say which index the capability score comes from, and its date."
MESSAGE_RETIRED_OFFER_NEEDS_DATE = "A withdrawn offer needs its shutdown date."
MESSAGE_SUBSCRIPTION_NEEDS_UNIT = (
    "Say what the subscription price is for (per GPU or per node, a year)."
)
MESSAGE_LONG_CONTEXT_NEEDS_THRESHOLD = (
    "Long-context prices need the prompt length above which they apply."
)
MESSAGE_KNOWLEDGE_CUTOFF = "Enter the knowledge cutoff as YYYY-MM or YYYY-MM-DD."
MESSAGE_NON_COMMERCIAL_ALLOWS_COMMERCIAL = (
    "A non-commercial licence cannot allow commercial use: "
    "untick “Commercial use” or change its kind."
)


class Modality(models.TextChoices):
    TEXT = "text", "Text"
    IMAGE = "image", "Images"
    AUDIO = "audio", "Audio"
    VIDEO = "video", "Video"
    PDF = "pdf", "PDF documents"


# One bit per modality, for the list's modality filter (apps/catalogue/summary.py).
MODALITY_BITS = {"text": 1, "image": 2, "audio": 4, "video": 8, "pdf": 16}


class Certification(models.TextChoices):
    SOC2 = "soc2", "SOC 2"
    ISO27001 = "iso27001", "ISO 27001"
    HIPAA_BAA = "hipaa_baa", "HIPAA BAA"


class Region(models.TextChoices):
    """Where an offer processes data (the answer `data_region` asks for)."""

    GLOBAL = "global", "Global (the vendor chooses)"
    US = "us", "United States"
    EU = "eu", "European Union / EEA"
    UK = "uk", "United Kingdom"
    CH = "ch", "Switzerland"
    CA = "ca", "Canada"
    AU = "au", "Australia"
    JP = "jp", "Japan"
    IN = "in", "India"
    SG = "sg", "Singapore"
    KR = "kr", "South Korea"
    CN = "cn", "Mainland China"
    HK = "hk", "Hong Kong"
    BR = "br", "Brazil"
    AE = "ae", "United Arab Emirates"
    SA = "sa", "Saudi Arabia"
    CUSTOMER = "customer", "Your own infrastructure"


class Precision(models.TextChoices):
    FP32 = "fp32", "FP32"
    BF16 = "bf16", "BF16"
    FP16 = "fp16", "FP16"
    FP8 = "fp8", "FP8"
    MXFP4 = "mxfp4", "MXFP4"
    NVFP4 = "nvfp4", "NVFP4"
    INT8 = "int8", "INT8"
    INT4 = "int4", "INT4"


BYTES_PER_PARAMETER = {
    Precision.FP32: 4.0,
    Precision.BF16: 2.0,
    Precision.FP16: 2.0,
    Precision.FP8: 1.0,
    Precision.INT8: 1.0,
    Precision.MXFP4: 0.53,  # 4-bit values plus one 8-bit scale per 32
    Precision.NVFP4: 0.56,  # 4-bit values plus one 8-bit scale per 16
    Precision.INT4: 0.5,
}
