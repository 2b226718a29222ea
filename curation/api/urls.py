"""The curation API's URLs (namespace "curation-api"), included at /api/v1/curation/ by config.urls.

Ids are captured as text and checked by the views (curation.api.views.path_id), so that a malformed one
answers 404 with problem details like an unknown one, not with the site's HTML error page.
"""

from django.urls import path

from curation.api import views

app_name = "curation-api"

DOCUMENT = "documents/<str:id>/"

urlpatterns = [
    path("documents/", views.DocumentListView.as_view(), name="document-list"),
    path(DOCUMENT, views.DocumentDetailView.as_view(), name="document-detail"),
    path(f"{DOCUMENT}submit/", views.SubmitView.as_view(), name="document-submit"),
    path(f"{DOCUMENT}request-changes/", views.RequestChangesView.as_view(), name="document-request-changes"),
    path(f"{DOCUMENT}approve/", views.ApproveView.as_view(), name="document-approve"),
    path(f"{DOCUMENT}withdraw/", views.WithdrawView.as_view(), name="document-withdraw"),
    path(f"{DOCUMENT}revert/", views.RevertView.as_view(), name="document-revert"),
    path(f"{DOCUMENT}assign/", views.AssignView.as_view(), name="document-assign"),
    path(f"{DOCUMENT}revisions/", views.RevisionListView.as_view(), name="revision-list"),
    path(f"{DOCUMENT}revisions/<str:revision>/diff/", views.RevisionDiffView.as_view(), name="revision-diff"),
]
