"""PostgreSQL full-text search: a weighted tsvector per search entry, GIN-indexed (migration 0003).

Each part of a record is stemmed in its own language's configuration (Russian as Russian, German as
German); languages PostgreSQL has no stemmer for use 'simple'. The title is weighted A, the summary and
the catalogue (names, places, subjects) B, the texts C and the footnotes D, which ts_rank's default
weights rank in that order. A query is read with websearch_to_tsquery in the configuration of every
language the archive's records are written in, and the readings are OR'ed, so "договора" finds a
Russian text with "договор" while "treaties" still finds an English one with "treaty".
"""

import json
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pycountry
from django.conf import settings
from django.contrib.postgres.search import SearchQueryField
from django.db import connection
from django.db.models import F, FloatField, Func, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString

from archive.search import facets
from archive.search.backends import Part
from archive.search.models import SearchEntry, SearchFacet
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


def _vector(parts: list[Part]) -> tuple[str, list]:
    """SQL for the weighted tsvector of a record's parts, and its parameters.

    Parts of the same weight and configuration (a text's sixty footnotes) are read as one text: each
    "||" copies the vector built so far, and positions run on across the join either way.
    """
    grouped: dict[tuple[str, str], list[str]] = {}
    for part in parts:
        grouped.setdefault((WEIGHTS[part.column], config_for(part.language)), []).append(part.text)
    pieces, params = [], []
    for (weight, config), texts in grouped.items():
        pieces.append("setweight(to_tsvector(%s::regconfig, %s), %s)")
        params += [config, "\n".join(texts), weight]
    return " || ".join(pieces) or "''::tsvector", params


