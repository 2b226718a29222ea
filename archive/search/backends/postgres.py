"""PostgreSQL full-text search: a weighted tsvector per search entry, GIN-indexed (migration 0003).

Each part of a record is stemmed in its own language's configuration (Russian as Russian, German as
German); languages PostgreSQL has no stemmer for use 'simple'. The title is weighted A, the summary and
the catalogue (names, places, subjects) B, the texts C and the footnotes D, which ts_rank's default
weights rank in that order. A query is read with websearch_to_tsquery in the configuration of every
language the archive's records are written in, and the readings are OR'ed, so "договора" finds a
Russian text with "договор" while "treaties" still finds an English one with "treaty".
"""

import json

from django.conf import settings
from django.contrib.postgres.search import SearchQueryField
from django.db import connection
from django.db.models import BooleanField, Expression, F, FloatField, Func, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString

from archive.languages import normalise_language_code
from archive.search.backends import Part
from archive.search.models import SearchFacet
from archive.search.syntax import ParsedQuery
from archive.search.text import CJK_CHARACTER, MATCH_END, MATCH_START, finish_snippet

# ISO 639-1 code -> the text search configuration PostgreSQL 15 ships for it.
LANGUAGE_CONFIGS = {
    "ar": "arabic",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hu": "hungarian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
}
WEIGHTS = {"title": "A", "summary": "B", "catalogue": "B", "texts": "C", "footnotes": "D"}
HEADLINE_OPTIONS = (
    f'StartSel="{MATCH_START}", StopSel="{MATCH_END}", MaxWords=35, MinWords=12, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def config_for(language: str) -> str:
    return LANGUAGE_CONFIGS.get(normalise_language_code(language or ""), "simple")


def site_language() -> str:
    return settings.LANGUAGE_CODE.split("-")[0]


class PostgresBackend:
    def store(self, entry_id: int, parts: list[Part]) -> None:
        pieces, params = [], []
        for part in parts:
            pieces.append("setweight(to_tsvector(%s::regconfig, %s), %s)")
            params += [config_for(part.language), part.text, WEIGHTS[part.column]]
        vector = " || ".join(pieces) or "''::tsvector"
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE archive_searchentry SET vector = {vector} WHERE version_id = %s", [*params, entry_id]
            )

    def forget(self, document_id: int) -> None:
        """Nothing to do: the vector is deleted with the search entry."""

    def clear(self) -> None:
        """Nothing to do: the vectors are deleted with the search entries."""

    def matcher(self, parsed: ParsedQuery) -> "PostgresMatcher":
        return PostgresMatcher(parsed, written_languages())


def written_languages() -> set[str]:
    """The languages the public records are written in, and the site's own (titles and summaries)."""
    facets = (SearchFacet.Name.LANGUAGE, SearchFacet.Name.TRANSLATION)
    codes = SearchFacet.objects.filter(facet__in=facets).values_list("value", flat=True).distinct()
    return {*codes, site_language()}


class PostgresMatcher:
    def __init__(self, parsed: ParsedQuery, languages: set[str]) -> None:
        self.config_of = {code: config_for(code) for code in sorted(languages)}
        self.configs = sorted(set(self.config_of.values()))
        self.required = self._tsquery(parsed.websearch()) if parsed.clauses else None
        self.excluded = self._tsquery(parsed.excluded_websearch()) if parsed.excluded else None

    def filter(self, queryset: QuerySet) -> QuerySet:
        sql, params = self._condition()
        matches = Func(
            F("search_entry__vector"),
            RawSQL(sql, params, output_field=SearchQueryField()),
            template="%(expressions)s",
            arg_joiner=" @@ ",
            output_field=BooleanField(),
        )
        return queryset.filter(matches)

    def relevance(self) -> Expression | None:
        if self.required is None:
            return None
        sql, params = self.required
        return Func(
            F("search_entry__vector"),
            RawSQL(sql, params, output_field=SearchQueryField()),
            function="ts_rank",
            output_field=FloatField(),
        )

    def snippets(self, version_ids: list[int]) -> dict[int, SafeString]:
        """ts_headline over the summary, each text and each footnote of the shown versions.

        Each part is read in its own language's configuration, and the part that ranks best for the
        query gives the snippet.
        """
        if self.required is None or not version_ids:
            return {}
        tsquery, query_params = self.required
        configs = json.dumps(self.config_of)
        params = [
            *query_params,
            config_for(site_language()),
            version_ids,
            configs,
            version_ids,
            configs,
            version_ids,
            CJK_CHARACTER.replace("[", "([", 1) + ")",
            HEADLINE_OPTIONS,
        ]
        with connection.cursor() as cursor:
            cursor.execute(_SNIPPET_SQL.format(tsquery=tsquery), params)
            return {version_id: finish_snippet(raw) for version_id, raw in cursor.fetchall()}

    def _tsquery(self, websearch: str) -> tuple[str, list]:
        sql = " || ".join("websearch_to_tsquery(%s::regconfig, %s)" for _ in self.configs)
        return f"({sql})", [param for config in self.configs for param in (config, websearch)]

    def _condition(self) -> tuple[str, list]:
        if self.required and self.excluded:
            return f"({self.required[0]} && !!{self.excluded[0]})", self.required[1] + self.excluded[1]
        if self.required:
            return self.required
        return f"(!!{self.excluded[0]})", self.excluded[1]


# The parts of each shown version, in their configurations; CJK split as it was for indexing.
_SNIPPET_SQL = """
WITH query AS (SELECT {tsquery} AS query),
part AS (
    SELECT v.id AS version_id, %s::regconfig AS config, v.payload->>'summary' AS body
    FROM archive_publishedversion v WHERE v.id = ANY(%s)
    UNION ALL
    SELECT v.id, COALESCE(%s::jsonb->>(t->>'language'), 'simple')::regconfig, t->>'body'
    FROM archive_publishedversion v, jsonb_array_elements(v.payload->'texts') t
    WHERE v.id = ANY(%s)
    UNION ALL
    SELECT v.id, COALESCE(%s::jsonb->>(t->>'language'), 'simple')::regconfig, f->>'body'
    FROM archive_publishedversion v, jsonb_array_elements(v.payload->'texts') t,
         jsonb_array_elements(t->'footnotes') f
    WHERE v.id = ANY(%s)
),
segmented AS (
    SELECT version_id, config, regexp_replace(body, %s, ' \\1 ', 'g') AS body FROM part
)
SELECT DISTINCT ON (s.version_id) s.version_id, ts_headline(s.config, s.body, query.query, %s)
FROM segmented s, query
WHERE to_tsvector(s.config, s.body) @@ query.query
ORDER BY s.version_id, ts_rank(to_tsvector(s.config, s.body), query.query) DESC
"""
