"""archive_search_entries (migration 0008): a truer row estimate, and room for its result in memory.

The function serves broad searches, whose matches run to tens of thousands; estimated at 1,000 rows,
a facet filter on them was planned as a merge join that sorted all 95,000 matches of "nuclear" on
disk (18 ms) instead of hashing the filter's entries. Its result (a few MB for such a word) is kept
in memory rather than written to a temporary file.
"""

from django.db import migrations

SIGNATURE = "archive_search_entries(tsquery, tsquery)"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER FUNCTION {SIGNATURE} ROWS 50000 SET work_mem = '64MB'")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER FUNCTION {SIGNATURE} ROWS 1000 RESET work_mem")


class Migration(migrations.Migration):
    dependencies = [("archive", "0008_search_entries_function")]

    operations = [migrations.RunPython(forward, backward)]
