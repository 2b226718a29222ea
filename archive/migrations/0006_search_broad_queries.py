"""Broad searches: the title words and the earliest date beside each entry, an index generation number,
and on PostgreSQL the function that reads a query's matches through the GIN index.

The planner prices `vector @@ query` as if the vectors were in the entries' small table, when each
is a TOASTed 20 KB value: for a word in most records it reads every vector rather than the index.
archive_search_matches runs the same condition with sequential scans off, so the match set always
comes from the GIN index (archive.search.backends.postgres).
"""

import django.contrib.postgres.search
from django.db import migrations, models

POSTGRES_SQL = (
    "UPDATE archive_searchentry e SET date_earliest = v.date_earliest, "
    "title_vector = ts_filter(e.vector, '{a}') "
    "FROM archive_publishedversion v WHERE v.id = e.version_id",
    "CREATE FUNCTION archive_search_matches(query tsquery) RETURNS SETOF bigint "
    "LANGUAGE sql STABLE PARALLEL SAFE ROWS 1000 SET enable_seqscan = off AS "
    "$$ SELECT version_id FROM archive_searchentry WHERE vector @@ query $$",
)
POSTGRES_REVERSE_SQL = ("DROP FUNCTION IF EXISTS archive_search_matches(tsquery)",)
SQLITE_SQL = (
    "UPDATE archive_searchentry SET date_earliest = "
    "(SELECT date_earliest FROM archive_publishedversion v WHERE v.id = archive_searchentry.version_id)",
)


def fill(apps, schema_editor):
    apps.get_model("archive", "SearchGeneration").objects.create(number=0)
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRES_SQL, "sqlite": SQLITE_SQL}.get(vendor, ()):
        schema_editor.execute(statement)


def unfill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_REVERSE_SQL:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0005_citation_renderings"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchGeneration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.BigIntegerField(default=0, verbose_name="generation")),
            ],
            options={
                "verbose_name": "search index generation",
                "verbose_name_plural": "search index generations",
            },
        ),
        migrations.AddField(
            model_name="searchentry",
            name="date_earliest",
            field=models.DateField(editable=False, null=True, verbose_name="earliest date"),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="title_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, verbose_name="title vector"
            ),
        ),
        migrations.RunPython(fill, unfill),
    ]
