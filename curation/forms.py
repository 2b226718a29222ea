"""The data-entry forms behind the admin: a document, its texts with their footnotes, credits, files.

Footnotes belong to a text, and Django's admin cannot nest an inline inside an inline. Each text form
therefore carries its own footnote formset (prefix "<text prefix>-footnotes"), rendered under the
text's body. A translator types the body and its notes side by side, adds a note where they wrote a
marker, and every error is reported on the note and the text it belongs to. The alternative, one
footnote list for the whole document with a "which text?" select, cannot hold notes for a text that has
not been saved yet and checks numbering across texts that number their notes separately.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from reversion.models import Revision

from archive.languages import is_known_language, language_choices, normalise_language_code
from archive.models import Attachment, Document, Footnote, Text
from archive.validation import text_label, validate_upload
from curation.history import latest_content_revision

LANGUAGE_LIST_ID = "iso639-languages"
# Footnote numbers stop at 999 (FootnoteForm), so numbers from here on are free while saving.
PARKED_NUMBER = 30000


class DataEntryRenderer(DjangoTemplates):
    """Django's form renderer, with the widget templates a record's form repeats hundreds of times
    written out in Python: inputs, text areas, selects, labels and empty error lists.

    A record with 20 footnotes has some 240 widgets, and the template engine spent 0.2 ms on each
    (half the change form's time). The output is Django's own, character for character
    (tests/curation/test_admin_rendering.py compares them); any other template, or a project's
    override of one of these, goes through the template engine as before.
    """

    INPUT_TEMPLATES = frozenset(
        f"django/forms/widgets/{name}.html" for name in ("input", "text", "number", "hidden", "checkbox")
    )
    OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
    ERROR_LIST_TEMPLATES = frozenset(
        ("django/forms/errors/list/default.html", "django/forms/errors/list/ul.html")
    )

    def render(self, template_name: str, context: dict, request=None) -> str:
        if template_name in self.INPUT_TEMPLATES:
            return _input_html(context["widget"])
        if template_name == "django/forms/widgets/textarea.html":
            return _textarea_html(context["widget"])
        if template_name == "django/forms/widgets/select.html" and _plain_options(context["widget"]):
            return _select_html(context["widget"])
        if template_name == "django/forms/label.html":
            return _label_html(context)
        if template_name in self.ERROR_LIST_TEMPLATES and not context["errors"]:
            return ""
        return super().render(template_name, context, request)


def _shown(value) -> SafeString:
    """`{{ value }}`: local time and number format, then escaped unless already safe."""
    value = localize(template_localtime(value))
    return conditional_escape(value if isinstance(value, str) else str(value))


def _formatted(value) -> SafeString:
    """`{{ value|stringformat:'s' }}`, which widget templates use for values."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    return mark_safe(text) if isinstance(value, SafeData) else escape(text)


def _attrs_html(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: False leaves an attribute out, True writes its bare name."""
    return "".join(
        f" {_shown(name)}" if value is True else f' {_shown(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input_html(widget: dict) -> SafeString:
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return mark_safe(
        f'<input type="{_shown(widget["type"])}" name="{_shown(widget["name"])}"{value}{_attrs_html(widget["attrs"])}>'
    )


def _textarea_html(widget: dict) -> SafeString:
    value = _shown(widget["value"]) if widget["value"] else ""
    return mark_safe(
        f'<textarea name="{_shown(widget["name"])}"{_attrs_html(widget["attrs"])}>\n{value}</textarea>'
    )


def _label_html(context: dict) -> SafeString:
    label = _shown(context["label"])
    if not context["use_tag"]:
        return mark_safe(label.strip())  # as the template renderer strips what it renders
    tag = _shown(context["tag"])
    return mark_safe(f"<{tag}{_attrs_html(context['attrs'] or {})}>{label}</{tag}>")


def _plain_options(widget: dict) -> bool:
    return all(
        option["template_name"] == DataEntryRenderer.OPTION_TEMPLATE
        for _name, options, _index in widget["optgroups"]
        for option in options
    )


def _select_html(widget: dict) -> SafeString:
    parts = [f'<select name="{_shown(widget["name"])}"{_attrs_html(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_shown(group_name)}">')
        parts.extend(
            f'\n  <option value="{_formatted(option["value"])}"{_attrs_html(option["attrs"])}>'
            f"{_shown(option['label'])}</option>\n"
            for option in options
        )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))


DATA_ENTRY_RENDERER = DataEntryRenderer()


class LanguageInput(forms.TextInput):
    """A code field that suggests ISO 639 names from a <datalist> printed once on the page."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(
            {
                "list": LANGUAGE_LIST_ID,
                "size": 8,
                "autocomplete": "off",
                "class": "language-code",
                **(attrs or {}),
            }
        )


class LanguageCodeField(forms.CharField):
    """Accepts any ISO 639 code ("ru", "RUS", "chu") or an English name ("Russian"); stores the short code.

    An unknown value is kept as typed so that the model's validator reports it with examples.
    """

    def widget_attrs(self, widget: forms.Widget) -> dict:
        # The stored code is short, but a name typed to search the suggestions may be long.
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs

    def to_python(self, value: str | None) -> str:
        value = super().to_python(value)
        if is_known_language(value):
            return normalise_language_code(value)
        return _code_for_name(value) or value


def _code_for_name(name: str) -> str | None:
    wanted = name.strip().casefold()
    return next((code for code, label in language_choices() if label.casefold() == wanted), None)


class DocumentForm(forms.ModelForm):
    """The record's own fields, plus the revision the editor started from (see `clean`)."""

    # Workflow actions (submit, assign …) leave revisions too, but change no field of this form: only a
    # newer content revision means that someone else's edits would be overwritten.
    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)

    default_renderer = DATA_ENTRY_RENDERER

    class Meta:
        model = Document
        fields = [
            "title",
            "date",
            "display_date_override",
            "document_type",
            "original_language",
            "original_classification",
            "summary",
            "repository",
            "archival_reference",
            "source_override",
            "rights",
            "external_id",
            "creators",
            "people",
            "places",
            "subjects",
            "collections",
            "donors",
            "related_documents",
        ]
        field_classes = {"original_language": LanguageCodeField}
        widgets = {
            "title": forms.TextInput(attrs={"class": "vLargeTextField", "dir": "auto"}),
            "original_language": LanguageInput,
            "summary": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "rights": forms.Textarea(attrs={"rows": 2}),
            "source_override": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        latest = self._latest_content_revision()
        self.fields["base_revision"].initial = latest.pk if latest else None

    def clean(self) -> dict:
        """Refuse to overwrite changes someone saved after this form was opened (DESIGN.md, "Nothing is lost")."""
        cleaned = super().clean()
        latest = self._latest_content_revision()
        if latest is not None and cleaned.get("base_revision") != latest.pk:
            raise ValidationError(_stale_message(latest), code="stale")
        return cleaned

    def _latest_content_revision(self) -> Revision | None:
        return latest_content_revision(self.instance) if self.instance.pk is not None else None


def _stale_message(revision: Revision) -> str:
    who = (revision.user.get_full_name() or revision.user.get_username()) if revision.user else _("someone")
    return _(
        "%(who)s saved this record at %(when)s, after you opened it (%(comment)s). Your changes have not "
        "been saved, so as not to overwrite theirs: copy what you need, reload the page, and enter your "
        "changes again."
    ) % {
        "who": who,
        "when": localize(template_localtime(revision.date_created)),
        "comment": revision.get_comment() or _("no comment"),
    }


def kept_forms(formset: BaseInlineFormSet) -> list[forms.Form]:
    """The forms whose rows will exist after saving: saved or filled in, not marked for deletion."""
    return [
        form
        for form in formset.forms
        if hasattr(form, "cleaned_data")
        and not formset._should_delete_form(form)
        and (form.instance.pk is not None or form.has_changed())
    ]


class FootnoteForm(forms.ModelForm):
    # Markers have one to three digits (archive.markers): a note numbered 1000 could never be marked.
    number = forms.IntegerField(
        label=capfirst(Footnote._meta.get_field("number").verbose_name),
        min_value=1,
        max_value=999,
        widget=forms.NumberInput(attrs={"class": "footnote-number", "size": 4}),
    )

    class Meta:
        model = Footnote
        fields = ["number", "kind", "body"]
        widgets = {
            "kind": forms.Select(attrs={"class": "footnote-kind"}),
            "body": forms.Textarea(attrs={"class": "footnote-body", "rows": 2, "dir": "auto"}),
        }


class FootnoteFormSet(BaseInlineFormSet):
    """The notes of one text: numbers unique within the text, said on the note that repeats one."""

    def clean(self) -> None:
        seen: set[int] = set()
        for form in kept_forms(self):
            number = form.cleaned_data.get("number")
            if number in seen:
                form.add_error(
                    "number",
                    ValidationError(
                        _(
                            "Footnote [%(number)d] is already used in this text; give this note another number."
                        ),
                        code="duplicate_number",
                        params={"number": number},
                    ),
                )
            elif number is not None:
                seen.add(number)
        if not any(form.errors for form in self.forms):
            super().clean()

    def save_existing_objects(self, commit: bool = True) -> list[Footnote]:
        # Notes renumbered or deleted in one save ([2] becomes [3] while [3] becomes [4]) would
        # collide with the unique (text, number) constraint mid-way: park them out of the way first.
        if commit:
            for index, form in enumerate(self.initial_forms):
                if self._should_delete_form(form) or "number" in form.changed_data:
                    Footnote.objects.filter(pk=form.instance.pk).update(number=PARKED_NUMBER + index)
        return super().save_existing_objects(commit)


FootnoteFormSetFactory = inlineformset_factory(
    Text,
    Footnote,
    form=FootnoteForm,
    formset=FootnoteFormSet,
    extra=1,
    can_delete=True,
    renderer=DATA_ENTRY_RENDERER,
)


class TextForm(forms.ModelForm):
    """One text and, nested in it, the formset of its footnotes (saved with it, validated with it)."""

    class Meta:
        model = Text
        fields = ["kind", "language", "title", "body", "order"]
        field_classes = {"language": LanguageCodeField}
        widgets = {
            "language": LanguageInput,
            "title": forms.TextInput(attrs={"class": "vLargeTextField", "dir": "auto"}),
            "body": forms.Textarea(attrs={"class": "text-body", "rows": 16, "dir": "auto"}),
            "order": forms.NumberInput(attrs={"size": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.footnotes = FootnoteFormSetFactory(
            data=self.data if self.is_bound else None,
            files=self.files if self.is_bound else None,
            instance=self.instance,
            prefix=f"{self.prefix}-footnotes",
        )

    @cached_property
    def changed_data(self) -> list[str]:
        # A text whose notes changed is a changed text: the formset then saves it, and the revision
        # comment says "Changed footnotes for text …".
        changed = list(super().changed_data)
        if self.is_bound and self.footnotes.has_changed():
            changed.append(str(Footnote._meta.verbose_name_plural))
        return changed

    def has_changed(self) -> bool:
        # A new text with nothing written in it is left out, even if its kind or language were set
        # (the script fills in the original's language from the record's).
        if self.instance.pk is None and not self._has_writing():
            return False
        return super().has_changed()

    def _has_writing(self) -> bool:
        typed = (str(self[name].value() or "").strip() for name in ("title", "body"))
        return any(typed) or (self.is_bound and self.footnotes.has_changed())

    def full_clean(self) -> None:
        super().full_clean()
        if (
            not self.is_bound
            or (self.empty_permitted and not self.has_changed())
            or self._marked_for_deletion()
        ):
            return
        if not self.footnotes.is_valid():
            self.add_error(
                None,
                ValidationError(
                    _("Some footnotes of this text need correcting (see below)."), code="footnotes"
                ),
            )

    def _marked_for_deletion(self) -> bool:
        return bool(getattr(self, "cleaned_data", {}).get(forms.formsets.DELETION_FIELD_NAME))

    def _save_m2m(self) -> None:
        # Called by save(commit=True) and by the formset's save_m2m() alike: the text exists by now.
        super()._save_m2m()
        self.footnotes.instance = self.instance
        self.footnotes.save()


class TextFormSet(BaseInlineFormSet):
    """A document's texts: at most one of each kind in each language."""

    def clean(self) -> None:
        seen: set[tuple[str, str]] = set()
        for form in kept_forms(self):
            data = form.cleaned_data
            if not data.get("language"):
                continue
            key = (data.get("kind"), data["language"])
            if key in seen:
                form.add_error(
                    "language",
                    ValidationError(
                        _(
                            "This document already has a text “%(text)s”: each kind appears once per language."
                        ),
                        code="duplicate_text",
                        params={"text": str(form.instance)},
                    ),
                )
            seen.add(key)
        if not any(form.errors for form in self.forms):
            super().clean()


class ContributionFormSet(BaseInlineFormSet):
    """Credits: a person is named once per role."""

    def clean(self) -> None:
        seen: set[tuple[int, str]] = set()
        for form in kept_forms(self):
            data = form.cleaned_data
            if not data.get("person"):
                continue
            key = (data["person"].pk, data.get("role"))
            if key in seen:
                form.add_error(
                    "role",
                    ValidationError(
                        _("%(person)s is already credited as “%(role)s”."),
                        code="duplicate_credit",
                        params={"person": data["person"], "role": form.instance.get_role_display()},
                    ),
                )
            seen.add(key)
        if not any(form.errors for form in self.forms):
            super().clean()


class AttachmentForm(forms.ModelForm):
    """A scan, PDF or image, accepted by what its bytes are rather than what its name says."""

    KIND_TYPES = {
        Attachment.Kind.PDF: {"application/pdf"},
        Attachment.Kind.IMAGE: {"image/png", "image/jpeg", "image/tiff", "image/webp"},
    }

    class Meta:
        model = Attachment
        fields = ["order", "kind", "file", "caption"]
        widgets = {"order": forms.NumberInput(attrs={"size": 3})}

    def clean(self) -> dict:
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None or "file" not in self.changed_data:
            return cleaned
        try:
            content_type = validate_upload(upload)
        except ValidationError as error:
            self.add_error("file", error)
            return cleaned
        kind = cleaned.get("kind")
        if kind in self.KIND_TYPES and content_type not in self.KIND_TYPES[kind]:
            self.add_error(
                "kind",
                ValidationError(
                    _("You chose “%(kind)s” but “%(name)s” is %(type)s."),
                    code="kind_mismatch",
                    params={"kind": Attachment.Kind(kind).label, "name": upload.name, "type": content_type},
                ),
            )
        # A replaced file gets a new checksum and type (Attachment.save computes a missing checksum).
        self.instance.content_type = content_type
        self.instance.checksum = ""
        return cleaned


@dataclass(frozen=True)
class ErrorItem:
    """One line of the summary above the form: where the problem is, what it is, and a link to the field."""

    where: str
    message: str
    anchor: str = ""


def error_summary(form: forms.BaseForm, formsets: list[BaseInlineFormSet]) -> list[ErrorItem]:
    """Every error of the document form, its inlines and the texts' footnotes, each with its place."""
    if not form.is_bound:
        return []
    items = _form_errors(form, capfirst(Document._meta.verbose_name))
    for formset in formsets:
        noun = capfirst(formset.model._meta.verbose_name_plural)
        items += [ErrorItem(str(noun), message) for message in formset.non_form_errors()]
        for index, inline_form in enumerate(formset.forms):
            where = _row_name(inline_form, index)
            items += _form_errors(inline_form, where, skip_code="footnotes")
            if inline_form.has_error(NON_FIELD_ERRORS, "footnotes"):
                items += _footnote_errors(inline_form.footnotes, where)
    return items


def _row_name(form: forms.ModelForm, index: int) -> str:
    instance = form.instance
    if isinstance(instance, Text) and instance.language:
        return text_label(instance)  # "Translation (English)", saved or not
    if instance.pk is not None:
        return f"{capfirst(instance._meta.verbose_name)} “{instance}”"
    return f"{capfirst(instance._meta.verbose_name)} #{index + 1}"


def _footnote_errors(formset: BaseInlineFormSet, text_name: str) -> list[ErrorItem]:
    items = [ErrorItem(text_name, message) for message in formset.non_form_errors()]
    for index, form in enumerate(formset.forms):
        number = form["number"].value()  # as typed: a refused number has left cleaned_data
        label = f"[{number}]" if number not in (None, "") else f"#{index + 1}"
        items += _form_errors(form, _("%(text)s, footnote %(label)s") % {"text": text_name, "label": label})
    return items


def _form_errors(form: forms.BaseForm, where: str, skip_code: str = "") -> list[ErrorItem]:
    items = []
    for name, errors in form.errors.as_data().items():
        field = form.fields.get(name)
        place = f"{where}, {field.label}" if field is not None and field.label else where
        anchor = form[name].id_for_label if field is not None and not field.widget.is_hidden else ""
        for error in errors:
            if error.code == skip_code and skip_code:
                continue
            items.extend(ErrorItem(place, message, anchor) for message in error.messages)
    return items