class PostgresBackend:
    def add(self, entries: list[tuple[SearchEntry, list[Part]]]) -> None:
        # Each entry is inserted with its vectors, one statement a record: inserting it empty and
        # updating it after would write the row, its keys and its vectors' index entries twice.
        # OFFSET 0 keeps the planner from pulling the subquery up, which would put the expression in
        # both vector columns and parse the record's text twice.
        with connection.cursor() as cursor:
            for entry, parts in entries:
                vector, params = _vector(parts)
                cursor.execute(
                    "INSERT INTO archive_searchentry "
                    "(version_id, document_id, date_earliest, vector, title_vector) "
                    "SELECT %s, %s, %s, part.vector, ts_filter(part.vector, '{a}') "
                    f"FROM (SELECT {vector} AS vector OFFSET 0) part",
                    [entry.version_id, entry.document_id, entry.date_earliest, *params],
                )
                entry._state.adding, entry._state.db = False, connection.alias

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
        self.typed_words = [term.text for clause in parsed.clauses for term in clause]

    def filter(self, queryset: QuerySet) -> QuerySet:
        """Versions or search entries (both keyed by the version) that match, read through the GIN
        index by archive_search_matches (migration 0006), whatever the planner thinks of it."""
        if self.wants_words and not self.required:
            return queryset.none()  # only stop words ("the"): nothing to look for
        if not (self.required or self.excluded):
            return queryset
        sql, params = self._condition()
        return queryset.filter(pk__in=RawSQL(f"SELECT archive_search_matches({sql})", params))

    def broad_matches(self) -> "BroadMatches | None":
        """SQL for the keys of every matching entry, straight from the GIN index (migrations 0010
        and 0012), and for the keys of the entries whose title has the words (through the title's
        own GIN index; not all of them need match the rest of the query). None without words to
        rank by."""
        if not self.required:
            return None
        condition, params = self._condition()
        title, title_params = _any_of(self.required)
        return BroadMatches(condition, params, title, title_params)

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
        """ts_headline over a window of the summary, a text or a footnote of each shown version.

        Parsing a record's whole text to find its best passage would cost every search a megabyte
        of parsing (20 records of up to 90 KB). Instead each part is searched, as plain characters,
        for the words' stems and the words as typed (`needles`); a window of text around the first
        place each is found is parsed, and of the windows that really match the query, the one that
        ranks best gives the snippet. A part is read in its own language's configuration.
        """
        if not self.required or not version_ids:
            return {}
        needles = snippet_needles(self.required, self.typed_words)
        if not needles:
            return {}
        tsquery, query_params = _any_of(self.required)
        configs = json.dumps(config_map())
        params = [
            *query_params,
            any_word(self.required),
            needles,
            version_ids,
            config_for(site_language()),
            configs,
            configs,
            SNIPPET_LEAD_CHARS,
            SNIPPET_WINDOW_CHARS,
            SNIPPET_WINDOW_CHARS,
            CJK_CHARACTER.replace("[", "([", 1) + ")",
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


@dataclass(frozen=True)
class BroadMatches:
    """A broad search's match set as SQL expressions, each a bytea of the keys packed by int8send
    (8 bytes each, big-endian): 95,000 keys reach the client as 760 KB it reads without parsing."""

    condition: str  # the tsquery the entries' vectors must match
    params: list
    title: str  # the tsquery the entries' titles are matched with
    title_params: list

    def keys(self, where: str = "", where_params: list | tuple = ()) -> tuple[str, list]:
        """Every matching entry's key, or only those whose `key` meets `where` (facets, dates)."""
        if not where:
            return f"archive_search_key_bytes({self.condition})", list(self.params)
        return (
            "(SELECT string_agg(int8send(key), ''::bytea) "
            f"FROM archive_search_keys({self.condition}) key WHERE {where})",
            [*self.params, *where_params],
        )

    def titled(self) -> tuple[str, list]:
        """The keys of the entries whose title has any of the words."""
        return (
            "(SELECT string_agg(int8send(version_id), ''::bytea) FROM archive_searchentry "
            f"WHERE title_vector @@ {self.title})",
            list(self.title_params),
        )

    @staticmethod
    def unpack(packed: bytes | None) -> np.ndarray:
        """The keys of one of these expressions' values (None when nothing matched)."""
        if not packed:
            return np.zeros(0, dtype=np.int64)
        return np.frombuffer(packed, dtype=">i8").astype(np.int64)


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

# A snippet's window: this many characters before the first place a word is found, this many in all.
SNIPPET_LEAD_CHARS = 120
SNIPPET_WINDOW_CHARS = 360
_LEXEME_RE = re.compile(r"'((?:[^']|'')+)'")


def any_word(readings: list[str]) -> str:
    """A tsquery matching any word of the readings ('nucl' | 'agreement'): a snippet shows a window
    with some of the words when none has them all."""
    lexemes = sorted({match for reading in readings for match in _LEXEME_RE.findall(reading)})
    return " | ".join(f"'{lexeme}'" for lexeme in lexemes)


def snippet_needles(readings: list[str], typed: list[str]) -> list[str]:
    """What to look for in the text: each reading's stems ('nucl', 'договор') and the
    words as typed (a stem is not always the start of its words: 'countri' for "country")."""
    stems = {match.replace("''", "'") for reading in readings for match in _LEXEME_RE.findall(reading)}
    words = {word for text in typed for word in text.lower().split()}
    needles = {needle for needle in stems | words if needle.strip()}
    # A needle holding another ("nuclear" holds "nucl") is found no earlier than it: one search less.
    needles = {
        needle for needle in needles if not any(other != needle and other in needle for other in needles)
    }
    # Found as written at the start of a sentence, in capitals or not: cheaper than lowercasing texts.
    return sorted(
        needles | {needle.capitalize() for needle in needles} | {needle.upper() for needle in needles}
    )


# The shown versions' payloads, decompressed once (each -> on a stored payload decompresses it again);
# the parts of each in their configurations; the window around the first place a needle
# is found in each part, a partial word cut off either end, CJK split as for indexing; of the windows
# with any of the words, the best per version (one with all of them first), and its headline.
_SNIPPET_SQL = """
WITH query AS (SELECT {tsquery} AS query, %s::tsquery AS any_word),
needle AS (SELECT unnest(%s::text[]) AS needle),
stored AS MATERIALIZED (
    SELECT id, payload || '{{}}'::jsonb AS payload FROM archive_publishedversion WHERE id = ANY(%s)
),
version AS (SELECT id, payload->>'summary' AS summary, payload->'texts' AS texts FROM stored),
part AS MATERIALIZED (
    SELECT id AS version_id, %s::regconfig AS config, summary AS body FROM version
    UNION ALL
    SELECT id, COALESCE(%s::jsonb->>(t->>'language'), 'simple')::regconfig, t->>'body'
    FROM version, jsonb_array_elements(texts) t
    UNION ALL
    SELECT id, COALESCE(%s::jsonb->>(t->>'language'), 'simple')::regconfig, f->>'body'
    FROM version, jsonb_array_elements(texts) t, jsonb_array_elements(t->'footnotes') f
),
found AS MATERIALIZED (
    SELECT version_id, config, body, greatest(first - %s, 1) AS start FROM (
        SELECT version_id, config, body,
               (SELECT min(at) FROM (SELECT strpos(body, needle) AS at FROM needle) place WHERE at > 0) AS first
        FROM part
    ) located WHERE first IS NOT NULL
),
windowed AS (
    SELECT version_id, config,
           CASE WHEN start > 1 THEN regexp_replace(raw, '^\\S{{0,24}}\\s+', '') ELSE raw END AS body
    FROM (
        SELECT version_id, config, start, CASE WHEN start + %s <= length(body)
            THEN regexp_replace(substr(body, start, %s), '\\s+\\S{{0,24}}$', '')
            ELSE substr(body, start) END AS raw
        FROM found
    ) cut
),
scored AS MATERIALIZED (
    SELECT version_id, config, body, to_tsvector(config, body) AS vector
    FROM (SELECT version_id, config, regexp_replace(body, %s, ' \\1 ', 'g') AS body FROM windowed) split
),
best AS (
    SELECT DISTINCT ON (version_id) version_id, config, body
    FROM scored, query
    WHERE vector @@ query.any_word
    ORDER BY version_id, vector @@ query.query DESC, ts_rank(vector, query.query) DESC,
             ts_rank(vector, query.any_word) DESC, length(body)
)
SELECT best.version_id, ts_headline(best.config, best.body, query.query, %s) FROM best, query
"""
