"""The public API's representations: published versions (from their frozen payload), lists, authorities.

Output only. A document is read from one PublishedVersion: its payload (curation.snapshot builds it)
and the version's own number, date and change note. Links are absolute: `api_url` is the resource in
this API, `html_url` its page in the reading room; `url` keeps the catalogue's meaning (a repository's
or funder's web site, an attachment's file).
"""

from functools import cache

from django.conf import settings
from django.urls import reverse as site_reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from archive.api.problems import ProblemDetailsSerializer
from archive.citations import citations_for
from archive.models import Collection, Person, Place, PublishedVersion, Repository, Subject
from archive.rendering import render_markdown


def page_url(document_id: int, number: int | None = None) -> str:
    """The reading room's page of a record (its current version) or of one version: absolute."""
    if number is None:
        return settings.SITE_URL + site_reverse("archive:document-detail", args=[document_id])
    return settings.SITE_URL + site_reverse("archive:version-detail", args=[document_id, number])


@extend_schema_field(OpenApiTypes.URI)
class ApiLink(serializers.Field):
    """The absolute API address of the object whose id is the field's source."""

    def __init__(self, view_name: str, **kwargs) -> None:
        self.view_name = view_name
        kwargs.setdefault("source", "id")
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: int) -> str:
        return reverse(self.view_name, args=[value], request=self.context.get("request"))


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class Lines(serializers.Field):
    """A text field of one entry per line (name variants), as a list."""

    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value: str) -> list[str]:
        return [line.strip() for line in value.splitlines() if line.strip()]


# --- The parts of a published record (its payload) ------------------------------------------------


class RepositoryRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    abbreviation = serializers.CharField()
    citation_name = serializers.CharField()
    location = serializers.CharField()
    url = serializers.CharField(help_text=_("The repository's web site."))
    api_url = ApiLink("api:repository-detail")


class PersonNameSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    sort_name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Person.Kind.choices)


class PersonRefSerializer(PersonNameSerializer):
    api_url = ApiLink("api:person-detail")


class PlaceNameSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    full_name = serializers.CharField(help_text=_('With the broader place: "Moscow, Soviet Union".'))
    kind = serializers.ChoiceField(choices=Place.Kind.choices)


class PlaceRefSerializer(PlaceNameSerializer):
    api_url = ApiLink("api:place-detail")


class SubjectRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    heading = serializers.CharField()
    subdivisions = serializers.ListField(child=serializers.CharField())
    api_url = ApiLink("api:subject-detail")


class CollectionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.CharField()
    api_url = ApiLink("api:collection-detail")


class DonorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    url = serializers.CharField(help_text=_("The funder's web site."))


class RelatedDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    api_url = ApiLink("api:document-detail")


class FootnoteSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text=_("Its marker in the text: [1], [2] …"))
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    body = serializers.CharField(help_text=_("Markdown."))
    body_html = serializers.CharField()


class TextSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text=_("original, transcript or translation."))
    kind_label = serializers.CharField()
    language = serializers.CharField(help_text=_("ISO 639 code."))
    language_name = serializers.CharField()
    title = serializers.CharField()
    order = serializers.IntegerField()
    body = serializers.CharField(help_text=_("Markdown, with footnote markers [1], [2] …"))
    body_html = serializers.CharField(help_text=_("The body as HTML; each marker links to its note."))
    note_prefix = serializers.CharField(help_text=_("The prefix of the notes' HTML ids in this text."))
    notes_html = serializers.CharField(help_text=_("The footnotes as an HTML list."))
    footnotes = FootnoteSerializer(many=True)


class CreditSerializer(serializers.Serializer):
    person = PersonNameSerializer()
    role = serializers.CharField(
        help_text=_("contributed, obtained, transcribed, translated, edited or assisted.")
    )
    role_label = serializers.CharField()
    qualifier = serializers.CharField()
    order = serializers.IntegerField()


class ProvenanceEventSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    date = serializers.CharField(help_text=_("EDTF."))
    display_date = serializers.CharField()
    agent = serializers.CharField()
    place = PlaceNameSerializer(allow_null=True)
    reference = serializers.CharField()
    note = serializers.CharField()
    order = serializers.IntegerField()


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    caption = serializers.CharField()
    order = serializers.IntegerField()
    url = serializers.SerializerMethodField(help_text=_("Where the file is served."))
    checksum = serializers.CharField(help_text=_("SHA-256 of the file."))
    size = serializers.IntegerField(allow_null=True, help_text=_("In bytes."))
    content_type = serializers.CharField()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, attachment: dict) -> str:
        url = attachment["url"]
        return settings.SITE_URL + url if url.startswith("/") else url


# --- Citations ------------------------------------------------------------------------------------


class StyledCitationSerializer(serializers.Serializer):
    text = serializers.CharField()
    html = serializers.CharField()


class CitationFileSerializer(serializers.Serializer):
    text = serializers.CharField(help_text=_("The file's content."))
    url = serializers.URLField(help_text=_("Where the file is served for download."))
    path = serializers.CharField()
    media_type = serializers.CharField()
    filename = serializers.CharField()


class CitationsSerializer(serializers.Serializer):
    house = StyledCitationSerializer(help_text=_("The archive's house style."))
    chicago = StyledCitationSerializer(help_text=_("Chicago, the full note."))
    mla = StyledCitationSerializer(help_text=_("MLA, the works-cited entry."))
    apa = StyledCitationSerializer(help_text=_("APA, the reference-list entry."))
    bibtex = CitationFileSerializer()
    ris = CitationFileSerializer()
    csl_json = CitationFileSerializer(help_text=_("CSL-JSON, as Zotero, Mendeley and pandoc read it."))


# --- Versions and documents -----------------------------------------------------------------------


class VersionSummarySerializer(serializers.Serializer):
    """One published version, without its content: the version list of a record."""

    version = serializers.IntegerField(source="number")
    published_at = serializers.DateTimeField()
    change_note = serializers.CharField(help_text=_("What changed since the previous version."))
    is_current = serializers.BooleanField()
    api_url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, version) -> str:
        return reverse(
            "api:version-detail",
            args=[version.document_id, version.number],
            request=self.context.get("request"),
        )

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, version) -> str:
        return page_url(version.document_id, version.number)


