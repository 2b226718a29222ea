"""The public API's URLs (namespace "api"), included at /api/v1/ by config.urls.

Ids are captured as text and checked by the views (archive.api.views.path_number), so that a malformed
one answers 404 with problem details like an unknown one, not with the site's HTML error page.
"""

from django.urls import path

from archive.api import views

app_name = "api"


def _authority_urls(prefix: str, name: str) -> list:
    list_view, detail_view = views.authority_views(prefix)
    return [
        path(f"{prefix}/", list_view.as_view(), name=f"{name}-list"),
        path(f"{prefix}/<str:id>/", detail_view.as_view(), name=f"{name}-detail"),
    ]


urlpatterns = [
    path("documents/", views.DocumentListView.as_view(), name="document-list"),
    path("documents/<str:id>/", views.DocumentDetailView.as_view(), name="document-detail"),
    path("documents/<str:id>/versions/", views.VersionListView.as_view(), name="version-list"),
    path(
        "documents/<str:id>/versions/<str:number>/", views.VersionDetailView.as_view(), name="version-detail"
    ),
    *_authority_urls("collections", "collection"),
    *_authority_urls("people", "person"),
    *_authority_urls("places", "place"),
    *_authority_urls("subjects", "subject"),
    *_authority_urls("repositories", "repository"),
]
