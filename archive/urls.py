"""The public reading room's URLs (namespace "archive")."""

from django.urls import path

from archive.oai import views as oai
from archive.views import citations, documents, downloads

app_name = "archive"

urlpatterns: list = [
    # The document page, its versions and downloads (archive.views.documents, archive.views.downloads).
    path("documents/<int:pk>/", documents.document_detail, name="document-detail"),
    path("documents/<int:pk>/v/<int:number>/", documents.version_detail, name="version-detail"),
    path("documents/<int:pk>/download.pdf", downloads.document_pdf, name="document-pdf"),
    path("documents/<int:pk>/download.txt", downloads.document_txt, name="document-txt"),
    path("documents/<int:pk>/download.json", downloads.document_json, name="document-json"),
    path("documents/<int:pk>/v/<int:number>/download.pdf", downloads.document_pdf, name="version-pdf"),
    path("documents/<int:pk>/v/<int:number>/download.txt", downloads.document_txt, name="version-txt"),
    path("documents/<int:pk>/v/<int:number>/download.json", downloads.document_json, name="version-json"),
    # Citation downloads: ris, bib, json (archive.views.citations; archive.citations.EXPORTS).
    path("documents/<int:pk>/citation.<str:extension>", citations.citation_export, name="citation-export"),
    path(
        "documents/<int:pk>/v/<int:number>/citation.<str:extension>",
        citations.version_citation_export,
        name="version-citation-export",
    ),
    path("documents/<int:pk>/<slug:slug>/", documents.document_slug_redirect, name="document-slug"),
    # Harvesting (archive.oai).
    path("oai/", oai.endpoint, name="oai"),
    path("oai/archive_record.xsd", oai.record_schema, name="oai-record-schema"),
]