class DocumentSerializer(serializers.Serializer):
    """A published version of a record, complete: the current one, or one version at its stable address.

    Context: `request`, `versions` (the record's VersionList) and `version_specific` (whether the links
    and citations name this version's own address or the record's).
    """

    id = serializers.IntegerField(source="document_id")
    version = serializers.IntegerField(source="number")
    is_current = serializers.BooleanField(help_text=_("False for a version that a newer one replaced."))
    published_at = serializers.DateTimeField(help_text=_("When this version was published."))
    change_note = serializers.CharField(help_text=_("What changed since the previous version."))
    api_url = serializers.SerializerMethodField()
    html_url = serializers.SerializerMethodField()
    title = serializers.CharField()
    slug = serializers.CharField(source="payload.slug")
    external_id = serializers.CharField(
        source="payload.external_id",
        allow_null=True,
        help_text=_('Where the record came from ("wcda:300240"); null for a record made here.'),
    )
    date = serializers.CharField(
        source="payload.date", help_text=_('EDTF: "1962-05-21", "1958?", "1961-04/1961-06".')
    )
    display_date = serializers.CharField(
        source="payload.display_date", help_text=_('"May 21, 1962", "circa 1958".')
    )
    date_earliest = serializers.DateField(allow_null=True)
    date_latest = serializers.DateField(allow_null=True)
    summary = serializers.CharField(source="payload.summary", help_text=_("Markdown."))
    summary_html = serializers.CharField(source="payload.summary_html")
    document_type = serializers.CharField()
    document_type_label = serializers.CharField(source="payload.document_type_label")
    original_language = serializers.CharField(help_text=_("ISO 639 code."))
    original_language_name = serializers.CharField(source="payload.original_language_name")
    original_classification = serializers.CharField(source="payload.original_classification")
    rights = serializers.CharField(source="payload.rights")
    repository = RepositoryRefSerializer(source="payload.repository", allow_null=True)
    archival_reference = serializers.CharField(
        source="payload.archival_reference", help_text=_('"F. 3, Op. 16, D. 947, Ll. 15-16".')
    )
    source_sentence = serializers.CharField(
        source="payload.source_sentence", help_text=_("Where the original is held, as a sentence.")
    )
    credit_sentence = serializers.CharField(
        source="payload.credit_sentence", help_text=_('"Translated by X and edited by Y."')
    )
    texts = TextSerializer(source="payload.texts", many=True)
    credits = CreditSerializer(source="payload.credits", many=True)
    provenance = ProvenanceEventSerializer(source="payload.provenance", many=True)
    attachments = AttachmentSerializer(source="payload.attachments", many=True)
    creators = PersonRefSerializer(source="payload.creators", many=True, help_text=_("The authors."))
    people = PersonRefSerializer(
        source="payload.people", many=True, help_text=_("People and organisations mentioned.")
    )
    places = PlaceRefSerializer(source="payload.places", many=True)
    subjects = SubjectRefSerializer(source="payload.subjects", many=True)
    collections = CollectionRefSerializer(source="payload.collections", many=True)
    donors = DonorSerializer(source="payload.donors", many=True, help_text=_("The funders."))
    related_documents = RelatedDocumentSerializer(source="payload.related_documents", many=True)
    versions = serializers.SerializerMethodField(help_text=_("Every published version, newest first."))
    citations = serializers.SerializerMethodField()

    @property
    def version_specific(self) -> bool:
        return self.context.get("version_specific", False)

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, version: PublishedVersion) -> str:
        request = self.context.get("request")
        if self.version_specific:
            return reverse("api:version-detail", args=[version.document_id, version.number], request=request)
        return reverse("api:document-detail", args=[version.document_id], request=request)

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, version: PublishedVersion) -> str:
        return page_url(version.document_id, version.number if self.version_specific else None)

    @extend_schema_field(VersionSummarySerializer(many=True))
    def get_versions(self, version: PublishedVersion) -> list:
        summaries = self.context["versions"].versions
        return VersionSummarySerializer(summaries, many=True, context=self.context).data

    @extend_schema_field(CitationsSerializer)
    def get_citations(self, version: PublishedVersion) -> dict:
        return citations_for(version, version_specific=self.version_specific).as_dict()


class DocumentSummarySerializer(serializers.Serializer):
    """A record in a list: its current version's catalogue fields, without the texts."""

    id = serializers.IntegerField(source="document_id")
    version = serializers.IntegerField(source="number")
    title = serializers.CharField()
    date = serializers.CharField(help_text=_("EDTF."))
    display_date = serializers.CharField()
    date_earliest = serializers.DateField(allow_null=True)
    date_latest = serializers.DateField(allow_null=True)
    summary = serializers.CharField(help_text=_("Markdown."))
    document_type = serializers.CharField()
    document_type_label = serializers.CharField()
    original_language = serializers.CharField()
    original_language_name = serializers.CharField()
    published_at = serializers.DateTimeField(help_text=_("When the current version was published."))
    api_url = ApiLink("api:document-detail", source="document_id")
    html_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, row: dict) -> str:
        return page_url(row["document_id"])


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField(help_text=_("Pass it as the filter of the facet's name: ?subject=12."))
    label = serializers.CharField()
    count = serializers.IntegerField(help_text=_("How many of the matching documents have this value."))
    selected = serializers.BooleanField(help_text=_("Whether the query filters by this value."))


class FacetGroupSerializer(serializers.Serializer):
    name = serializers.CharField(help_text=_("The facet, and the name of its filter parameter."))
    label = serializers.CharField()
    values = FacetValueSerializer(many=True, help_text=_("The most frequent values first; decades in order."))


class PageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text=_("How many match, on every page together."))
    next = serializers.URLField(allow_null=True, help_text=_("The next page; null on the last."))
    previous = serializers.URLField(allow_null=True, help_text=_("The previous page; null on the first."))


