"""Emails about workflow steps.

Each function renders its messages now and sends them only when the surrounding transaction commits:
a step that rolls back tells nobody anything. Delivery runs as a robust on-commit callback, so a mail
server that is down is logged and never turns an approval that did happen into an error page.
Templates: templates/curation/email/<name>_subject.txt and <name>_body.txt.
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from archive.models import Document, PublishedVersion
from curation.roles import EDITORS


def review_requested(document: Document, *, actor, comment: str) -> None:
    """To every editor: a record has entered review."""
    recipients = _active_with_email(get_user_model().objects.filter(groups__name=EDITORS), actor)
    _send_on_commit("review_requested", recipients, document=document, actor=actor, comment=comment)


def changes_requested(document: Document, *, actor, comment: str) -> None:
    """To the record's translators: an editor returned it with a comment."""
    recipients = _active_with_email(_translators(document), actor)
    _send_on_commit("changes_requested", recipients, document=document, actor=actor, comment=comment)


def published(document: Document, *, version: PublishedVersion) -> None:
    """To the record's translators: a version of it is public."""
    recipients = _active_with_email(_translators(document), version.approved_by)
    _send_on_commit("published", recipients, document=document, version=version)


def _translators(document: Document):
    """Whoever created the record and whoever is assigned to translate it."""
    user_ids = {document.created_by_id, document.assigned_translator_id} - {None}
    return get_user_model().objects.filter(pk__in=user_ids)


def _active_with_email(users, actor) -> list:
    """No mail to inactive accounts, to accounts without an address, or about one's own action."""
    return list(users.filter(is_active=True).exclude(email="").exclude(pk=actor.pk).distinct().order_by("pk"))


def _send_on_commit(template: str, recipients: Iterable, **context) -> None:
    messages = [_message(template, recipient, context) for recipient in recipients]
    if messages:
        # A plain function, not functools.partial: Django logs a failed robust callback by its __qualname__.
        transaction.on_commit(lambda: _deliver(messages), robust=True)


def _message(template: str, recipient, context: dict) -> EmailMessage:
    context = {
        **context,
        "recipient": recipient,
        "archive_name": settings.ARCHIVE_NAME,
        "link": settings.SITE_URL + context["document"].get_absolute_url(),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"curation/email/{template}_subject.txt", context).split())
        body = render_to_string(f"curation/email/{template}_body.txt", context).strip() + "\n"
    return EmailMessage(subject=subject, body=body, to=[recipient.email])


def _deliver(messages: list[EmailMessage]) -> None:
    get_connection().send_messages(messages)
