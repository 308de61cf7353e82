"""Settings shared by every environment.

Runs with nothing set: SQLite (WAL, immediate transactions), eager Celery,
console e-mail, local-memory cache. Everything else comes from the environment
(12-factor); production.py insists on the parts that must not default.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "learning"

env = environ.FileAwareEnv()  # FOO_FILE=/run/secrets/foo works for every FOO


def env_bool(name, default):
    """Like env.bool, but DEBUG=maybe is an error instead of a silent False."""
    value = env.str(name, default="").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: set it to true or false.")


DEBUG = env_bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-not-secret-" + "x" * 40)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", ".localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# e.g. ".kurs.example.no": one sign-in for every organisation's site.
SESSION_COOKIE_DOMAIN = env.str("SESSION_COOKIE_DOMAIN", default=None)
# Sessions are read on every signed-in page: from the cache (Redis) first,
# the database only when the cache lost them.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_DOMAIN = SESSION_COOKIE_DOMAIN
LANGUAGE_COOKIE_DOMAIN = SESSION_COOKIE_DOMAIN  # a language chosen on one site holds on all

INSTALLED_APPS = [
    "learning",
    "learning.accounts",
    "tenants",
    "courses",
    "learning.tracking",
    "learning.reports",
    "learning.privacy",
    "wagtailmedia",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    # wagtail.admin, with page forms that refuse other organisations' ids.
    "tenants.admin_config.WagtailAdminConfig",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_celery_beat",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Sign-up, sign-in, e-mail confirmation, password reset and two-factor
    # authentication; our rules live in learning/accounts/adapters.py.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    # Single sign-on: apps built from IdentityProvider rows (tenants/sso.py).
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so replayed pages get the headers too.
    "learning.privacy.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Replays catalogue and course pages for anonymous visitors (courses/page_cache.py).
    "courses.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff who can see personal data need a second factor for the admin and reports.
    "learning.accounts.mfa.SecondFactorMiddleware",
    # Who looked at or exported other people's learning records.
    "learning.privacy.middleware.AuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Which site and page a request is for, kept per content version (courses/routing.py).
    "courses.routing.RouteCacheMiddleware",
    "tenants.middleware.TenantMiddleware",
    # After the two above: the person's choice, employer and site decide.
    "learning.middleware.ChosenLanguageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "learning.urls"
WSGI_APPLICATION = "learning.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tenants.context_processors.organisation",
            ],
        },
    },
]

# Database: SQLite by default. WAL and IMMEDIATE transactions keep concurrent
# writers from failing with "database is locked".
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
# The admin's own login and password reset would skip the rate limits and
# the second factor: people use /konto/ for both.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# django-allauth: e-mail is the login; no usernames.
ACCOUNT_ADAPTER = "learning.accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "learning.accounts.forms.LoginForm",
    "signup": "learning.accounts.forms.SignupForm",
    "reset_password": "learning.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "learning.accounts.forms.ResetPasswordKeyForm",
    "change_password": "learning.accounts.forms.ChangePasswordForm",
    "set_password": "learning.accounts.forms.SetPasswordForm",
    "add_email": "learning.accounts.forms.ChangeEmailForm",
    "reauthenticate": "learning.accounts.forms.PasswordReauthenticateForm",
}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Nobody signs in before confirming the address: that is also what lets
# sign-up answer the same whether or not the address has an account.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # no mail to addresses without an account
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # mail scanners open links
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False  # our confirm view asks for the password
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_CHANGE_EMAIL = True  # one address per person: it is the login
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# Two-factor authentication (learning/accounts/mfa.py says who must have it).
MFA_ADAPTER = "learning.accounts.adapters.MFAAdapter"
MFA_FORMS = {
    "authenticate": "learning.accounts.forms.AuthenticateForm",
    "reauthenticate": "learning.accounts.forms.ReauthenticateForm",
    "activate_totp": "learning.accounts.forms.ActivateTOTPForm",
    "add_webauthn": "learning.accounts.forms.AddPasskeyForm",
    "edit_webauthn": "learning.accounts.forms.EditPasskeyForm",
    "login_webauthn": "learning.accounts.forms.LoginPasskeyForm",
    "authenticate_webauthn": "learning.accounts.forms.AuthenticatePasskeyForm",
    "reauthenticate_webauthn": "learning.accounts.forms.ReauthenticatePasskeyForm",
}
# Passkeys (WebAuthn): a second factor, and a sign-in without a password
# from the login page. The relying party is the host the person is on, or
# SESSION_COOKIE_DOMAIN when that spans it (MFAAdapter): one passkey for
# every organisation's site then. http://localhost and *.localhost count as
# secure origins (browsers' and fido2's rule), so dev and tests need no
# MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Kompetanseplattform"
MFA_RECOVERY_CODE_COUNT = 10

# Single sign-on (tenants.sso) builds its OpenID Connect apps from the
# organisations' IdentityProvider rows.
SOCIALACCOUNT_ADAPTER = "tenants.sso.SocialAccountAdapter"
SOCIALACCOUNT_STORE_TOKENS = False
# The key client secrets are encrypted with; derived from SECRET_KEY when unset.
SSO_SECRET_KEY = env.str("SSO_SECRET_KEY", default="")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language: Norwegian bokmål first; nynorsk and English can follow.
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
# Wagtail is translated into bokmål (completed in learning/locale/nb) and
# English, not nynorsk: editors of nynorsk municipalities get bokmål there.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nb", "Norsk bokmål"), ("en", "English")]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    # Uploads under random directory names; served by courses.views.media_file.
    "default": {"BACKEND": "courses.storage.UnguessableStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600
# Behind nginx (deploy/nginx.conf): Django checks who may fetch an upload and
# nginx sends it from an internal location. Off: Django streams it itself.
MEDIA_X_ACCEL_REDIRECT = env_bool("MEDIA_X_ACCEL_REDIRECT", default=False)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cache and Celery: Redis when REDIS_URL is set, otherwise in-process.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        # One redis.Redis per pool, not one per call (learning/cache.py).
        "default": {"BACKEND": "learning.cache.ReusingRedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Redis redelivers a task a worker took but never acknowledged (acks_late)
# after this long; a fold takes well under a second. Publishing gives up at
# once when the broker is down: the request must not wait (the sweeper folds).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 600,
    "socket_connect_timeout": 1,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
}
# Each worker process reserves one task at a time: a learner's fold goes to the
# first free process instead of waiting behind folds another one prefetched.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Tracking's tasks have their own queue, so a burst of folds never waits
# behind provisioning jobs; run a worker with `-Q celery,tracking`.
TRACKING_QUEUE = env.str("TRACKING_QUEUE", default="tracking")
CELERY_TASK_ROUTES = {"tracking.*": {"queue": TRACKING_QUEUE}}
CELERY_BEAT_SCHEDULE = {
    "tracking-sweep-stale": {"task": "tracking.sweep_stale", "schedule": 60.0},
    # People who joined an assigned unit or job role since get the course.
    "tracking-apply-assignments": {"task": "tracking.apply_assignments", "schedule": 3600.0},
    # Nightly: rebuild every organisation's rollups from tracking's tables.
    "reports-rebuild-rollups": {
        "task": "reports.rebuild_rollups",
        "schedule": crontab(hour=2, minute=30),
    },
    # Nightly: raw learning events past EVENT_RETENTION_DAYS are deleted.
    "privacy-delete-old-events": {
        "task": "privacy.delete_old_events",
        "schedule": crontab(hour=3, minute=15),
    },
    # Monday morning: a link to the dashboard for KS analysts who asked.
    "reports-weekly-email": {
        "task": "reports.weekly_email",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
}
# Enrollments stale for longer than this are folded by the sweeper.
TRACKING_SWEEP_AFTER_SECONDS = env.int("TRACKING_SWEEP_AFTER_SECONDS", default=60)
# How far behind the national dashboard may be: every refresh anywhere marks
# it out of date, and it is rebuilt at most this often (learning/reports/caching.py).
REPORTS_NATIONAL_MAX_AGE_SECONDS = env.int("REPORTS_NATIONAL_MAX_AGE_SECONDS", default=60)

# Wagtail 8's own background tasks (reference index, file deletion) run through
# django-tasks. Immediate everywhere: they are small and must not need a worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# E-mail: console unless EMAIL_URL (smtp://user:pass@host:587) is set.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Kompetanseplattform <noreply@kurs.localhost>"
)

# Wagtail
WAGTAIL_SITE_NAME = "Kompetanseplattform"
# No avatars from gravatar.com: it would send a hash of every editor's e-mail
# address abroad, and no page may load anything from a third-party host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the dashboard ask releases.wagtail.org for a newer version.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # Norwegian stemming for the course catalogue: "passordet" finds "passord".
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "norwegian"
# "vtt": captions for lesson videos (served as text/vtt by courses.views.captions).
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "vtt", "xlsx"]
# Documents link to their /media/ address, where courses.files decides who
# gets them; /dokumenter/<id>/<name> only forwards those who may (wagtail_hooks).
WAGTAILDOCS_SERVE_METHOD = "direct"
# Browsers play these natively in <video> and <audio>; uploads are checked by
# content as well (courses.uploads.MediaForm), not only by extension.
WAGTAILMEDIA = {
    "MEDIA_MODEL": "wagtailmedia.Media",
    "MEDIA_FORM_BASE": "courses.uploads.MediaForm",
    "VIDEO_EXTENSIONS": ["mp4", "webm"],
    "AUDIO_EXTENSIONS": ["m4a", "mp3", "ogg", "wav"],
}
# Keep a pasted URL an external link: turning it into a page link looks the
# page up on every organisation's site, and the page form would then refuse it.
WAGTAILADMIN_EXTERNAL_LINK_CONVERSION = ""

# Security headers (learning/privacy/middleware.py). Learner pages run only
# our own scripts and styles: no inline code, no third-party hosts, except
# the video services an editor may embed in a lesson (CSP_EMBED_HOSTS).
CSP_EMBED_HOSTS = env.list(
    "CSP_EMBED_HOSTS",
    default=[
        "https://www.youtube-nocookie.com",
        "https://www.youtube.com",
        "https://player.vimeo.com",
    ],
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *CSP_EMBED_HOSTS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": ["/csp-rapport/"],
    }
}
# Wagtail's admin writes inline styles and scripts and shows thumbnails of
# embedded content from their hosts: a looser policy under /admin/, which
# still keeps other sites from framing it and plugins out.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", "https:"],
        "media-src": [SELF, "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, *CSP_EMBED_HOSTS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
    }
}
CSP_ADMIN_PREFIX = "/admin/"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's previews set SAMEORIGIN themselves
# Browser features no page of ours uses.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# Responsive embeds would need an inline style; site.css sizes them instead.
WAGTAILEMBEDS_RESPONSIVE_HTML = False

# Privacy: raw learning events older than this are folded and deleted
# (learning/privacy/retention.py); completions and certificates stay.
EVENT_RETENTION_DAYS = env.int("EVENT_RETENTION_DAYS", default=5 * 365)

# Tenancy: each publishing organisation gets a site at this hostname.
TENANT_HOSTNAME_PATTERN = env.str("TENANT_HOSTNAME_PATTERN", default="{slug}.kurs.localhost")
TENANT_SITE_PORT = env.int("TENANT_SITE_PORT", default=80)
# The page model every organisation's site root is made of.
TENANT_ROOT_PAGE_MODEL = "courses.CatalogPage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