class DocumentPageSerializer(PageSerializer):
    ordering = serializers.CharField(
        help_text=_("The order the list is in (relevance, date, -date, published).")
    )
    facets = FacetGroupSerializer(
        many=True,
        required=False,
        help_text=_("Only when `q` or a filter narrows the list: counts by facet value."),
    )
    results = DocumentSummarySerializer(many=True)


class TombstoneSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    withdrawn_at = serializers.DateTimeField()
    reason = serializers.CharField()
    citation = serializers.CharField(
        help_text=_("How the record was cited, to account for a citation of it.")
    )
    html_url = serializers.URLField()


class GoneSerializer(ProblemDetailsSerializer):
    """ProblemDetails of a withdrawn record: the tombstone in place of the record."""

    tombstone = TombstoneSerializer()


# --- Authority records: people, places, subjects, collections, repositories ---------------------


class AuthoritySerializer(serializers.ModelSerializer):
    """Common to every authority: how many current published documents link to it, and where they are."""

    document_count = serializers.IntegerField(help_text=_("How many published documents link to it."))
    documents_url = serializers.SerializerMethodField(
        help_text=_("The documents list filtered by it: every one of its documents, with facets.")
    )

    facet = ""
    detail_view = ""

    @extend_schema_field(OpenApiTypes.URI)
    def get_documents_url(self, authority) -> str:
        url = reverse("api:document-list", request=self.context.get("request"))
        return f"{url}?{self.facet}={authority.pk}"


class PersonSerializer(AuthoritySerializer):
    facet = "person"
    api_url = ApiLink("api:person-detail")
    name_variants = Lines()

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "sort_name",
            "kind",
            "name_variants",
            "birth_date",
            "death_date",
            "description",
            "wikidata_id",
            "viaf_id",
            "lcnaf_id",
            "document_count",
            "api_url",
            "documents_url",
        ]


class PlaceSerializer(AuthoritySerializer):
    facet = "place"
    api_url = ApiLink("api:place-detail")
    full_name = serializers.CharField(source="__str__", help_text=_('"Moscow, Soviet Union".'))
    name_variants = Lines()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)

    class Meta:
        model = Place
        fields = [
            "id",
            "name",
            "full_name",
            "kind",
            "name_variants",
            "latitude",
            "longitude",
            "geonames_id",
            "wikidata_id",
            "document_count",
            "api_url",
            "documents_url",
        ]


class SubjectSerializer(AuthoritySerializer):
    facet = "subject"
    api_url = ApiLink("api:subject-detail")
    subdivisions = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Subject
        fields = ["id", "heading", "subdivisions", "scope_note", "document_count", "api_url", "documents_url"]


class CollectionSerializer(AuthoritySerializer):
    facet = "collection"
    api_url = ApiLink("api:collection-detail")
    description_html = serializers.SerializerMethodField()

    class Meta:
        model = Collection
        fields = [
            "id",
            "title",
            "slug",
            "description",
            "description_html",
            "document_count",
            "api_url",
            "documents_url",
        ]

    def get_description_html(self, collection: Collection) -> str:
        return str(render_markdown(collection.description))


class RepositorySerializer(AuthoritySerializer):
    facet = "repository"
    api_url = ApiLink("api:repository-detail")
    citation_name = serializers.CharField(help_text=_("As cited: the abbreviation, or else the name."))
    url = serializers.CharField(help_text=_("The repository's web site."))

    class Meta:
        model = Repository
        fields = [
            "id",
            "name",
            "abbreviation",
            "citation_name",
            "location",
            "url",
            "document_count",
            "api_url",
            "documents_url",
        ]


@cache
def with_documents(serializer: type[AuthoritySerializer]) -> type[AuthoritySerializer]:
    """The authority's detail: its fields and the first of its documents (`listed_documents`, by date)."""

    class Detail(serializer):
        documents = DocumentSummarySerializer(
            many=True,
            source="listed_documents",
            help_text=_("Its first documents by date; `documents_url` lists them all."),
        )

        class Meta(serializer.Meta):
            fields = [*serializer.Meta.fields, "documents"]

    Detail.__name__ = serializer.__name__.replace("Serializer", "DetailSerializer")
    Detail.__qualname__ = Detail.__name__
    return Detail
