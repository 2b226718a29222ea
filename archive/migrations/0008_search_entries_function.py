"""The match set of a broad search with what orders it, straight from the GIN index.

archive_search_entries(query, title) returns each matching search entry's key, whether its title
has the words, and its earliest date, from one bitmap scan of the GIN index (sequential scans off:
the planner prices a TOASTed 20 KB vector like a small value and would read them all, see 0006).
Returning the ordering columns with the keys spares the caller a lookup of each matching entry, which
for a word found in 95,000 records cost more than the scan itself.
"""

from django.db import migrations

CREATE = (
    "CREATE FUNCTION archive_search_entries(query tsquery, title tsquery) "
    "RETURNS TABLE(key bigint, in_title boolean, date_earliest date) "
    "LANGUAGE sql STABLE PARALLEL SAFE ROWS 1000 "
    "SET enable_seqscan = off SET max_parallel_workers_per_gather = 0 AS "
    "$$ SELECT version_id, title_vector @@ title, date_earliest FROM archive_searchentry "
    "WHERE vector @@ query $$"
)
DROP = "DROP FUNCTION IF EXISTS archive_search_entries(tsquery, tsquery)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("archive", "0007_document_change_indexes")]

    operations = [migrations.RunPython(create, drop)]
