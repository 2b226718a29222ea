"""A broad search reads only its matches' keys; their order comes from memory.

archive_search_keys(query) returns the key of every search entry whose vector matches, from one
bitmap scan of the GIN index (sequential scans off, as archive_search_matches in 0006), estimated
at tens of thousands of rows and with room for them in memory (see 0009). The title matches that
lead a broad search's order are read through a GIN index of their own, on title_vector; the dates
that order the rest are held with the facet pairs (archive.search.facets). Evaluating every match's
title and carrying its date through the statement cost more than reading the keys: 58 -> 36 ms for
"nuclear" at 100,000 records. archive_search_entries (0008, 0009), which did that, is dropped.
"""

from importlib import import_module

from django.db import migrations

CREATE_KEYS = (
    "CREATE FUNCTION archive_search_keys(query tsquery) RETURNS SETOF bigint "
    "LANGUAGE sql STABLE PARALLEL SAFE ROWS 50000 "
    "SET enable_seqscan = off SET max_parallel_workers_per_gather = 0 SET work_mem = '64MB' AS "
    "$$ SELECT version_id FROM archive_searchentry WHERE vector @@ query $$"
)
DROP_KEYS = "DROP FUNCTION IF EXISTS archive_search_keys(tsquery)"
CREATE_TITLE_INDEX = (
    "CREATE INDEX IF NOT EXISTS archive_searchentry_title_vector_gin "
    "ON archive_searchentry USING gin (title_vector)"
)
DROP_TITLE_INDEX = "DROP INDEX IF EXISTS archive_searchentry_title_vector_gin"
DROP_ENTRIES = "DROP FUNCTION IF EXISTS archive_search_entries(tsquery, tsquery)"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in (CREATE_KEYS, CREATE_TITLE_INDEX, DROP_ENTRIES):
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(import_module("archive.migrations.0008_search_entries_function").CREATE)
        import_module("archive.migrations.0009_search_entries_estimate").forward(apps, schema_editor)
        schema_editor.execute(DROP_TITLE_INDEX)
        schema_editor.execute(DROP_KEYS)


class Migration(migrations.Migration):
    dependencies = [("archive", "0009_search_entries_estimate")]

    operations = [migrations.RunPython(forward, backward)]
