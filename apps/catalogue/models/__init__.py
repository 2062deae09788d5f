"""The catalogue's tables: models and offers, cost evidence, freshness."""

from apps.catalogue.models.catalogue import *  # noqa: F403
from apps.catalogue.models.catalogue import (  # noqa: F401  (private names used elsewhere)
    BYTES_PER_PARAMETER,
    REVIEW_AFTER_DAYS,
    choices_check,
    review_cutoff,
)
from apps.catalogue.models.evidence import (  # noqa: F401
    GPUPrice,
    GPUType,
    SizeClass,
    ThroughputEvidence,
    size_class_for,
)
from apps.catalogue.models.freshness import ModelsDevMapping, ProposedChange  # noqa: F401
from apps.catalogue.models.offers import *  # noqa: F403
from apps.catalogue.models.openness import *  # noqa: F403
from apps.catalogue.models.openness import OPENNESS_DIMENSIONS, OPENNESS_POINTS  # noqa: F401
from apps.catalogue.models.vocabulary import *  # noqa: F403
