"""One nested write of a record (its fields, texts, footnotes, provenance and credits) through the
admin's own forms.

The JSON body is turned into the data the admin's change form would post, and bound to the same form
classes (curation.forms, and the inlines' field lists in curation.admin), so the API accepts, refuses,
normalises ("Russian" becomes "ru") and words its messages exactly as the admin does, and the admin's
check against overwriting a newer revision runs unchanged. Errors come back keyed by their place in
the body: "texts[0].footnotes[1].body".

Rows are matched with what the record has by the keys the revision diff uses (curation.diff): a text
by kind and language, a footnote by number, a credit by person and role, a provenance event by
position. A matched row is updated in place, a row the body leaves out is deleted, and anything else
is added, so a revision's diff shows what really changed.
"""

import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import construct_change_message
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model
from django.forms import BaseForm
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext as _

from archive.models import Contribution, Document, Person, ProvenanceEvent, Text
from curation.admin import ContributionInline, ProvenanceEventInline, footnote_changes
from curation.forms import (
    ContributionFormSet,
    DocumentForm,
    FootnoteForm,
    LanguageCodeField,
    TextForm,
    TextFormSet,
)


class RequestedTextForm(TextForm):
    """A text the body names is saved even with nothing written in it yet: the admin leaves out an
    empty new text only because its page always offers blank ones."""

    def has_changed(self) -> bool:
        return self.instance.pk is None or super().has_changed()


# The admin's inlines, as formsets of the same forms and fields (curation.admin).
TextForms = inlineformset_factory(
    Document,
    Text,
    form=RequestedTextForm,
    formset=TextFormSet,
    fields=TextForm.Meta.fields,
    extra=0,
    can_delete=True,
)
ProvenanceForms = inlineformset_factory(
    Document, ProvenanceEvent, fields=ProvenanceEventInline.fields, extra=0, can_delete=True
)
CreditForms = inlineformset_factory(
    Document,
    Contribution,
    formset=ContributionFormSet,
    fields=ContributionInline.fields,
    extra=0,
    can_delete=True,
)

# Where the errors about the request as a whole go (archive.api.problems.flatten_errors).
NON_FIELD = "non_field_errors"
# A row the body names is validated even if all its values are the defaults: in the admin an untouched
# extra row is skipped, but in a request body nothing is there by accident.
STRICT_ROWS = {"empty_permitted": False}


@dataclass(frozen=True)
class Row:
    """One form of a formset: the saved row it edits or deletes (if any) and what the body asks for."""

    instance: Model | None
    values: dict | None  # None: delete the saved row
    index: int | None  # the row's position in the body's list


@dataclass
class RecordWrite:
    """The admin's forms for one record, bound to what the body asks for."""

    document_form: DocumentForm
    texts: BaseInlineFormSet
    provenance: BaseInlineFormSet
    credits: BaseInlineFormSet
    rows: dict[str, list[Row]]
    footnote_rows: dict[int, list[Row]]  # by the text form's position in its formset
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def formsets(self) -> list[BaseInlineFormSet]:
        return [self.texts, self.provenance, self.credits]

    def is_stale(self) -> bool:
        return self.document_form.has_error(NON_FIELD_ERRORS, "stale")

    def stale_message(self) -> str:
        return " ".join(self.document_form.non_field_errors())


