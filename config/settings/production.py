"""Production: refuses to start without its secrets; HTTPS everywhere."""

from __future__ import annotations

from config.settings.env import env_bool, env_list, env_required

# Several app servers must share one database: never fall back to the
# embedded server in production.
env_required("DATABASE_URL")

from config.settings.base import *  # noqa: E402, F403

DEBUG = env_bool("DJANGO_DEBUG", default=False)

# https://docs.djangoproject.com/en/6.1/ref/settings/#secret-key
SECRET_KEY = env_required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
if not ALLOWED_HOSTS:
    env_required("DJANGO_ALLOWED_HOSTS")

# https://docs.djangoproject.com/en/6.1/howto/deployment/checklist/
# Behind a TLS proxy the redirect stays on: the proxy says which requests
# came over HTTPS (X-Forwarded-Proto, which it must set and never pass on
# from the client), so only plain-HTTP requests are redirected.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# A load balancer's health check may come over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# __Host- cookies are only accepted over HTTPS, for this exact host and path
# /, so a sibling subdomain cannot set or overwrite them.
# https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#cookie_prefixes
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"
