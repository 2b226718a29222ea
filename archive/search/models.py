"""The search index's tables: one entry per public record, and the facet values it can be narrowed by.

Both are derived from PublishedVersion and rebuilt from it (archive.search.index); nothing else writes
them. An entry exists only for a record's current published version, so a draft, a superseded version
or a withdrawn record is never in the index to begin with, and the public queries also join on
`is_current` as a second lock.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """The current published version of one record, as the search backends see it.

    On PostgreSQL `vector` holds the weighted tsvector (GIN-indexed by migration 0003). SQLite keeps the
    words in the FTS5 table `archive_search_fts` instead (rowid = this entry's key) and leaves `vector`
    empty.
    """

    version = models.OneToOneField(
        "archive.PublishedVersion",
        verbose_name=_("published version"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_entry",
    )
    # One entry per record: publishing version 2 replaces the entry of version 1.
    document = models.OneToOneField(
        "archive.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    vector = SearchVectorField(_("search vector"), null=True, editable=False)
    # The title words alone (the vector's A weight) and the record's earliest date, kept beside the
    # vector so that ordering a very broad match set reads neither the big vector nor the version.
    title_vector = SearchVectorField(_("title vector"), null=True, editable=False)
    date_earliest = models.DateField(_("earliest date"), null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return f"search entry of version {self.version_id}"


class SearchFacet(models.Model):
    """One value a record can be narrowed by: its subject 12, its decade 1960, its translation into "en".

    The label is kept as published, so that counting every facet of a result set is one grouped query.
    """

    class Name(models.TextChoices):
        COLLECTION = "collection", _("Collection")
        SUBJECT = "subject", _("Subject")
        PERSON = "person", _("Person")
        PLACE = "place", _("Place")
        REPOSITORY = "repository", _("Repository")
        LANGUAGE = "language", _("Original language")
        TRANSLATION = "translation", _("Translation")
        DECADE = "decade", _("Decade")

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(_("facet"), max_length=20, choices=Name.choices)
    value = models.CharField(_("value"), max_length=50)
    label = models.CharField(_("label"), max_length=500)

    class Meta:
        verbose_name = _("search facet")
        verbose_name_plural = _("search facets")
        constraints = [
            models.UniqueConstraint(fields=["entry", "facet", "value"], name="search_facet_unique_value"),
        ]
        indexes = [
            # Narrowing by a facet value and counting values: "which entries have subject 12".
            models.Index(fields=["facet", "value", "entry"], name="search_facet_value_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class SearchGeneration(models.Model):
    """A number that changes with every change to the index, in the transaction that makes the change.

    Read in the same statement as a search's match set, it tells a process whether what it keeps in
    memory about the index (archive.search.facets) is still the index that statement saw.
    """

    number = models.BigIntegerField(_("generation"), default=0)

    class Meta:
        verbose_name = _("search index generation")
        verbose_name_plural = _("search index generations")

    def __str__(self) -> str:
        return f"search index generation {self.number}"
