"""The public reading room's URLs (namespace "archive")."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from archive import sitemaps
from archive.oai import views as oai
from archive.views import browse, citations, documents, downloads, feeds, search
from archive.views.data import data_file, data_page
from archive.views.iiif import document_manifest

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
    # Browse, search, feeds and sitemaps (archive.views.browse, .search, .feeds; archive.sitemaps).
    path("", browse.home, name="home"),
    path("search/", search.search_page, name="search"),
    path("collections/", browse.collection_list, name="collection-list"),
    path("collections/<slug:slug>/", browse.collection_detail, name="collection-detail"),
    path("people/", browse.person_list, name="person-list"),
    path("people/<int:pk>/", browse.person_detail, name="person-detail"),
    path("places/", browse.place_list, name="place-list"),
    path("places/<int:pk>/", browse.place_detail, name="place-detail"),
    path("subjects/", browse.subject_list, name="subject-list"),
    path("subjects/<int:pk>/", browse.subject_detail, name="subject-detail"),
    path("browse/", browse.browse, name="browse"),
    path("browse/<int:decade>s/", browse.browse_decade, name="browse-decade"),
    path("browse/<int:year>/", browse.browse_year, name="browse-year"),
    path("feeds/latest/", feeds.LatestVersionsFeed(), name="feed-latest"),
    path("feeds/collections/<slug:slug>/", feeds.CollectionFeed(), name="feed-collection"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "archive:sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    # Harvesting: OAI-PMH (archive.oai), IIIF manifests (archive.views.iiif).
    path("oai/", oai.endpoint, name="oai"),
    path("oai/archive_record.xsd", oai.record_schema, name="oai-record-schema"),
    path("documents/<int:pk>/manifest.json", document_manifest, name="document-manifest"),
    # Bulk data (archive.views.data, archive.dataset).
    path("data/", data_page, name="data"),
    path("data/<str:name>", data_file, name="data-file"),
]
