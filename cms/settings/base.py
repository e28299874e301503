"""Settings shared by every environment; dev, test and production override what differs."""

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "cms"

INSTALLED_APPS = [
    "core",
    "home",
    "policies",
    "interpretations",
    "consultations",
    "disclosure",
    "subscriptions",
    "cms.search",
    "cms.editorial",
    "sharing",
    "cms.operations",
    "cms.security",
    "cms.cache",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Wagtail's admin uses its naturaltime ("16 分钟之前"); installed, its Chinese catalogue is loaded too.
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First, so every log line of the request and every response (even a 503) carries its id.
    "cms.operations.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered before anything below can touch the database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside sessions and authentication, so their database failures also become the 503 page.
    "cms.operations.unavailable.DatabaseUnavailableMiddleware",
    "cms.security.rate_limit.RateLimitMiddleware",
    # After the rate limit (a cached answer still counts) and before sessions and authentication (a cached answer
    # reads neither); what it stores already carries the headers of the middleware below.
    "cms.cache.middleware.PageCacheMiddleware",
    "cms.security.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # With DEBUG, the designed 404 (and 410) rather than Django's debug page; nothing otherwise.
    "home.debug_not_found.DesignedNotFoundMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A create form's post that made no page gives back its claim (a second post of the form need not wait).
    "cms.editorial.drafting.create_once.ReleaseUnusedClaimMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as axes asks: it turns a sign-in that axes refused or has just locked into the lock's answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
# The project's catalogue (locale/, compiled by `make messages`) fills what Wagtail and Django leave untranslated.
LOCALE_PATHS = [BASE_DIR / "locale"]
# The admin speaks Chinese only: an editor's account settings offer no other language.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Shanghai"
# Editors work in Beijing time: the account settings offer no other zone (nor a list of 600 English names).
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static_collected"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Complex page types (a policy with a long structured body) exceed Django's default of 1,000 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 100_000

WAGTAIL_SITE_NAME = "浙江省生态环境厅 政策文件库"
WAGTAIL_I18N_ENABLED = False
# Wagtail's default, stated because core/slugs.py relies on it: the editor fills the slug in with the title's Chinese
# characters, which the page recognises and replaces with a readable slug on saving (with False the editor would drop
# them and leave stray Latin fragments, VOCs from 《…VOCs…办法》, that look typed by hand and would be kept).
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

# The database backend indexes the jieba-segmented text that the page models expose, which
# makes it work for Chinese on SQLite (FTS5) and PostgreSQL alike. On PostgreSQL the 'simple' text search
# configuration keeps each segmented word as it is: the server's default (often 'english') would stem Latin
# words and drop English stopwords, and would differ from one server's locale to another's. The admin's searches
# (autocomplete: page search, choosers, listings) go through cms.search.admin_backend, which cuts titles and queries
# into jieba words; this backend stays the database's also when ELASTICSEARCH_URL is set.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "cms.search.admin_backend", "SEARCH_CONFIG": "simple"},
}

# Only formats whose content cms/security checks on upload (cms.security.forms.DocumentForm): the legacy
# binary Office formats (doc, xls) can carry macros and cannot be told apart from other OLE files.
# Audio and video play on their interpretation's page; WebVTT files are the captions of a video (<track>).
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "ofd", "xlsx", "mp3", "m4a", "mp4", "webm", "wav", "vtt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 200 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True

WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
# The public API serves public content to anyone and needs no sign-in. DRF's default HTTP Basic authentication
# would only open a second door to password guessing, one that hands axes user names longer than it stores.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
}

# Where `make run` keeps the generated role-account passwords (git-ignored).
ROLE_ACCOUNTS_FILE = BASE_DIR / "role-accounts.txt"
# The accounts `setup_roles` creates, one per role (a sequence of cms.editorial.roles.groups.Account).
ZHENGCE_ROLE_ACCOUNTS = "demo.accounts.ACCOUNTS"

