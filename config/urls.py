"""Root URLconf: the admin (the workroom) and the public reading room."""

from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from archive.views.health import healthz
from config.media import media_file

# Swagger UI and Redoc draw with inline styles (and Redoc with a worker made from a blob); the split
# Swagger view serves its start-up script from a URL, so no page needs inline script.
API_DOCS_POLICY = {"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]}
# Redoc's page also loads its fonts from Google and its "powered by" logo from Redoc's CDN: allowed on
# that page alone, the one that asks for them.
REDOC_POLICY = {
    **API_DOCS_POLICY,
    "style-src": [*API_DOCS_POLICY["style-src"], "https://fonts.googleapis.com"],
    "font-src": ["https://fonts.gstatic.com"],
    "img-src": ["https://cdn.redoc.ly"],
}

handler500 = "config.middleware.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        csp_update(API_DOCS_POLICY)(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
    path(
        "api/redoc/",
        csp_update(REDOC_POLICY)(SpectacularRedocView.as_view(url_name="api-schema")),
        name="api-redoc",
    ),
    path("api/v1/curation/", include("curation.api.urls", namespace="curation-api")),
    path("api/v1/", include("archive.api.urls", namespace="api")),
    # Uploads, in development and production alike: only to those who may read the record (config.media).
    re_path(r"^media/(?P<path>.+)$", media_file, name="media"),
    path("", include("archive.urls")),
]
