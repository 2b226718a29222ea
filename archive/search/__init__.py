"""Full-text and faceted search over the published records, on PostgreSQL or SQLite.

    from archive.search import SearchQuery, search
    results = search(SearchQuery(text='"test ban" -moratorium', filters=(("decade", "1960"),)))
    results.total, results.hits, results.facets, results.page

The index follows publishing and withdrawal by itself (archive.search.index, connected to
archive.signals.current_version_changed); `manage.py rebuild_search_index` rebuilds it whole.
"""

from archive.search.engine import (
    FacetGroup,
    FacetValue,
    Hit,
    SearchQuery,
    SearchResults,
    Sort,
    paginate_hits,
    search,
)
from archive.search.index import index_version, rebuild_index, remove_document

__all__ = [
    "FacetGroup",
    "FacetValue",
    "Hit",
    "SearchQuery",
    "SearchResults",
    "Sort",
    "index_version",
    "paginate_hits",
    "rebuild_index",
    "remove_document",
    "search",
]
