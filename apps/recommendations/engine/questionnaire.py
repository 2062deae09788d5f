"""The questionnaire, written once: seven sections, their
questions and options in plain language, help texts and hints, which
questions offer "I don't know", what an unknown answer is taken to mean and
when a question is asked. `questions.py` indexes it for everyone else.

Section numbers, question slugs and option keys are stored in the database
and are the form field names and values in the HTML, so they never change
without a migration of stored answers. Wording, help texts and hints may be
improved freely.
"""

from __future__ import annotations

from .question_types import (
    UNSURE_HINT_FIGURE,
    Option,
    Section,
    choice_question,
    importance_question,
    unsure_option,
)

SECTIONS: tuple[Section, ...] = (
    Section(
        slug="situation",
        number=1,
        title="Your situation",
        intro=(
            "First, what you want AI for and at what scale. A research lab and a bank "
            "weigh the same trade-offs differently."
        ),
        questions=(
            choice_question(
                "use_case",
                section=1,
                unknown_means="Use case unknown: it did not change any factor.",
                text="What will you mainly use AI for?",
                help=(
                    "Tasks differ in what they need: some want the most capable model "
                    "there is, others run well on a smaller open model you host yourself."
                ),
                error="Select what you will mainly use AI for",
                options=(
                    Option(
                        "assistant",
                        "An internal chat assistant",
                        "Staff ask questions and draft text.",
                    ),
                    Option("documents", "Searching or summarising our documents"),
                    Option("code", "Writing or reviewing code"),
                    Option("product", "A feature in a product we sell", "Your customers use it."),
                    Option(
                        "automation",
                        "Agents and workflow automation",
                        "The model takes actions or runs steps without a person checking each one.",
                    ),
                    Option("research", "Research and experimentation"),
                ),
                unsure=unsure_option(),
            ),
            choice_question(
                "organisation",
                section=1,
                unknown_means="Organisation unknown: it did not change any factor.",
                text="What kind of organisation are you?",
                help=(
                    "Large companies and public bodies often need contracts, audits and "
                    "support; individuals and start-ups often need low cost and speed."
                ),
                error="Select what kind of organisation you are",
                options=(
                    Option("individual", "Just me", "An individual or a freelancer."),
                    Option("startup", "A start-up"),
                    Option("sme", "A small or medium-sized business", "Up to about 250 people."),
                    Option("enterprise", "A large company"),
                    Option(
                        "public_sector",
                        "A public-sector body",
                        "Government, a health service or a local authority.",
                    ),
                    Option("academic", "A university or research institute"),
                ),
                unsure=unsure_option(),
            ),
            choice_question(
                "monthly_volume",
                section=1,
                unknown_means=(
                    "Monthly volume unknown: every cost is estimated at 100 M"
                    " tokens a month, the middle of the 10–500 M range."
                ),
                text="How much text will the model process each month?",
                help=(
                    "Volume decides cost. Closed models charge per token (about ¾ of a word), "
                    "so the bill grows with use; an open model on your own servers costs "
                    "about the same however much you use it, so it often gets cheaper at "
                    "high volume."
                ),
                error="Select roughly how much text the model will process each month",
                options=(
                    Option(
                        "low",
                        "Under 10 million tokens",
                        "A small team using a chat assistant every day.",
                    ),
                    Option(
                        "medium",
                        "10 million to 500 million tokens",
                        "A department-wide assistant, or a modest product feature.",
                    ),
                    Option(
                        "high",
                        "500 million to 10 billion tokens",
                        "A company-wide tool, or a popular product feature.",
                    ),
                    Option(
                        "very_high",
                        "Over 10 billion tokens",
                        "Large-scale automation or a high-traffic product.",
                    ),
                ),
                unsure=unsure_option(UNSURE_HINT_FIGURE),
            ),
        ),
    ),
    Section(
        slug="transparency",
        number=2,
        title="Transparency and trust",
        intro=(
            "Open models let you look inside them and run them where your data lives. "
            "Closed models are used through a vendor's service, on the vendor's terms."
        ),
        questions=(
            choice_question(
                "data_sensitivity",
                section=2,
                unknown_means=(
                    "Data sensitivity unknown: it did not count towards data "
                    "control, and offers that train on customer data were not"
                    " ruled out."
                ),
                text="What is the most sensitive data the model will see?",
                help=(
                    "The more sensitive the data, the more it matters where it goes. Open "
                    "models can run on your own servers so data never leaves them; most "
                    "closed models are used through the vendor's API, so your data is sent "
                    "to the vendor."
                ),
                error="Select the most sensitive kind of data the model will see",
                options=(
                    Option("public", "Public information", "Anything already published."),
                    Option(
                        "internal",
                        "Internal business information",
                        "Plans, emails or code, but nothing about individual people.",
                    ),
                    Option(
                        "personal",
                        "Personal data",
                        "Information about identifiable people, such as customers or staff.",
                    ),
                    Option(
                        "special",
                        "Highly sensitive data",
                        "Health, financial or classified information.",
                    ),
                ),
                unsure=unsure_option(),
            ),
            choice_question(
                "data_location",
                section=2,
                unknown_means=(
                    "Data location unknown: no limit was put on where data is processed."
                ),
                text="Where is your data allowed to be processed?",
                help=(
                    "If data must stay on your own servers, you need a model you can "
                    "download and run yourself, which rules out models offered only through "
                    "an API. A rule about a country or region can often be met either way, "
                    "through a vendor's regional hosting."
                ),
                error="Select where your data is allowed to be processed",
                options=(
                    Option("anywhere", "Anywhere", "There are no rules about where it goes."),
                    Option(
                        "region",
                        "Only within a particular country or region",
                        "For example, it must stay in the EU.",
                    ),
                    Option(
                        "own_infrastructure",
                        "Only on our own servers",
                        "It must never leave infrastructure we control.",
                    ),
                ),
                unsure=unsure_option(),
            ),
            choice_question(
                "data_region",
                section=2,
                unknown_means=(
                    "Jurisdiction unknown: any offer that states where it "
                    "processes data was accepted; check with each vendor that"
                    " it is yours."
                ),
                asked_if=("data_location", "region"),
                text="Only if your data must stay in one jurisdiction: which one?",
                help=(
                    "We then keep only offers that process data there. Running a model "
                    "yourself always can; an API counts only where its vendor or host "
                    "states that it processes data in that jurisdiction."
                ),
                error="Select the jurisdiction your data must stay in",
                options=(
                    Option("eu", "The EU or EEA"),
                    Option("uk", "The United Kingdom"),
                    Option("us", "The United States"),
                    Option(
                        "other",
                        "Another jurisdiction",
                        "We keep offers that state where they process data; check each "
                        "with its vendor.",
                    ),
                ),
                unsure=unsure_option(),
            ),
            importance_question(
                "auditability",
                section=2,
                unknown_means="Importance of inspecting the model unknown: weight 0.",
                text="How important is it that you can inspect the model itself?",
                help=(
                    "Open models publish their weights, and some their training code and "
                    "data, so you or an auditor can check them for bias, fairness and "
                    "privacy problems. A closed model can only be judged by what its vendor "
                    "says and by testing it from outside."
                ),
                error="Select how important it is that you can inspect the model",
            ),
        ),
    ),
    Section(
        slug="cost",
        number=3,
        title="Cost",
        intro=(
            "Open models have no licence fee, but someone pays for the servers that run "
            "them. Closed models charge for each use. Which is cheaper depends mostly on "
            "how much you use."
        ),
        questions=(
            choice_question(
                "budget",
                section=3,
                unknown_means=(
                    "Budget unknown: no cap was applied, so no model was excluded on cost."
                ),
                text="What is your monthly budget for running AI?",
                help=(
                    "We leave out models that would cost more than this at your volume. It "
                    "covers usage fees for a closed model, or the servers and GPUs for an "
                    "open model you run yourself."
                ),
                error="Select your monthly budget",
                options=(
                    Option("minimal", "Under $100 a month"),
                    Option("small", "$100 to $1,000 a month"),
                    Option("medium", "$1,000 to $10,000 a month"),
                    Option("large", "$10,000 to $100,000 a month"),
                    Option(
                        "unlimited",
                        "No fixed limit",
                        "Getting the right model matters more than the cost.",
                    ),
                ),
                unsure=unsure_option(UNSURE_HINT_FIGURE),
            ),
            choice_question(
                "cost_model",
                section=3,
                unknown_means=("Preferred way to pay unknown: it did not change any factor."),
                text="How would you rather pay?",
                help=(
                    "Closed models usually charge per use, so the bill follows demand. "
                    "Running an open model yourself is closer to a fixed cost: you pay for "
                    "the servers whether they are busy or not."
                ),
                error="Select how you would rather pay",
                options=(
                    Option("pay_per_use", "Pay for what we use", "Costs rise and fall with usage."),
                    Option(
                        "fixed",
                        "A predictable, fixed cost",
                        "The same bill each month, even if usage varies.",
                    ),
                    Option("no_preference", "No preference"),
                ),
                unsure=unsure_option(),
            ),
        ),
    ),
    Section(
        slug="flexibility",
        number=4,
        title="Flexibility and customisation",
        intro=(
            "How much you need to change the model, and how much it matters not to "
            "depend on one vendor."
        ),
        questions=(
            choice_question(
                "customisation",
                section=4,
                unknown_means=(
                    "Customisation unknown: models were not required to allow"
                    " changing their weights."
                ),
                text="How much do you need to change the model?",
                help=(
                    "With an open model you have the weights, so you can fine-tune, modify "
                    "and redistribute it. A closed model can usually be steered only with "
                    "instructions and your own data, and some vendors offer limited "
                    "fine-tuning on their servers."
                ),
                error="Select how much you need to change the model",
                options=(
                    Option(
                        "as_is", "Use it as it is", "Its off-the-shelf behaviour is good enough."
                    ),
                    Option(
                        "prompting",
                        "Give it instructions and our own documents",
                        "Prompts, and search over our data, without changing the model.",
                    ),
                    Option(
                        "fine_tune",
                        "Fine-tune it on our data",
                        "Train it further so it learns our style or subject.",
                    ),
                    Option(
                        "modify",
                        "Change it deeply",
                        "Change its weights, distil it into a smaller model, or hand on our "
                        "own version.",
                    ),
                ),
                unsure=unsure_option(),
            ),
            importance_question(
                "lock_in",
                section=4,
                unknown_means="Importance of avoiding vendor lock-in unknown: weight 0.",
                text="How important is it to avoid depending on a single vendor?",
                help=(
                    "With an open model you can move to another host, or run it yourself, "
                    "if prices or terms change. With a closed model, its vendor decides what "
                    "it costs, how it changes and when it is retired."
                ),
                error="Select how important it is to avoid depending on a single vendor",
            ),
        ),
    ),
    Section(
        slug="control",
        number=5,
        title="Control, quality and support",
        intro=(
            "A closed model comes as a tested product with support. An open model asks you "
            "to run and fix it yourself, or to buy support from someone else."
        ),
        questions=(
            choice_question(
                "expertise",
                section=5,
                unknown_means=(
                    "In-house expertise unknown: the support gap did not "
                    "count, and self-hosting was not marked down."
                ),
                text="Who could run and maintain a model for you?",
                help=(
                    "Running an open model yourself means someone sets up servers, updates "
                    "the model and fixes it when it breaks. Without that skill, a closed "
                    "model or an open model hosted by someone else is usually safer."
                ),
                error="Select who could run and maintain a model for you",
                options=(
                    Option("none", "No one: we have no machine-learning engineers"),
                    Option(
                        "some",
                        "Engineers who could learn to run a model",
                        "Software or infrastructure engineers, but no machine-learning "
                        "specialists.",
                    ),
                    Option("team", "A dedicated machine-learning or MLOps team"),
                ),
                unsure=unsure_option(),
            ),
            choice_question(
                "support",
                section=5,
                unknown_means="Support needs unknown: no SLA was required.",
                text="What support do you need when something goes wrong?",
                help=(
                    "Closed vendors pay for dedicated support out of their fees. Open models "
                    "rely on community forums unless you buy support from a vendor or host. "
                    "Think of who fixes it at 3 a.m."
                ),
                error="Select what support you need when something goes wrong",
                options=(
                    Option(
                        "community",
                        "Community help is enough",
                        "Forums, documentation and our own engineers.",
                    ),
                    Option("business", "Vendor support during business hours"),
                    Option(
                        "sla",
                        "Round-the-clock support with a contractual SLA",
                        "24 hours a day, 7 days a week, with response times guaranteed in "
                        "a contract.",
                    ),
                ),
                unsure=unsure_option(),
            ),
            importance_question(
                "capability_need",
                section=5,
                unknown_means="Importance of capability unknown: weight 0.",
                text="How important is it to have the most capable models?",
                help=(
                    "The most capable models are often closed, with features open models "
                    "may take months to match. Many everyday tasks don't need the very best, "
                    "and the gap keeps narrowing."
                ),
                error="Select how important it is to have the most capable models",
            ),
            choice_question(
                "time_to_market",
                section=5,
                unknown_means="Time to market unknown: it did not change any factor.",
                text="How soon do you need it working?",
                help=(
                    "A closed model through an API can be working in days. Setting up an "
                    "open model yourself takes longer the first time, unless someone hosts "
                    "it for you."
                ),
                error="Select how soon you need it working",
                options=(
                    Option("weeks", "Within weeks"),
                    Option("months", "Within a few months"),
                    Option("no_rush", "There's no rush"),
                ),
                unsure=unsure_option(),
            ),
        ),
    ),
    Section(
        slug="security",
        number=6,
        title="Security and standardisation",
        intro=(
            "Public weights can be studied by anyone, attackers included. And many open "
            "models mean more choice, but less consistency between teams."
        ),
        questions=(
            choice_question(
                "security_exposure",
                section=6,
                unknown_means="Security exposure unknown: security did not count.",
                text="How much harm could misuse of the model, or an attack on it, cause?",
                help=(
                    "Anyone can study an open model's public weights to find ways around its "
                    "safeguards. That matters most where the model faces the public or where "
                    "mistakes are dangerous; a closed vendor controls access and watches for "
                    "abuse."
                ),
                error="Select how much harm misuse or an attack could cause",
                options=(
                    Option("low", "Little harm", "Internal use, and mistakes are easy to catch."),
                    Option("moderate", "Some harm", "Some outside users, or some business risk."),
                    Option(
                        "high",
                        "Serious harm",
                        "Safety- or security-critical, open to the public, or a target for abuse.",
                    ),
                ),
                unsure=unsure_option(),
            ),
            importance_question(
                "standardisation",
                section=6,
                unknown_means="Importance of standardisation unknown: weight 0.",
                text="How important is one consistent model and API across many teams?",
                help=(
                    "The open ecosystem is fragmented: many models, formats and licences. "
                    "One closed vendor gives every team the same model, API and terms, "
                    "which is simpler to govern."
                ),
                error="Select how important one consistent model and API is",
            ),
        ),
    ),
    Section(
        slug="licence",
        number=7,
        title="Licence needs",
        intro=(
            "Open models come under many licences, and some forbid commercial use or limit "
            "who you can pass the model on to. These two answers rule models in or out, so "
            "there is no \u201cI don't know\u201d here."
        ),
        questions=(
            choice_question(
                "commercial_use",
                section=7,
                unknown_means=(
                    "Commercial use not answered: licences that forbid "
                    "commercial use were not excluded. Check this before "
                    "using a model in a business."
                ),
                text="Will you use the model commercially?",
                help=(
                    "Some open models are released under licences that forbid commercial "
                    "use, and that usually includes using them inside a business. If you "
                    "answer yes, we leave those models out. If you're not sure, choose yes: "
                    "it only removes models you might not be allowed to use."
                ),
                error="Select whether you will use the model commercially",
                options=(
                    Option("yes", "Yes", "In a business, or in anything we sell."),
                    Option("no", "No", "Only for personal, academic or non-profit work."),
                ),
            ),
            choice_question(
                "redistribution",
                section=7,
                unknown_means=(
                    "Redistribution not answered: licences that forbid "
                    "shipping the weights were not excluded."
                ),
                text="Will you pass the model itself on to others?",
                help=(
                    "Shipping a model's weights to customers or onto devices is "
                    "redistribution, and many licences limit it or attach conditions. "
                    "Offering a service that uses the model doesn't count."
                ),
                error="Select whether you will pass the model itself on to others",
                options=(
                    Option("yes", "Yes", "We ship the weights to customers or onto devices."),
                    Option("no", "No", "We only run it ourselves, or use it through a service."),
                ),
            ),
        ),
    ),
)
