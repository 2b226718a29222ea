"""A record whose every user-entered field carries script, published twice and with a withdrawn sibling.

Each field gets its own payload naming it, so a failure says which field broke out and where. The
payloads try every context a value lands in: element content (<script>, <img onerror>, <svg onload>),
a quoted attribute ("> and '>), a <script> block such as the JSON-LD one (</script>), a link
(javascript:), and Markdown's own links and images in bodies and notes. Anything that runs calls
xss("<field>"); the browser tests define xss() to record the call.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from archive.models import (
    Attachment,
    Collection,
    Contribution,
    Document,
    Donor,
    Person,
    Place,
    PublishedVersion,
    Repository,
    Subject,
)
from curation import actions
from curation.history import latest_revision
from tests.archive.document_records import png_bytes
from tests.factories import (
    DocumentFactory,
    FootnoteFactory,
    ProvenanceEventFactory,
    TextFactory,
    publish,
    record_revision,
)

# What must never appear as markup in an HTML page; the same strings as text are fine.
SCRIPT_CALL = "xss("


def payload(field: str) -> str:
    """Every breakout at once in under 200 characters (the shortest field it goes into)."""
    return (
        f"</script><script>xss('{field}')</script>"
        f'"><img src=x onerror=xss("{field}")>'
        f"'><svg onload=xss('{field}')>"
        f"<a href=javascript:xss('{field}')>link</a>"
    )


def markdown_payload(field: str) -> str:
    """A body or note: the payload as raw HTML, plus Markdown links and images that try javascript:."""
    return (
        f"{payload(field)}\n\n"
        f"[a link](javascript:xss('{field}')) [another](JaVaScRiPt:xss('{field}')) "
        f"![an image](x\" onerror=\"xss('{field}')) "
        f"<iframe src=\"javascript:xss('{field}')\"></iframe>"
    )


@dataclass
class HostileArchive:
    document: Document
    withdrawn: Document
    collection: Collection
    person: Person
    place: Place
    subject: Subject
    translator: object
    editor: object
    fields: list[str]

    @property
    def version(self) -> PublishedVersion:
        return self.document.published_versions.get(number=2)


def build_hostile_archive(*, translator, editor, second_editor) -> HostileArchive:
    """Publish a record with a payload in every field (v1, then v2 with a change note), and withdraw
    a second one with a payload as its reason. The translator's own name carries one too."""
    User = get_user_model()
    User.objects.filter(pk=translator.pk).update(first_name=payload("user first name")[:150])
    translator.refresh_from_db()

    repository = Repository.objects.create(name=payload("repository name"), abbreviation="XSS")
    collection = Collection.objects.create(
        title=payload("collection title"), description=markdown_payload("collection description")
    )
    subject = Subject.objects.create(heading=payload("subject heading"), scope_note=payload("scope note"))
    place = Place.objects.create(name=payload("place name"))
    person = Person.objects.create(name=payload("person name"), description=payload("person description"))
    author = Person.objects.create(name=payload("author name"))
    credited = Person.objects.create(name=payload("credited person"))
    donor = Donor.objects.create(
        name=payload("donor name"), url="https://example.org/\"onmouseover=\"xss('donor url')"
    )

    document = DocumentFactory(
        created_by=translator,
        title=payload("title"),
        display_date_override=payload("display date"),
        summary=markdown_payload("summary"),
        original_classification=payload("classification")[:100],
        rights=markdown_payload("rights"),
        repository=repository,
        archival_reference=payload("archival reference"),
    )
    document.creators.set([author])
    document.people.set([person])
    document.places.set([place])
    document.subjects.set([subject])
    document.collections.set([collection])
    document.donors.set([donor])
    Contribution.objects.create(
        document=document, person=credited, role="translated", qualifier=payload("qualifier")
    )
    ProvenanceEventFactory(
        document=document,
        agent=payload("provenance agent"),
        reference=payload("provenance reference"),
        note=payload("provenance note"),
    )
    original = TextFactory(
        document=document,
        kind="original",
        language="ru",
        title=payload("text title"),
        body=markdown_payload("original body") + " [1]",
    )
    FootnoteFactory(text=original, number=1, body=markdown_payload("footnote"))
    TextFactory(
        document=document,
        kind="translation",
        language="en",
        title=payload("translation title"),
        body=markdown_payload("translation body"),
    )
    Attachment.objects.create(
        document=document,
        kind="image",
        caption=payload("caption"),
        content_type="image/png",
        file=SimpleUploadedFile("scan.png", png_bytes(), content_type="image/png"),
    )
    publish(document, approver=editor)
    document.refresh_from_db()
    document.title = payload("second title")
    publish(document, approver=second_editor, author=editor, note=markdown_payload("change note"))
    document.refresh_from_db()

    withdrawn = DocumentFactory(created_by=translator, title=payload("withdrawn title"))
    record_revision(withdrawn, user=translator, comment=payload("revision comment"))
    actions.submit_for_review(withdrawn, actor=translator, comment=payload("submit comment"))
    actions.approve_revision(withdrawn, revision=latest_revision(withdrawn), actor=editor)
    actions.withdraw(withdrawn, actor=editor, reason=payload("withdrawal reason"))

    fields = sorted(
        {
            "title",
            "second title",
            "display date",
            "summary",
            "classification",
            "rights",
            "repository name",
            "archival reference",
            "collection title",
            "collection description",
            "subject heading",
            "place name",
            "person name",
            "author name",
            "credited person",
            "donor name",
            "qualifier",
            "provenance agent",
            "provenance reference",
            "provenance note",
            "text title",
            "translation title",
            "original body",
            "translation body",
            "footnote",
            "caption",
            "change note",
            "withdrawal reason",
        }
    )
    return HostileArchive(document, withdrawn, collection, person, place, subject, translator, editor, fields)