def bind(body: dict, *, document: Document | None, user, base_revision: int | None) -> RecordWrite:
    """The admin's forms bound to `body` (validated for shape by CurationDocumentWriteSerializer).

    `base_revision` is the content revision the client last saw (from If-Match); DocumentForm refuses
    the save if the record has a newer one. People credited by name are looked up, or added if the
    user may add people, before the forms see them; the caller's transaction undoes that if the
    write is refused.
    """
    person_errors = _resolve_people(body["credits"], user)
    saved = document if document is not None and document.pk is not None else None
    data: dict = {name: _form_value(body.get(name)) for name in DocumentForm.Meta.fields}
    data["base_revision"] = "" if base_revision is None else str(base_revision)

    text_rows = _match(
        list(saved.texts.all()) if saved else [],
        body["texts"],
        saved_key=lambda text: (text.kind, text.language),
        wanted_key=lambda text: (text["kind"], _language_key(text["language"])),
    )
    _formset_data(data, "texts", text_rows, TextForm.Meta.fields)
    footnote_rows = {}
    for position, row in enumerate(text_rows):
        footnote_rows[position] = _footnote_rows(row)
        _formset_data(data, f"texts-{position}-footnotes", footnote_rows[position], FootnoteForm.Meta.fields)

    events = list(saved.provenance_events.all()) if saved else []
    provenance_rows = _match_by_position(events, body["provenance"])
    _formset_data(data, "provenance", provenance_rows, ProvenanceEventInline.fields)

    credit_rows = _match(
        list(saved.contributions.all()) if saved else [],
        body["credits"],
        saved_key=lambda credit: (credit.person_id, credit.role),
        wanted_key=lambda credit: (credit.get("person"), credit["role"]),
    )
    _formset_data(data, "credits", credit_rows, ContributionInline.fields)

    document_form = DocumentForm(data, instance=document or Document())
    instance = document_form.instance
    texts = TextForms(data, instance=instance, prefix="texts", form_kwargs=STRICT_ROWS)
    for text_form in texts.forms:
        text_form.footnotes.form_kwargs = STRICT_ROWS
    write = RecordWrite(
        document_form=document_form,
        texts=texts,
        provenance=ProvenanceForms(data, instance=instance, prefix="provenance", form_kwargs=STRICT_ROWS),
        credits=CreditForms(data, instance=instance, prefix="credits", form_kwargs=STRICT_ROWS),
        rows={"texts": text_rows, "provenance": provenance_rows, "credits": credit_rows},
        footnote_rows=footnote_rows,
    )
    write.errors = _validate(write, person_errors)
    return write


def save(write: RecordWrite, *, user) -> tuple[Document, str]:
    """Save a valid write as the admin saves its change form; returns the record and what changed.

    The caller wraps this in reversion.create_revision() and then calls actions.record_edit.
    """
    form = write.document_form
    adding = form.instance.pk is None
    document = form.save(commit=False)
    if adding:
        document.created_by = user
    document.save()
    form.save_m2m()
    for formset in write.formsets:
        formset.instance = document
        formset.save()
    message = construct_change_message(form, write.formsets, adding) + footnote_changes(write.formsets)
    return document, LogEntry(change_message=json.dumps(message)).get_change_message()


# --- From JSON to form data -----------------------------------------------------------------------


def _form_value(value) -> str | list[str]:
    if value is None:
        return ""
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value)


def _language_key(value: str) -> str:
    # As the form will store it: "Russian" and "RUS" both name the text "ru".
    return LanguageCodeField(required=False).to_python(value)


def _match(
    saved: list[Model],
    wanted: list[dict],
    *,
    saved_key: Callable[[Model], Hashable],
    wanted_key: Callable[[dict], Hashable],
) -> list[Row]:
    """Saved rows first (the formset's initial forms), each with the body's row of the same key or
    marked for deletion; then the body's rows that match nothing saved, as new rows."""
    unclaimed: dict = {}
    for instance in saved:
        unclaimed.setdefault(saved_key(instance), instance)
    claimed: dict[int, int] = {}  # instance pk -> index in the body
    for index, values in enumerate(wanted):
        instance = unclaimed.pop(wanted_key(values), None)
        if instance is not None:
            claimed[instance.pk] = index
    rows = [
        Row(instance, wanted[claimed[instance.pk]], claimed[instance.pk])
        if instance.pk in claimed
        else Row(instance, None, None)
        for instance in saved
    ]
    matched = set(claimed.values())
    return rows + [Row(None, values, index) for index, values in enumerate(wanted) if index not in matched]


def _match_by_position(saved: list[Model], wanted: list[dict]) -> list[Row]:
    rows = [
        Row(instance, wanted[index], index) if index < len(wanted) else Row(instance, None, None)
        for index, instance in enumerate(saved)
    ]
    return rows + [Row(None, wanted[index], index) for index in range(len(saved), len(wanted))]


