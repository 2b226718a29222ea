"""The records a benchmark needs besides the corpus, made through the same paths people use.

A record with 100 revisions (the admin change form of a much-edited record), a record with two
30 KB revisions (the review diff), and fresh records in review (one publish each). The first two are
made once per database and found again by their external ids; records to publish are made per run.
Each save goes through reversion.create_revision and curation.actions, as an admin save does.
"""

import random
import time
from dataclasses import dataclass

import reversion
from django.contrib.auth import get_user_model
from django.db import transaction
from reversion.models import Revision

from archive.models import Document, Footnote, PublishedVersion, Text
from curation import actions
from curation.corpus.synth import sized_text
from curation.history import content_revisions, latest_content_revision, latest_revision

HUNDRED_REVISIONS = "bench:hundred-revisions"
LONG_DIFF = "bench:long-diff"


@dataclass(frozen=True)
class Actors:
    translator: object
    editor: object


def actors() -> Actors:
    """The corpus's first translator and editor (manage.py generate_corpus makes them)."""
    users = get_user_model().objects
    return Actors(users.get(username="corpus-translator-1"), users.get(username="corpus-editor-1"))


def hundred_revisions(people: Actors) -> Document:
    """A published record saved 100 times: a translation of 10 KB with 20 notes, a paragraph changed each time."""
    document = Document.objects.filter(external_id=HUNDRED_REVISIONS).first()
    if document is not None:
        return document
    rng = random.Random(HUNDRED_REVISIONS)
    document, text = _draft(HUNDRED_REVISIONS, people.translator, rng, size=10_000, notes=20)
    for number in range(1, 100):
        _edit(document, text, people.translator, _reworded(rng, text.body, number), f"Edit {number}.")
    _publish(document, people)
    return document


def long_diff(people: Actors) -> tuple[Document, Revision, Revision]:
    """A record whose 30 KB translation was saved twice, some of its paragraphs reworded in between."""
    document = Document.objects.filter(external_id=LONG_DIFF).first()
    if document is None:
        rng = random.Random(LONG_DIFF)
        document, text = _draft(LONG_DIFF, people.translator, rng, size=30_000, notes=40)
        body = text.body
        for number in range(12):
            body = _reworded(rng, body, number)
        _edit(document, text, people.translator, body, "Revised the translation.")
    first, second = list(content_revisions(document).order_by("pk"))[:2]
    return document, first, second


def records_in_review(people: Actors, count: int) -> list[tuple[Document, Revision]]:
    """`count` new records of a typical size, saved and submitted for review, ready to approve."""
    prefix = f"bench:publish:{time.time_ns()}"
    ready = []
    for number in range(count):
        rng = random.Random(f"{prefix}:{number}")
        document, _text = _draft(f"{prefix}:{number}", people.translator, rng, size=10_000, notes=12)
        actions.submit_for_review(document, actor=people.translator)
        ready.append((document, latest_content_revision(document)))
    return ready


def publish(document: Document, revision: Revision, people: Actors) -> PublishedVersion:
    return actions.approve_revision(document, revision=revision, actor=people.editor)


# --- Saving as the admin does ---------------------------------------------------------------------


def _draft(external_id: str, author, rng: random.Random, *, size: int, notes: int) -> tuple[Document, Text]:
    spec = sized_text(rng, "translation", "en", size=size, notes=notes)
    with transaction.atomic():
        with reversion.create_revision():
            document = Document.objects.create(
                title=f"Benchmark record: {spec.title}",
                external_id=external_id,
                date="1962-10-27",
                summary="A record made by the benchmark harness.",
                original_language="ru",
                created_by=author,
            )
            text = Text.objects.create(document=document, kind="translation", language="en", body=spec.body)
            Footnote.objects.bulk_create(
                Footnote(text=text, number=note.number, kind=note.kind, body=note.body)
                for note in spec.footnotes
            )
            reversion.set_user(author)
            reversion.set_comment("First draft.")
        actions.record_edit(document, actor=author, revision=latest_revision(document))
    return document, text


def _edit(document: Document, text: Text, author, body: str, comment: str) -> None:
    with transaction.atomic():
        with reversion.create_revision():
            text.body = body
            text.save()
            document.save()
            reversion.set_user(author)
            reversion.set_comment(comment)
        actions.record_edit(document, actor=author, revision=latest_revision(document))


def _publish(document: Document, people: Actors) -> None:
    actions.submit_for_review(document, actor=people.translator)
    actions.approve_revision(document, revision=latest_content_revision(document), actor=people.editor)


def _reworded(rng: random.Random, body: str, number: int) -> str:
    """The body with one paragraph's words shuffled: a small edit with markers left where they were."""
    paragraphs = body.split("\n\n")
    position = rng.randrange(len(paragraphs))
    if "[" in paragraphs[position] or paragraphs[position].startswith(("#", "-")):
        paragraphs[position] += f" (Revised, {number}.)"
    else:
        words = paragraphs[position].rstrip(".").split()
        rng.shuffle(words)
        paragraphs[position] = " ".join(words).capitalize() + "."
    return "\n\n".join(paragraphs)