# --- Editorial review (cms/editorial) ----------------------------------------------------------------
# Who may edit a policy or an interpretation follows its drafting division (core.ownership).
ZHENGCE_PAGE_PERMISSION_TESTER = "cms.editorial.roles.ownership.DivisionPagePermissionTester"
# The drafting divisions a user may give a page they draft (None: all of them).
ZHENGCE_DIVISION_CHOICES = "cms.editorial.roles.ownership.divisions_for_user"
# Who belongs to which division, both ways (core.ownership): an object with members(division) -> active users
# (whom a division's reminders are written to) and divisions(user) -> Division QuerySet (the disclosure requests
# assigned to them are theirs to handle).
ZHENGCE_DIVISION_MEMBERSHIP = "cms.editorial.models.divisions.EditorsGroupMembership"
# Finishing a review publishes a policy together with its approved interpretations (三同步).
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.editorial.workflow.finish.finish_workflow"
# An edit during review sends the item back through every step: approvals are for what was read.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
# An interpretation added after its document must be published within this many working days.
ZHENGCE_INTERPRETATION_WORKDAYS = 3

# Public consultation (意见征集, consultations/). The shortest period, in days, before the admin warns: for drafts of
# 重大行政决策 and for the others (0: no warning).
ZHENGCE_CONSULTATION_MIN_DAYS_MAJOR = 30
ZHENGCE_CONSULTATION_MIN_DAYS = 0
# The feedback report is due this many working days after the close, unless the page sets its own deadline.
ZHENGCE_CONSULTATION_FEEDBACK_WORKDAYS = 15
# E-mail the owning division this many working days before the close and before the feedback deadline.
ZHENGCE_CONSULTATION_REMIND_BEFORE_CLOSE = 3
ZHENGCE_CONSULTATION_REMIND_BEFORE_FEEDBACK = 3
# Whether a citizen must give a name and a way to be contacted.
ZHENGCE_CONSULTATION_REQUIRE_CONTACT = False
# "none": comments are never shown one by one (only the feedback report); "moderated": those staff approve are.
ZHENGCE_CONSULTATION_PUBLISH_COMMENTS = "none"
# Longest comment (characters); the same text from the same client within this many seconds is refused.
ZHENGCE_CONSULTATION_COMMENT_MAX_LENGTH = 3000
ZHENGCE_CONSULTATION_DUPLICATE_WINDOW = 24 * 3600
# Comments a client may post per window (seconds), through cms.security's counters.
ZHENGCE_CONSULTATION_COMMENT_RATE = (5, 600)
# Following by e-mail (subscriptions/): days an unconfirmed address is kept (and its confirmation link works), lists
# per address, confirmation mails per address and per client (count, seconds), sending attempts before giving up,
# and refusals (SMTP 5xx) in a row before an address is suspended.
ZHENGCE_SUBSCRIPTION_CONFIRM_DAYS = 3
ZHENGCE_SUBSCRIPTION_MAX_LISTS = 50
ZHENGCE_SUBSCRIPTION_ADDRESS_RATE = (3, 3600)
ZHENGCE_SUBSCRIPTION_CLIENT_RATE = (10, 3600)
ZHENGCE_SUBSCRIPTION_MAX_ATTEMPTS = 8
ZHENGCE_SUBSCRIPTION_MAX_HARD_FAILURES = 3
DEFAULT_FROM_EMAIL = "zhengce@localhost"
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --- Search (cms/search) ---------------------------------------------------------------------------------
# Empty ELASTICSEARCH_URL: search answers from the database (the embedded default of `make run`).
# The URL may carry credentials (https://user:password@host:9200); an API key or a CA bundle for a
# production cluster come from their own variables.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_API_KEY = os.environ.get("ELASTICSEARCH_API_KEY", "")
ELASTICSEARCH_CA_CERTS = os.environ.get("ELASTICSEARCH_CA_CERTS", "")
# Every index and alias name starts with this, so several sites or test runs share a cluster safely.
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "zhengce")
# Seconds a search or an index write may take before the site answers from the database instead.
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "3"))
# Seconds an index write may take: a batch of long laws takes more than a search.
ELASTICSEARCH_INDEX_TIMEOUT = float(os.environ.get("ELASTICSEARCH_INDEX_TIMEOUT", "120"))
# After a failure the engine is left alone this many seconds, so a dead server costs one timeout, not one each.
ELASTICSEARCH_RETRY_AFTER = float(os.environ.get("ELASTICSEARCH_RETRY_AFTER", "10"))
# One primary shard holds a department's archive; replicas need a cluster of several nodes.
ELASTICSEARCH_REPLICAS = int(os.environ.get("ELASTICSEARCH_REPLICAS", "0"))
# Make each write visible to search at once (tests); production relies on the index's refresh interval.
ELASTICSEARCH_REFRESH_ON_WRITE = False
# Questions (a sentence, not a few key words) are re-ranked by meaning with a small embedding model
# (cms/search/semantic.py); off, or without the model installed, search is lexical only.
ZHENGCE_SEARCH_SEMANTIC = os.environ.get("ZHENGCE_SEARCH_SEMANTIC", "1").lower() not in ("0", "false", "no", "off")
# OpenMP threads of the model: one, so a query's embedding never competes with Elasticsearch for the cores.
ZHENGCE_SEARCH_EMBED_THREADS = int(os.environ.get("ZHENGCE_SEARCH_EMBED_THREADS", "1"))
# The search documents of each content app, one per searchable page model (see cms/search/registry.py).
ZHENGCE_SEARCH_DOCUMENTS = [
    "policies.documents.PolicyDocument",
    "interpretations.documents.InterpretationDocument",
    "home.documents.NewsDocument",
    "consultations.documents.ConsultationDocument",
    "consultations.documents.FeedbackReportDocument",
]