def _footnote_rows(text_row: Row) -> list[Row]:
    if text_row.values is None:
        return []
    saved = list(text_row.instance.footnotes.all()) if text_row.instance is not None else []
    return _match(
        saved,
        text_row.values["footnotes"],
        saved_key=lambda note: note.number,
        wanted_key=lambda note: note.get("number"),
    )


def _formset_data(data: dict, prefix: str, rows: list[Row], fields: list[str]) -> None:
    """The management form and one form per row, as the admin's page would post them."""
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    data[f"{prefix}-INITIAL_FORMS"] = str(sum(1 for row in rows if row.instance is not None))
    data[f"{prefix}-MIN_NUM_FORMS"] = "0"
    data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    for position, row in enumerate(rows):
        form_prefix = f"{prefix}-{position}"
        if row.instance is not None:
            data[f"{form_prefix}-id"] = str(row.instance.pk)
        if row.values is None:
            data[f"{form_prefix}-DELETE"] = "on"
            continue
        for name in fields:
            data[f"{form_prefix}-{name}"] = _form_value(row.values.get(name))


def _resolve_people(credits: list[dict], user) -> dict[str, list[str]]:
    """Give each credit that names a person (and no id) the id of that person, found or added."""
    errors: dict[str, list[str]] = {}
    for index, credit in enumerate(credits):
        name = (credit.get("person_name") or "").strip()
        if credit.get("person") is not None or not name:
            continue
        person = Person.objects.filter(name__iexact=name).order_by("pk").first()
        if person is None:
            try:
                person = _added_person(name, user)
            except ValidationError as error:
                errors[f"credits[{index}].person_name"] = error.messages
                continue
        credit["person"] = person.pk
    return errors


def _added_person(name: str, user) -> Person:
    if not user.has_perm("archive.add_person"):
        raise ValidationError(
            _(
                "No person named “%(name)s” is in the archive, and you may not add people: give the id "
                "of a person who is, or ask an editor to add them."
            ),
            params={"name": name},
        )
    person = Person(name=name)
    try:
        person.full_clean()
    except ValidationError as error:
        raise ValidationError(error.message_dict.get("name", error.messages)) from None
    person.save()
    return person


# --- From form errors to paths in the body --------------------------------------------------------


def _validate(write: RecordWrite, person_errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """Validate every form (all of them, so that every error is reported) and key the errors by path."""
    errors: dict[str, list[str]] = {}
    _form_errors(errors, write.document_form, "")
    for name, formset in (
        ("texts", write.texts),
        ("provenance", write.provenance),
        ("credits", write.credits),
    ):
        _formset_errors(errors, formset, name, write.rows[name])
    for position, (text_form, row) in enumerate(zip(write.texts.forms, write.rows["texts"], strict=True)):
        if row.values is not None:
            path = f"texts[{row.index}].footnotes"
            _formset_errors(errors, text_form.footnotes, path, write.footnote_rows[position])
    for path, messages in person_errors.items():
        # The form's "this field is required" about the id says less than why the name found nobody.
        errors.pop(path.removesuffix("_name"), None)
        errors[path] = messages
    return errors


def _formset_errors(errors: dict, formset: BaseInlineFormSet, path: str, rows: list[Row]) -> None:
    formset.is_valid()
    _add(errors, path, list(formset.non_form_errors()))
    for form, row in zip(formset.forms, rows, strict=True):
        if row.values is not None:
            # A text's "some footnotes need correcting" is said precisely on each footnote.
            _form_errors(errors, form, f"{path}[{row.index}]", skip_code="footnotes")


def _form_errors(errors: dict, form: BaseForm, prefix: str, skip_code: str = "") -> None:
    for name, items in form.errors.as_data().items():
        path = prefix if name == NON_FIELD_ERRORS else _join(prefix, name)
        for error in items:
            if not (skip_code and error.code == skip_code):
                _add(errors, path, error.messages)


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _add(errors: dict, path: str, messages: list[str]) -> None:
    if messages:
        errors.setdefault(path or NON_FIELD, []).extend(messages)
