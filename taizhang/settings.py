"""One settings module, configured by environment variables (see README, "Configuration").

TAIZHANG_ENV=production turns on every production safeguard and refuses to start without
the secrets; anything else is a development setup that works with no configuration at all.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
ENV = os.environ.get("TAIZHANG_ENV", "development")
PRODUCTION = ENV == "production"


def env_list(name, default=""):
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


def env_secret(name, dev_default):
    value = os.environ.get(name)
    if value:
        return value
    if PRODUCTION:
        raise ImproperlyConfigured(f"{name} must be set when TAIZHANG_ENV=production.")
    return dev_default


DEBUG = not PRODUCTION and os.environ.get("TAIZHANG_DEBUG", "1") == "1"
SECRET_KEY = env_secret("SECRET_KEY", "dev-only-secret-key-not-for-production-use-0123456789")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Personal data (org.pii): comma-separated "id:base64-key" pairs, newest first. The first
# key encrypts; every listed key decrypts, which is how keys are rotated.
PII_KEYS = env_secret("TAIZHANG_PII_KEYS", "dev:ZGV2LW9ubHktcGlpLWtleQ==")
# Key of the keyed hash (HMAC-SM3) that makes encrypted values searchable by exact value.
PII_INDEX_KEY = env_secret("TAIZHANG_PII_INDEX_KEY", "dev-only-pii-index-key")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "ninja",  # serves Swagger UI for /api/v1/docs from its own static files, not a CDN
    "django_tasks",
    "django_tasks_db",
    "taizhang.org",
    "taizhang.inbox",
    "taizhang.ledger",
    "taizhang.hall",
    "taizhang.petitions",
    "taizhang.reports",
    "taizhang.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "taizhang.web.middleware.SecurityHeadersMiddleware",
    "taizhang.web.middleware.RejectNullCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "taizhang.urls"
WSGI_APPLICATION = "taizhang.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "taizhang.web.context_processors.navigation",
            ],
        },
    },
]

# SQLite by default (WAL, immediate transactions so writers queue instead of failing);
# PostgreSQL when DATABASE_URL is set.
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'taizhang.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench"
LOGOUT_REDIRECT_URL = "login"

# Lockout: 5 failed logins for one account within 15 minutes lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# We lock the account whatever address the attempts come from, so rotating addresses,
# agents or cookies does not help an attacker; the check that wants ip_address is moot.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Idle sessions expire: every request renews the cookie, silence ends it.
SESSION_COOKIE_AGE = int(os.environ.get("TAIZHANG_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("TAIZHANG_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("TAIZHANG_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "taizhang" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("TAIZHANG_STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("TAIZHANG_MEDIA_ROOT", BASE_DIR / "var" / "media"))

NINJA_PAGINATION_CLASS = "taizhang.apitypes.Page"

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TAIZHANG_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Ledger warnings: an open item turns yellow this many working days before its deadline.
TAIZHANG_WARNING_WORKING_DAYS = int(os.environ.get("TAIZHANG_WARNING_WORKING_DAYS", "3"))
# Attachments: largest file accepted, and the kinds of file offices actually send.
TAIZHANG_UPLOAD_MAX_BYTES = int(os.environ.get("TAIZHANG_UPLOAD_MAX_MB", "20")) * 1024 * 1024
TAIZHANG_UPLOAD_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls",
                              ".xlsx", ".ofd", ".txt", ".zip")
# Online applications: the most files a citizen may attach to one (each within the limits above).
TAIZHANG_HALL_MAX_FILES = int(os.environ.get("TAIZHANG_HALL_MAX_FILES", "10"))
# A bad rating (不满意/非常不满意) opens a 整改事项 due this many working days later.
TAIZHANG_RECTIFICATION_WORKING_DAYS = int(
    os.environ.get("TAIZHANG_RECTIFICATION_WORKING_DAYS", "10"))
# Status lookups by citizens (receipt number + phone ending), per hour: per client address, and
# per receipt number whoever asks (four digits must not be guessable by trying them all).
TAIZHANG_LOOKUP_LIMIT_PER_CLIENT = int(os.environ.get("TAIZHANG_LOOKUP_LIMIT_PER_CLIENT", "30"))
TAIZHANG_LOOKUP_LIMIT_PER_RECEIPT = int(os.environ.get("TAIZHANG_LOOKUP_LIMIT_PER_RECEIPT", "5"))
TAIZHANG_APPLY_LIMIT_PER_CLIENT = int(os.environ.get("TAIZHANG_APPLY_LIMIT_PER_CLIENT", "10"))

# Notifications leave the in-app inbox by email (Django's EMAIL_* settings; the console
# backend prints them unless EMAIL_HOST is set) and by group-robot webhooks (DingTalk and
# WeCom accept the same JSON text message): comma-separated URLs.
TAIZHANG_NOTIFY_EMAIL = os.environ.get("TAIZHANG_NOTIFY_EMAIL", "1") == "1"
TAIZHANG_WEBHOOK_URLS = [u.strip() for u in os.environ.get("TAIZHANG_WEBHOOK_URLS", "").split(",")
                         if u.strip()]
TAIZHANG_WEBHOOK_TIMEOUT = float(os.environ.get("TAIZHANG_WEBHOOK_TIMEOUT", "5"))
# The address people open the site at (e.g. https://taizhang.example.gov.cn): links in
# email and robot messages start with it; without it they are bare paths.
TAIZHANG_SITE_URL = os.environ.get("TAIZHANG_SITE_URL", "")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "taizhang@localhost")
EMAIL_BACKEND = ("django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                 else "django.core.mail.backends.console.EmailBackend")

# Reports (周通报、月考核、季讲评): see docs/reports.md.
TAIZHANG_REPORT_ISSUER = os.environ.get("TAIZHANG_REPORT_ISSUER", "区人民政府督查室")
# 发文字号 prefix per kind: 示督通〔2026〕12号.
TAIZHANG_REPORT_NUMBER_PREFIX = {
    "weekly": os.environ.get("TAIZHANG_REPORT_PREFIX_WEEKLY", "示督通"),
    "monthly": os.environ.get("TAIZHANG_REPORT_PREFIX_MONTHLY", "示督考"),
    "quarterly": os.environ.get("TAIZHANG_REPORT_PREFIX_QUARTERLY", "示督评"),
}
# The Chinese fonts the .docx names; offices with the licensed fonts keep these, others may
# name what they have. Readers without them substitute; the PDF embeds the shipped free font.
TAIZHANG_REPORT_FONTS = {
    key: os.environ.get(f"TAIZHANG_REPORT_FONT_{key.upper()}", default)
    for key, default in (("title", "方正小标宋简体"), ("body", "仿宋_GB2312"),
                         ("heading1", "黑体"), ("heading2", "楷体_GB2312"),
                         ("page_number", "宋体"))
}
# 点名通报 names at most this many overdue items; the rest are counted and linked.
TAIZHANG_REPORT_NAMED_LIMIT = int(os.environ.get("TAIZHANG_REPORT_NAMED_LIMIT", "100"))
# 季讲评 names this many best and worst units of each ranking.
TAIZHANG_REPORT_BEST_WORST = int(os.environ.get("TAIZHANG_REPORT_BEST_WORST", "3"))
