"""Answer sets for clear cases from the article, shared by tests and benchmarks."""

# A team that must keep special-category data on its own servers and has
# an ML team (the article's clear case for open source).
SOVEREIGN_ML_TEAM = {
    "use_case": "documents",
    "organisation": "enterprise",
    "monthly_volume": "high",
    "data_sensitivity": "special",
    "data_location": "own_infrastructure",
    "auditability": "high",
    "budget": "large",
    "cost_model": "no_preference",
    "customisation": "fine_tune",
    "lock_in": "high",
    "expertise": "team",
    "support": "business",
    "capability_need": "low",
    "time_to_market": "months",
    "security_exposure": "moderate",
    "standardisation": "low",
    "commercial_use": "yes",
    "redistribution": "no",
}

# A small team with no ML staff that needs a 24×7 SLA and frontier
# capability (the article's clear case for closed source).
SMALL_TEAM_NEEDS_SLA = {
    "use_case": "assistant",
    "organisation": "startup",
    "monthly_volume": "low",
    "data_sensitivity": "internal",
    "data_location": "anywhere",
    "auditability": "none",
    "budget": "small",
    "cost_model": "pay_per_use",
    "customisation": "prompting",
    "lock_in": "low",
    "expertise": "none",
    "support": "sla",
    "capability_need": "critical",
    "time_to_market": "weeks",
    "security_exposure": "moderate",
    "standardisation": "high",
    "commercial_use": "yes",
    "redistribution": "no",
}


# Every question answered, pulling clearly closed (a managed service with an
# SLA for a team without ML engineers): the verdict is closed and confident.
CLEAR_CLOSED_ENTERPRISE = {
    "use_case": "assistant",
    "organisation": "enterprise",
    "monthly_volume": "medium",
    "data_sensitivity": "internal",
    "data_location": "anywhere",
    "auditability": "none",
    "budget": "large",
    "cost_model": "pay_per_use",
    "customisation": "as_is",
    "lock_in": "low",
    "expertise": "none",
    "support": "sla",
    "capability_need": "high",
    "time_to_market": "weeks",
    "security_exposure": "high",
    "standardisation": "high",
    "commercial_use": "yes",
    "redistribution": "no",
}