# --- Security (cms/security) -----------------------------------------------------------------------------
# Public pages load scripts, styles, images and data from this site only, and nothing inline; the admin
# (Wagtail's own inline scripts and styles) is left out.
ZHENGCE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
ZHENGCE_CSP_EXEMPT_PATHS = ["/admin/", "/django-admin/"]
# Requests per client and window (seconds) on each path prefix; the longest matching prefix applies.
# The suggestions fire as a visitor types, hence their larger allowance.
ZHENGCE_RATE_LIMITS = {
    "/search/": (60, 60),
    "/api/search/": (60, 60),
    "/api/search/suggest/": (240, 60),
    "/api/v2/": (120, 60),
    # The disclosure form and status page, every request to them (pages with errors included).
    "/yishenqing/": (60, 600),
}
# Requests for disclosure (disclosure/): (count, seconds) of online applications a client may submit, and of
# status-page attempts per client and per request number.
ZHENGCE_DISCLOSURE_SUBMISSIONS = (5, 3600)
ZHENGCE_DISCLOSURE_STATUS_ATTEMPTS = (10, 900)
# The font embedded in the answer letters' PDFs (disclosure/letter_files.py): (file, index in the collection).
# Debian's fonts-noto-cjk; index 2 of the collection is Noto Serif CJK SC (Simplified Chinese forms).
ZHENGCE_LETTER_FONT = (
    os.environ.get("LETTER_FONT", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
    int(os.environ.get("LETTER_FONT_INDEX", "2")),
)
# How long the applicant's download links on the status page work (seconds).
ZHENGCE_DISCLOSURE_LETTER_LINK_AGE = 1800
# Years an archived request keeps the applicant's personal data before `anonymise_disclosure_requests` removes it
# (the counts stay). 10 is the department's choice: the shorter fixed term (定期10年) of 《机关文件材料归档范围和文书
# 档案保管期限规定》(国家档案局令第8号); no national rule names a term for these files. Follow the department's own
# 文书档案保管期限表 where it says otherwise.
ZHENGCE_DISCLOSURE_RETENTION_YEARS = int(os.environ.get("DISCLOSURE_RETENTION_YEARS", "10"))
# How many reverse proxies of ours append to X-Forwarded-For (0: REMOTE_ADDR is the client).
ZHENGCE_TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
# Sign-in throttling (django-axes; cms/security/login_locks.py): 5 failures within 15 minutes lock the address
# they come from for 15 minutes, whatever user names it tried, and so the pair of address and user name too. Never
# a user name by itself: anyone could then keep staff out by typing their names. Both Wagtail's and the Django
# admin's sign-in go through authenticate(), where axes' backend, first, refuses a locked address before any
# password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_ENABLED = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
# The database handler counts a failure in one UPDATE (F() + 1) of a row it holds with select_for_update, so
# parallel attempts are all counted; the count is shared by every gunicorn worker and server, survives a restart,
# and is what the admin's 登录锁定 screen lists and lifts. (Its cache handler would be per process without Redis.)
# Ours differs in one point: a successful sign-in forgives only that user name's failures at that address.
AXES_HANDLER = "cms.security.login_locks.LoginAttemptHandler"
AXES_RESET_ON_SUCCESS = True
# Attempts refused during a lock are not counted, so a lock ends when the page says it does.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "cms.security.clients.client_ip_address"
AXES_LOCKOUT_CALLABLE = "cms.security.login_locks.lockout_response"
# Locks are seen and lifted in Wagtail's admin only, where each unlock goes into the audit log; no record of
# every successful sign-in is kept (it would grow for ever).
AXES_ENABLE_ADMIN = False
AXES_DISABLE_ACCESS_LOG = True
WAGTAILADMIN_USER_LOGIN_FORM = "cms.security.forms.ThrottledLoginForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.security.forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.security.forms.ImageForm"
# Documents download rather than open in the site's origin; PDFs open in the browser's own viewer (the
# serve view adds nosniff and a CSP of default-src 'none' to every document).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
# Uploaded files reach a citizen only while a public page uses them (cms/security/files.py), so they always go
# through the application. With MEDIA_ACCEL_LOCATION (e.g. /protected-media/: an nginx location marked `internal`
# that maps to MEDIA_ROOT) the application only decides and nginx sends the bytes (X-Accel-Redirect).
ZHENGCE_MEDIA_ACCEL_LOCATION = os.environ.get("MEDIA_ACCEL_LOCATION", "").strip()
if ZHENGCE_MEDIA_ACCEL_LOCATION:
    SENDFILE_BACKEND = "cms.security.accel"
# Images are decoded by Pillow on upload; no SVG (it can carry scripts), and no picture so large in pixels
# that decoding it would exhaust memory (a decompression bomb is small on disk).
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Caching (cms/cache) ---------------------------------------------------------------------------------
# With REDIS_URL (redis://host:6379/0) every process of every server shares one cache: pages, tag versions, rate
# limits and image renditions; production requires it. Without it development and tests keep a
# cache per process.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
_REDIS_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}  # a dead server costs a second, not a hang
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "zhengce",
            "OPTIONS": _REDIS_OPTIONS,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "zhengce-pages",
            "OPTIONS": _REDIS_OPTIONS,
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
# Anonymous reads of public pages, search, the APIs, feeds and the sitemap are answered from the "pages" cache,
# invalidated exactly when what they show changes (cms/cache/__init__.py explains how).
ZHENGCE_PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE", "on").lower() != "off"
ZHENGCE_PAGE_CACHE_ALIAS = "pages"
# The longest an answer is kept (it is also dropped at midnight, when documents' validity may change).
ZHENGCE_PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", str(6 * 3600)))
# How long browsers (max-age) and a CDN or front cache (s-maxage) may reuse a page without asking; they cannot be
# told of a change, so this is how stale a page may be there. After that they revalidate with ETag (304).
ZHENGCE_PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_MAX_AGE", "60"))
ZHENGCE_PAGE_CACHE_S_MAXAGE = int(os.environ.get("PAGE_S_MAXAGE", "300"))
# Answers that are not Wagtail pages but are cached too; they show everything, so any change makes them stale.
ZHENGCE_PAGE_CACHE_CONTENT_PATHS = ["/search/", "/api/search/", "/api/v2/pages/", "/feeds/", "/sitemap.xml"]
# Never cached and always `Cache-Control: private, no-store`.
# /yishenqing/: the disclosure application form and status page (a CSRF token, an applicant's number and code).
ZHENGCE_PAGE_CACHE_PRIVATE_PATHS = ["/admin/", "/django-admin/", "/yishenqing/"]

# --- Operations (cms/operations) -------------------------------------------------------------------------
# Console logs are one JSON object per line (time, level, logger, message, request_id, exc_info) for a log
# collector; LOG_FORMAT=plain gives readable lines for development.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "cms.operations.json_logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "cms.operations.json_logs.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain" if LOG_FORMAT == "plain" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's own handlers print only with DEBUG and in their own format: its records go to the root instead.
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.server": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # Two lines per background task (search index, references) at INFO would bury everything else.
        "django_tasks": {"level": "WARNING"},
        # Some forty lines per letter PDF, one per step of subsetting the font.
        "fontTools": {"level": "WARNING"},
    },
}
