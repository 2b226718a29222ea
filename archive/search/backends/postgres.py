"""PostgreSQL full-text search: a weighted tsvector per search entry, GIN-indexed (migration 0003).

Each part of a record is stemmed in its own language's configuration (Russian as Russian, German as
German); languages PostgreSQL has no stemmer for use 'simple'. The title is weighted A, the summary and
the catalogue (names, places, subjects) B, the texts C and the footnotes D, which ts_rank's default
weights rank in that order. A query is read with websearch_to_tsquery in the configuration of every
language the archive's records are written in, and the readings are OR'ed, so "договора" finds a
Russian text with "договор" while "treaties" still finds an English one with "treaty".
"""

import json
from functools import lru_cache

import pycountry
from django.conf import settings
from django.contrib.postgres.search import SearchQueryField
from django.db import connection
from django.db.models import BooleanField, F, FloatField, Func, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString

from archive.search import facets
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


@lru_cache(maxsize=1)
def config_map() -> dict[str, str]:
    """Every code a text may carry ("ru", "rus") -> its configuration; other languages use 'simple'."""
    mapping = {}
    for code, config in LANGUAGE_CONFIGS.items():
        language = pycountry.languages.get(alpha_2=code)
        codes = {code, language.alpha_3, getattr(language, "bibliographic", language.alpha_3)}
        mapping |= dict.fromkeys(codes, config)
    return mapping


def config_for(language: str) -> str:
    return config_map().get((language or "").lower(), "simple")


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
            cursor.execute(
                "UPDATE archive_searchentry SET title_vector = ts_filter(vector, '{a}') WHERE version_id = %s",
                [entry_id],
            )

    def forget(self, document_id: int) -> None:
        """Nothing to do: the vector is deleted with the search entry."""

    def clear(self) -> None:
        """Nothing to do: the vectors are deleted with the search entries."""

    def matcher(self, parsed: ParsedQuery) -> "PostgresMatcher":
        return PostgresMatcher(parsed)


class PostgresMatcher:
    """A query read in the configuration of every language the public records are written in.

    The readings are worked out once, in one query, and identical readings are dropped ("nuclear" is
    'nuclear' in English and in German): ts_headline slows down sharply on repeated phrases.
    """

    def __init__(self, parsed: ParsedQuery) -> None:
        self.wants_words = bool(parsed.clauses)
        self.required, self.excluded = _readings(parsed.websearch(), parsed.excluded_websearch())

    def filter(self, queryset: QuerySet) -> QuerySet:
        """Versions or search entries (both keyed by the version) that match, read through the GIN
        index by archive_search_matches (migration 0006), whatever the planner thinks of it."""
        if self.wants_words and not self.required:
            return queryset.none()  # only stop words ("the"): nothing to look for
        if not (self.required or self.excluded):
            return queryset
        sql, params = self._condition()
        return queryset.filter(pk__in=RawSQL(f"SELECT archive_search_matches({sql})", params))

    def title_match(self) -> RawSQL | None:
        """Whether a search entry's title has the words: the first key of the order of a broad search."""
        if not self.required:
            return None
        sql, params = _any_of(self.required)
        return RawSQL(f"archive_searchentry.title_vector @@ {sql}", params, output_field=BooleanField())

    def ranked(self, queryset: QuerySet) -> QuerySet:
        if not self.required:
            return queryset.alias(relevance=Value(0.0))
        sql, params = _any_of(self.required)
        rank = Func(
            F("search_entry__vector"),
            RawSQL(sql, params, output_field=SearchQueryField()),
            function="ts_rank",
            output_field=FloatField(),
        )
        return queryset.alias(relevance=rank)

    def snippets(self, version_ids: list[int]) -> dict[int, SafeString]:
        """ts_headline over the summary, each text and each footnote of the shown versions.

        Each part is read in its own language's configuration; the part that ranks best for the
        query gives the snippet, and only that part is headlined.
        """
        if not self.required or not version_ids:
            return {}
        tsquery, query_params = _any_of(self.required)
        configs = json.dumps(config_map())
        params = [
            *query_params,
            config_for(site_language()),
            version_ids,
            configs,
            version_ids,
            configs,
            version_ids,
            CJK_CHARACTER.replace("[", "([", 1) + ")",
            SNIPPET_SOURCE_CHARS,
            HEADLINE_OPTIONS,
        ]
        with connection.cursor() as cursor:
            cursor.execute(_SNIPPET_SQL.format(tsquery=tsquery), params)
            return {version_id: finish_snippet(raw) for version_id, raw in cursor.fetchall()}

    def _condition(self) -> tuple[str, list]:
        if self.required and self.excluded:
            required, excluded = _any_of(self.required), _any_of(self.excluded)
            return f"({required[0]} && !!{excluded[0]})", required[1] + excluded[1]
        if self.required:
            return _any_of(self.required)
        sql, params = _any_of(self.excluded)
        return f"(!!{sql})", params


def _any_of(readings: list[str]) -> tuple[str, list[str]]:
    return "(" + " || ".join(["%s::tsquery"] * len(readings)) + ")", readings


def _readings(required: str, excluded: str) -> tuple[list[str], list[str]]:
    """The distinct, non-empty tsqueries of the required and the excluded words, one per language.

    The languages are those of the public records' originals and translations as the process's
    facet pairs know them (archive.search.facets), and the site's own: reading them from the facet
    table would scan a hundred thousand rows a search. The statement also reads the index generation:
    if the pairs are older, they are loaded again, and the words read again if the languages changed.
    """
    configs = _configs(facets.loaded())
    with connection.cursor() as cursor:
        cursor.execute(_READINGS_SQL.format(generation=facets.GENERATION_SQL), [required, excluded, configs])
        generation, *readings = cursor.fetchone()
        if generation != facets.loaded().generation and _configs(facets.matrix(generation)) != configs:
            return _readings(required, excluded)
    return readings


def _configs(pairs: "facets.FacetMatrix") -> list[str]:
    languages = pairs.values_of(SearchFacet.Name.LANGUAGE, SearchFacet.Name.TRANSLATION)
    return sorted({config_for(language) for language in languages} | {config_for(site_language())})


# The query read in the configuration of every language in use.
_READINGS_SQL = """
WITH reading AS (
    SELECT websearch_to_tsquery(name::regconfig, %s) AS required,
           websearch_to_tsquery(name::regconfig, %s) AS excluded
    FROM unnest(%s::text[]) AS name
)
SELECT {generation},
       ARRAY(SELECT DISTINCT required::text FROM reading WHERE numnode(required) > 0),
       ARRAY(SELECT DISTINCT excluded::text FROM reading WHERE numnode(excluded) > 0)
"""

# How much of each part the snippet reads: parsing text is what a snippet costs, and a match further
# in than this shows the summary instead.
SNIPPET_SOURCE_CHARS = 20000

# The parts of each shown version in their configurations, CJK split as it was for indexing; the best
# matching part of each version, and its headline.
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
    SELECT version_id, config, left(regexp_replace(body, %s, ' \\1 ', 'g'), %s) AS body FROM part
),
scored AS MATERIALIZED (
    SELECT version_id, config, body, to_tsvector(config, body) AS vector FROM segmented
),
best AS (
    SELECT DISTINCT ON (version_id) version_id, config, body
    FROM scored, query
    WHERE vector @@ query.query
    ORDER BY version_id, ts_rank(vector, query.query) DESC
)
SELECT best.version_id, ts_headline(best.config, best.body, query.query, %s) FROM best, query
"""
