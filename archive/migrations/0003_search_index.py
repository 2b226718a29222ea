"""The search index: one entry per public record with its facet values, and per database the text index.

PostgreSQL: a GIN index on the entries' weighted tsvector. SQLite: the FTS5 table archive_search_fts,
one row per entry (rowid = the entry's key). Neither is part of Django's model state, so they are made
here for the database in use. On a database that already has published records, `migrate` fills the
index when it is done (archive.search.index.fill_empty_index); from then on publishing and
withdrawing keep it in step, and `manage.py rebuild_search_index` rebuilds it whole.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

POSTGRES_SQL = (
    # Serves `vector @@ tsquery` in search: the one index a text search reads.
    "CREATE INDEX archive_searchentry_vector_gin ON archive_searchentry USING gin (vector)",
)
POSTGRES_REVERSE_SQL = ("DROP INDEX IF EXISTS archive_searchentry_vector_gin",)
SQLITE_SQL = (
    "CREATE VIRTUAL TABLE archive_search_fts USING fts5("
    "title, summary, catalogue, texts, footnotes, tokenize = 'porter unicode61 remove_diacritics 2')",
)
SQLITE_REVERSE_SQL = ("DROP TABLE IF EXISTS archive_search_fts",)


def create_text_index(apps, schema_editor):
    _run(schema_editor, postgresql=POSTGRES_SQL, sqlite=SQLITE_SQL)


def drop_text_index(apps, schema_editor):
    _run(schema_editor, postgresql=POSTGRES_REVERSE_SQL, sqlite=SQLITE_REVERSE_SQL)


def _run(schema_editor, **statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0002_published_versions"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "version",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="archive.publishedversion",
                        verbose_name="published version",
                    ),
                ),
                (
                    "vector",
                    django.contrib.postgres.search.SearchVectorField(
                        editable=False, null=True, verbose_name="search vector"
                    ),
                ),
                (
                    "document",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="archive.document",
                        verbose_name="document",
                    ),
                ),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
            },
        ),
        migrations.CreateModel(
            name="SearchFacet",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "facet",
                    models.CharField(
                        choices=[
                            ("collection", "Collection"),
                            ("subject", "Subject"),
                            ("person", "Person"),
                            ("place", "Place"),
                            ("repository", "Repository"),
                            ("language", "Original language"),
                            ("translation", "Translation"),
                            ("decade", "Decade"),
                        ],
                        max_length=20,
                        verbose_name="facet",
                    ),
                ),
                ("value", models.CharField(max_length=50, verbose_name="value")),
                ("label", models.CharField(max_length=500, verbose_name="label")),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="facets",
                        to="archive.searchentry",
                    ),
                ),
            ],
            options={
                "verbose_name": "search facet",
                "verbose_name_plural": "search facets",
                "indexes": [models.Index(fields=["facet", "value", "entry"], name="search_facet_value_idx")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("entry", "facet", "value"), name="search_facet_unique_value"
                    )
                ],
            },
        ),
        migrations.RunPython(create_text_index, drop_text_index),
    ]
