"""factory_boy factories for every model; tests build their data here, not from JSON fixtures."""

import factory
import reversion
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from reversion.models import Revision

from archive import models
from curation.roles import EDITORS, TRANSLATORS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*(Group.objects.get(name=name) for name in extracted))


class TranslatorFactory(UserFactory):
    groups = factory.PostGeneration(
        lambda user, create, extracted, **kw: user.groups.add(Group.objects.get(name=TRANSLATORS))
    )


class EditorFactory(UserFactory):
    groups = factory.PostGeneration(
        lambda user, create, extracted, **kw: user.groups.add(Group.objects.get(name=EDITORS))
    )


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    name = factory.Faker("name")


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Place

    name = factory.Sequence(lambda n: f"Place {n}")


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Subject

    heading = factory.Sequence(lambda n: f"Subject {n}--Diplomacy")


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Collection

    title = factory.Sequence(lambda n: f"Collection {n}")


class RepositoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Repository

    name = factory.Sequence(lambda n: f"State Archive {n}")
    abbreviation = factory.Sequence(lambda n: f"SA{n}")


class DonorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Donor

    name = factory.Sequence(lambda n: f"Foundation {n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Document

    title = factory.Sequence(lambda n: f"Memorandum of Conversation {n}")
    date = "1962-05-21"
    summary = "A conversation about the test ban."
    original_language = "ru"
    document_type = models.Document.Type.MEMORANDUM_OF_CONVERSATION


class TextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Text

    document = factory.SubFactory(DocumentFactory)
    kind = models.Text.Kind.TRANSLATION
    language = "en"
    body = "The talks began at noon.[1]"


class FootnoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Footnote

    text = factory.SubFactory(TextFactory)
    number = factory.Sequence(lambda n: n + 1)
    kind = models.Footnote.Kind.TRANSLATOR
    body = "Literally, 'at the twelfth hour'."


class ProvenanceEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ProvenanceEvent

    document = factory.SubFactory(DocumentFactory)
    kind = models.ProvenanceEvent.Kind.DECLASSIFIED
    date = "1992"
    agent = "Russian State Archive of Contemporary History"


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Contribution

    document = factory.SubFactory(DocumentFactory)
    person = factory.SubFactory(PersonFactory)
    role = models.Contribution.Role.TRANSLATED


# --- Published versions: records published through the actions (reading room tests) ---------------


def record_revision(document: models.Document, *, user, comment: str = "Edited.") -> Revision:
    """Save the working copy as one admin save does: a reversion revision with user, then record_edit.

    Whatever the test changed on the record's rows (texts, footnotes, credits …) goes into the revision.
    """
    from curation import actions
    from curation.history import latest_revision

    with transaction.atomic():
        with reversion.create_revision():
            document.save()
            reversion.set_user(user)
            reversion.set_comment(comment)
        revision = latest_revision(document)
        actions.record_edit(document, actor=user, revision=revision)
    return revision


def publish(document: models.Document, *, approver, note: str = "", author=None) -> models.PublishedVersion:
    """Publish the record as it stands now, the way people do: save, submit, approve.

    `author` (by default the record's creator, a translator) saves and submits the working copy;
    `approver`, an editor who wrote none of it (four eyes), approves that revision. Once a record is
    published only editors edit it: pass an editor as `author` for version 2, and a change `note`.
    """
    from curation import actions

    author = author or document.created_by
    if author is None:
        raise ValueError("publish() needs a record with created_by: its author saves and submits it.")
    revision = record_revision(document, user=author, comment="Ready for review.")
    actions.submit_for_review(document, actor=author)
    return actions.approve_revision(document, revision=revision, actor=approver, note=note)


# --- Records in a workflow state, for the review, history and "My work" views (curation.review) ------


def record_in_state(state: str, *, translator, editor, **fields) -> models.Document:
    """A record by `translator` (a text with a matching footnote) brought to `state` through the actions.

    `editor` returns it ("changes_requested") or approves it ("published"); "withdrawn" withdraws it.
    """
    from curation import actions

    Status = models.Document.Status
    document = DocumentFactory(created_by=translator, **fields)
    FootnoteFactory(text=TextFactory(document=document, body="The talks began at noon.[1]"), number=1)
    revision = record_revision(document, user=translator, comment="First draft.")
    if state == Status.DRAFT:
        return document
    actions.submit_for_review(document, actor=translator)
    if state == Status.CHANGES_REQUESTED:
        actions.request_changes(document, actor=editor, comment="Check the date against the original.")
    elif state in (Status.PUBLISHED, Status.WITHDRAWN):
        actions.approve_revision(document, revision=revision, actor=editor)
        if state == Status.WITHDRAWN:
            actions.withdraw(document, actor=editor, reason="A duplicate of another record.")
    return document
