"""Settings of engagiert, read from environment variables (documented in `.env.example`).

A developer machine needs none: SQLite under var/, mails on the console. Production differs only
by variables: DEBUG unset, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and the mail settings.
"""

import os
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
REQUIRED = object()


def _read_env_file(path: Path) -> None:
    """KEY=VALUE lines from a local `.env` (the environment itself always wins).

    `make` writes one with DEBUG=1 on a developer machine, so that plain `manage.py` commands
    work there; production sets real environment variables and needs no such file."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key and not key.startswith("#"):
            os.environ.setdefault(key.strip(), value.strip())


_read_env_file(BASE_DIR / ".env")


def env(name: str, default: object = "") -> str:
    """Read a variable; a REQUIRED one that is missing stops the start with a clear message."""
    value = os.environ.get(name)
    if value is None or value == "":
        if default is REQUIRED:
            raise ImproperlyConfigured(f"Environment variable {name} is required.")
        return str(default)
    return value


def env_bool(name: str, *, default: bool) -> bool:
    return env(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


#: True only on a developer machine; production leaves it unset.
DEBUG = env_bool("DEBUG", default=False)
#: Required when DEBUG is off.
SECRET_KEY = env("SECRET_KEY", default="insecure-local-only" if DEBUG else REQUIRED)
#: Host names this site answers to.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
#: Origins (https://host) trusted for CSRF when a proxy sits in front.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "engagiert.core",
    "engagiert.accounts",
    "engagiert.registry",
    "engagiert.legal",
    "engagiert.membership",
    "engagiert.audiences",
    "engagiert.contacts",
    "engagiert.events",
    "engagiert.mailings",
    "engagiert.workshop",
    "engagiert.knowledge",
    "engagiert.news",
    "engagiert.volunteercard",
    "engagiert.opportunities",
    "engagiert.impact",
    "engagiert.api",
    "engagiert.opendata",
    "engagiert.privacy",
    "engagiert.search",
    "engagiert.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "engagiert.core.middleware.ClientAddressMiddleware",
    "engagiert.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "engagiert.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "engagiert.core.middleware.RejectControlCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "engagiert.accounts.middleware.TwoFactorMiddleware",
    "engagiert.accounts.middleware.SessionActivityMiddleware",
    "engagiert.core.middleware.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that it sees a view's exception first.
    "engagiert.core.middleware.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "engagiert.urls"
WSGI_APPLICATION = "engagiert.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "engagiert" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "engagiert.core.context_processors.navigation",
            ],
        },
    },
]

#: PostgreSQL in production (postgres://…); an embedded SQLite file otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'engagiert.sqlite3'}"),
        # Seconds a process keeps its connection between requests (production: ten minutes,
        # checked before reuse; 0 = a new connection per request, as on a developer machine).
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0" if DEBUG else "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A database that accepts connections but never answers must not hold requests for long.
    DATABASES["default"]["OPTIONS"] = {
        #: Seconds to wait for a connection (libpq counts at least 2).
        "connect_timeout": int(env("DATABASE_CONNECT_TIMEOUT", "5")),
        #: Milliseconds one statement may run before PostgreSQL cancels it.
        "options": f"-c statement_timeout={int(env('DATABASE_STATEMENT_TIMEOUT', '30000'))}",
    }
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Writers take the lock at BEGIN, so read-then-write services serialise like row locks do.
    # WAL: readers never wait for the writer; a commit is safe when a process dies and waits
    # for the disk only at checkpoints (a power cut may forget the last commits, never corrupt).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

#: Shared cache for several app processes; per-process memory otherwise. The throttle's
#: counters (failed logins, public forms) are always shared: in Redis when REDIS_URL is set,
#: otherwise in a database table (`migrate` creates it).
REDIS_URL = env("REDIS_URL")
_REDIS_CACHE = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
CACHES = {
    "default": (
        _REDIS_CACHE if REDIS_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    "throttle": (
        {**_REDIS_CACHE, "KEY_PREFIX": "throttle"}
        if REDIS_URL
        else {
            "BACKEND": "engagiert.core.cache.CounterDatabaseCache",
            "LOCATION": "core_throttle_cache",
            # Never cull: dropping counters would let a flood of keys reset lockouts.
            "OPTIONS": {"MAX_ENTRIES": 10_000_000},
        }
    ),
}
#: Addresses or networks (CIDR) of the reverse proxies in front of the app, comma-separated.
#: Only a request from one of them may name the client in X-Forwarded-For; empty = none.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

#: Background work (mailings, reports) through Django's task API, stored in the database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
#: /readyz fails when no task worker ran the schedule's heartbeat for this many minutes, or
#: when more than READYZ_OUTBOX_BACKLOG e-mails are overdue by READYZ_OUTBOX_DELAY_MINUTES.
READYZ_WORKER_SILENCE_MINUTES = int(env("READYZ_WORKER_SILENCE_MINUTES", "5"))
READYZ_OUTBOX_BACKLOG = int(env("READYZ_OUTBOX_BACKLOG", "100"))
READYZ_OUTBOX_DELAY_MINUTES = int(env("READYZ_OUTBOX_DELAY_MINUTES", "15"))

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
#: Failed logins per account before that account pauses (for everyone), failed logins from
#: one client address (across accounts) before that address pauses, and the pause in seconds.
LOGIN_FAILURE_LIMIT = int(env("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(env("LOGIN_ADDRESS_FAILURE_LIMIT", "50"))
LOGIN_LOCKOUT_SECONDS = int(env("LOGIN_LOCKOUT_SECONDS", "900"))
#: Submissions of a public form (e.g. an event registration) per client address and window.
PUBLIC_FORM_LIMIT = int(env("PUBLIC_FORM_LIMIT", "10"))
PUBLIC_FORM_WINDOW_SECONDS = int(env("PUBLIC_FORM_WINDOW_SECONDS", "3600"))
#: Days a rejected or withdrawn Ehrenamtskarte application keeps its personal data.
VOLUNTEERCARD_KEEP_REJECTED_DAYS = int(env("VOLUNTEERCARD_KEEP_REJECTED_DAYS", "180"))
#: Days an expired or revoked Ehrenamtskarte keeps its holder's personal data.
VOLUNTEERCARD_KEEP_EXPIRED_DAYS = int(env("VOLUNTEERCARD_KEEP_EXPIRED_DAYS", "365"))
#: Roles that must log in with a second factor (comma-separated role keys; empty = nobody).
TWO_FACTOR_REQUIRED_ROLES = env_list("TWO_FACTOR_REQUIRED_ROLES", "office,card_staff")
#: Days after an event ends until registrations lose their accessibility or dietary needs.
EVENTS_KEEP_NEEDS_DAYS = int(env("EVENTS_KEEP_NEEDS_DAYS", "1"))
#: Days after its decision until a declined membership application is deleted.
MEMBERSHIP_KEEP_DECLINED_DAYS = int(env("MEMBERSHIP_KEEP_DECLINED_DAYS", "180"))
#: Days after it was sent until an interest in an opportunity that was not accepted is deleted
#: (a declined or withdrawn one at the earliest as many days after the answer or withdrawal).
OPPORTUNITIES_KEEP_DECLINED_DAYS = int(env("OPPORTUNITIES_KEEP_DECLINED_DAYS", "180"))
#: Days after the selection until an application not selected for the development workshop loses
#: its team, submitter and texts (the municipality and the decision stay for the figures).
WORKSHOP_KEEP_DECLINED_DAYS = int(env("WORKSHOP_KEEP_DECLINED_DAYS", "365"))
#: Days a person's data export (ZIP) is kept for download before the file is deleted.
PRIVACY_EXPORT_KEEP_DAYS = int(env("PRIVACY_EXPORT_KEEP_DAYS", "7"))
#: Days a newsletter confirmation link stays valid; unconfirmed sign-ups are deleted after them.
NEWSLETTER_CONFIRM_DAYS = int(env("NEWSLETTER_CONFIRM_DAYS", "3"))
#: Months without a login until an account is warned, and days after the warning until it is
#: deleted if still unused (accounts of the network office are never deleted).
ACCOUNTS_INACTIVE_WARN_MONTHS = int(env("ACCOUNTS_INACTIVE_WARN_MONTHS", "24"))
ACCOUNTS_INACTIVE_DELETE_DAYS = int(env("ACCOUNTS_INACTIVE_DELETE_DAYS", "60"))
#: Days after sending until an e-mail's text is emptied in the outbox (subject and address stay).
OUTBOX_KEEP_BODY_DAYS = int(env("OUTBOX_KEEP_BODY_DAYS", "30"))
#: A member officer's news article is published only after the network office has released it.
NEWS_RELEASE_REQUIRED = env_bool("NEWS_RELEASE_REQUIRED", default=True)
#: Password reset links stay valid for one day.
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "engagiert" / "static"]
#: Where `collectstatic` writes for the web server.
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
#: Uploaded files; outside the static root, served only through permission-checking views.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/medien/"
#: Media on S3-compatible object storage (MinIO, Ceph, a cloud bucket) when a bucket is named;
#: the local MEDIA_ROOT otherwise (a shared directory, e.g. NFS, when several servers run).
MEDIA_S3_BUCKET = env("MEDIA_S3_BUCKET")
_MEDIA_STORAGE: dict[str, object] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if MEDIA_S3_BUCKET:
    _MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            #: The service's address, e.g. https://s3.rechenzentrum.example (unset = AWS).
            "endpoint_url": env("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": env("MEDIA_S3_REGION") or None,
            "access_key": env("MEDIA_S3_ACCESS_KEY_ID", REQUIRED),
            "secret_key": env("MEDIA_S3_SECRET_ACCESS_KEY", REQUIRED),
            #: A folder inside the bucket, so that one bucket can hold several instances.
            "location": env("MEDIA_S3_PREFIX"),
            # Private objects, read only through the permission-checking views; a second
            # upload under the same name gets a new name instead of replacing the first.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": _MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

#: Outgoing mail: SMTP when EMAIL_HOST is set (always in production), the console otherwise.
EMAIL_HOST = env("EMAIL_HOST", "" if DEBUG else "localhost")
#: On the console one line per mail (to, subject); EMAIL_CONSOLE_FULL=1 prints whole mails.
EMAIL_CONSOLE_FULL = env_bool("EMAIL_CONSOLE_FULL", default=False)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
    if EMAIL_CONSOLE_FULL
    else "engagiert.core.mail_console.SummaryEmailBackend"
)
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", "Kommunen-Netzwerk engagiert in NRW <netzwerk@engagiert.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
#: The address people reach the platform at, for links in e-mails (`make run` sets it from its
#: HOST and PORT when it is unset).
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
#: Passkeys (WebAuthn): the origin the browser reports and the relying party id (its host
#: name). Derived from SITE_URL; browsers refuse an IP address as RP ID, so a local 127.0.0.1
#: becomes localhost (open the development server as http://localhost:8000 to use passkeys).
WEBAUTHN_ORIGIN = env("WEBAUTHN_ORIGIN", SITE_URL.replace("//127.0.0.1", "//localhost")).rstrip("/")
WEBAUTHN_RP_ID = env("WEBAUTHN_RP_ID", urlsplit(WEBAUTHN_ORIGIN).hostname or "localhost")
#: Largest upload accepted by the web server process, in bytes (documents are checked again).
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Sessions and cookies: HTTP-only, same-site, secure outside DEBUG; a working day long.
SESSION_COOKIE_AGE = 60 * 60 * 10
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
#: Redirect http to https in production.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
#: HSTS max-age in seconds (one year in production).
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = False
#: Trust X-Forwarded-Proto from the reverse proxy that terminates TLS.
if env_bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = ["security.W021"]  # HSTS preload is a site owner's decision, not ours.

#: Everything to the console (gunicorn's stderr), each line with the request's id: our own
#: messages from LOG_LEVEL on, Django's errors (every unhandled error with its traceback from
#: `django.request`, refused hosts from `django.security`); 4xx answers are not errors.
#: LOG_FORMAT: "json" (one object per line, for log collectors; the default in production) or
#: "plain" (the default with DEBUG). A task's lines carry the id of the request that caused it.
LOG_FORMAT = env("LOG_FORMAT", "plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "engagiert.core.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s",
        },
        "json": {"()": "engagiert.core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "engagiert": {"level": env("LOG_LEVEL", "INFO")},
        "django": {"handlers": [], "level": "ERROR"},
    },
}
if DEBUG:
    # The development server's request lines, without those of static files served fine.
    LOGGING["filters"]["quiet_static"] = {"()": "engagiert.core.logs.QuietStaticFilter"}  # type: ignore[index]
    LOGGING["formatters"]["django.server"] = {  # type: ignore[index]
        "()": "django.utils.log.ServerFormatter",
        "format": "[{server_time}] {message}",
        "style": "{",
    }
    LOGGING["handlers"]["django.server"] = {  # type: ignore[index]
        "class": "logging.StreamHandler",
        "formatter": "django.server",
        "filters": ["quiet_static"],
    }
    LOGGING["loggers"]["django.server"] = {  # type: ignore[index]
        "handlers": ["django.server"],
        "level": "INFO",
        "propagate": False,
    }

#: Map tiles from a tile server, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png; unset = the
#: maps are drawn from the registry's own coordinates and nothing is requested elsewhere.
MAP_TILE_URL = env("MAP_TILE_URL")
#: Attribution the tile server requires.
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION", "© OpenStreetMap-Mitwirkende")

#: The state whose registry this instance serves (shown in texts and the open-data export).
NETWORK_NAME = env("NETWORK_NAME", "Kommunen-Netzwerk: engagiert in NRW")
STATE_NAME = env("STATE_NAME", "Nordrhein-Westfalen")

# Open data (/offene-daten/): files made daily, described by a DCAT-AP.de catalogue.
#: Who publishes the datasets (dct:publisher in the catalogue, named in the attribution).
OPENDATA_PUBLISHER = env("OPENDATA_PUBLISHER", f"Netzwerkstelle {NETWORK_NAME}")
#: The contact point of the catalogue (vcard:hasEmail); the sender address by default.
OPENDATA_CONTACT_EMAIL = env("OPENDATA_CONTACT_EMAIL", parseaddr(DEFAULT_FROM_EMAIL)[1])
#: Fewest municipalities a published aggregate stands for; smaller groups get no figure.
OPENDATA_MIN_GROUP_SIZE = int(env("OPENDATA_MIN_GROUP_SIZE", "5"))
#: The GovData contributor id (dcatde:contributorID), e.g. http://dcat-ap.de/def/contributors/…;
#: unset until the portal has assigned one.
OPENDATA_CONTRIBUTOR_ID = env("OPENDATA_CONTRIBUTOR_ID")

#: Forms render with KERN UX markup: label, hint, error at the field, then the input.
FORM_RENDERER = "engagiert.core.forms.KernFormRenderer"

# Ehrenamtskarte: the Ed25519 key that signs the cards' QR codes (never in the repository).
#: The private key, PEM or the 32 raw bytes in base64; or a file holding it. `make run` writes a
#: development key file under var/ (`manage.py volunteercard_devkey`); production sets one.
VOLUNTEERCARD_SIGNING_KEY = env("VOLUNTEERCARD_SIGNING_KEY")
VOLUNTEERCARD_SIGNING_KEY_FILE = env(
    "VOLUNTEERCARD_SIGNING_KEY_FILE",
    str(BASE_DIR / "var" / "volunteercard-dev-signing-key.pem") if DEBUG else "",
)
#: Retired public keys that still verify cards they signed (raw 32 bytes in base64,
#: comma-separated); the current key's public half is always added.
VOLUNTEERCARD_PUBLIC_KEYS = env_list("VOLUNTEERCARD_PUBLIC_KEYS")
#: Server checks of a card (status of a scanned code, manual number entry) per client address
#: and window; a number entered by hand counts against the lower manual limit.
VOLUNTEERCARD_STATUS_LIMIT = int(env("VOLUNTEERCARD_STATUS_LIMIT", "300"))
VOLUNTEERCARD_MANUAL_CHECK_LIMIT = int(env("VOLUNTEERCARD_MANUAL_CHECK_LIMIT", "30"))
VOLUNTEERCARD_CHECK_WINDOW_SECONDS = int(env("VOLUNTEERCARD_CHECK_WINDOW_SECONDS", "3600"))

#: Seconds a webhook receiver has to answer before the delivery counts as failed.
WEBHOOK_TIMEOUT = float(env("WEBHOOK_TIMEOUT", "5"))
# The JSON API at /api/v1/ (Django REST framework; the schema by drf-spectacular).
#: Requests per client address without a token, e.g. »60/min« (s, min, h, day).
API_ANON_RATE = env("API_ANON_RATE", "60/min")
#: Largest page a client may ask for with `page_size`.
API_MAX_PAGE_SIZE = int(env("API_MAX_PAGE_SIZE", "100"))
REST_FRAMEWORK = {
    # JSON only: no browsable API (its forms and inline scripts are not for this site).
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Public reads need none; integrations send a token (`Authorization: Bearer ek_…`).
    "DEFAULT_AUTHENTICATION_CLASSES": ["engagiert.api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_PAGINATION_CLASS": "engagiert.api.pagination.PagePagination",
    "PAGE_SIZE": 25,
    "DEFAULT_THROTTLE_CLASSES": ["engagiert.api.throttling.AnonymousThrottle"],
    "EXCEPTION_HANDLER": "engagiert.api.problems.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "engagiert.api.schema.AutoSchema",
    # The version is fixed in the path (/api/v1/); a v2 would be a second URL configuration.
    "DEFAULT_VERSIONING_CLASS": None,
    "UNICODE_JSON": True,
    # No OPTIONS answers: the schema documents every resource.
    "DEFAULT_METADATA_CLASS": None,
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    # The schema's filters read choices from the database, which `check --deploy` may run
    # without; the schema is checked by tests/schemathesis instead.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "TITLE": f"API des {NETWORK_NAME}",
    "DESCRIPTION": (
        "Öffentliche Daten des Netzwerks als JSON: Kommunen (nach AGS), Mitglieder mit ihrem "
        "Profil, die gemeinsame Erklärung, Veranstaltungen, Wissen, Engagementangebote und "
        "Schichten sowie die Akzeptanzstellen der Ehrenamtskarte. Lesen ohne Token, begrenzt "
        "je Adresse; Listen sind seitenweise (`page`, `page_size`). Fehler antworten im "
        "Format `application/problem+json` (RFC 9457) mit deutschen Texten."
    ),
    "VERSION": "1.0.0",
    "CONTACT": {"name": NETWORK_NAME, "email": DEFAULT_FROM_EMAIL.rpartition("<")[2].strip(">")},
    "LICENSE": {
        "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)",
        "url": "https://www.govdata.de/dl-de/by-2-0",
    },
    "SERVERS": [{"url": SITE_URL, "description": NETWORK_NAME}],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # The interactive documentation from our own static files (no CDN).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models call their codes »kind«: one named enum each.
    "ENUM_NAME_OVERRIDES": {
        "AuthorityKindEnum": "engagiert.registry.models.Authority.Kind",
        "OrganisationKindEnum": "engagiert.registry.models.Organisation.Kind",
        "EventKindEnum": "engagiert.events.models.Event.Kind",
        "AgendaItemKindEnum": "engagiert.events.models.AgendaItem.Kind",
        "KnowledgeItemKindEnum": "engagiert.knowledge.models.KnowledgeItem.Kind",
        "BenefitKindEnum": "engagiert.volunteercard.models.Benefit.Kind",
    },
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "defaultModelsExpandDepth": 0},
}
