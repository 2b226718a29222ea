"""The small forms of the review pages: request changes, approve, revert, submit, assign.

They only carry what the editor typed to curation/actions.py. The rules (a comment is required, a
change note from version 2 on, a stale revision is refused …) live in the actions, which raise
WorkflowError with a precise message; `show_refusal` puts that message on the form, on the field it
is about where there is one.
"""

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive.models import Document
from curation.exceptions import CommentRequired, WorkflowError
from curation.forms import DATA_ENTRY_RENDERER
from curation.roles import EDITORS, TRANSLATORS


class RequestChangesForm(forms.Form):
    comment = forms.CharField(
        label=_("What needs to change"),
        required=False,  # the action requires it, and says why (see the module docstring)
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("The translator sees this comment with the record."),
    )
    comment_field = "comment"


class ApproveForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Public change note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Readers see it with the version. Required from version 2 on: say what changed."),
    )
    publish_at = forms.DateTimeField(
        label=_("Go live at"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty to publish now. The time is in the archive's time zone."),
    )
    comment_field = "note"

    def clean_publish_at(self) -> dt.datetime | None:
        value = self.cleaned_data.get("publish_at")
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value


class RevertForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Why"), required=False, widget=forms.TextInput(attrs={"size": 40}))
    comment_field = "comment"


class SubmitForm(forms.Form):
    comment = forms.CharField(
        label=_("Note to the editors"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    comment_field = "comment"


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.get_username()


class AssignForm(forms.Form):
    """Who translates the record and who reviews it; "nobody" clears an assignment.

    Offers the active members of each role, and the current assignee even if they no longer are one,
    so that opening and sending the form unchanged never fails on a choice that vanished.
    """

    # Shown on every change form an editor opens: its selects are written without the template engine.
    default_renderer = DATA_ENTRY_RENDERER

    translator = UserChoiceField(
        label=_("Translator"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("— nobody —"),
    )
    reviewer = UserChoiceField(
        label=_("Reviewer"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("— nobody —"),
    )
    back = forms.ChoiceField(choices=[("change", "change"), ("review", "review")], widget=forms.HiddenInput)

    # form field -> the Document field it assigns (and curation.actions.assign's argument)
    assignments = {"translator": "assigned_translator", "reviewer": "reviewer"}

    def __init__(self, *args, document: Document, **kwargs) -> None:
        initial = {"translator": document.assigned_translator_id, "reviewer": document.reviewer_id}
        super().__init__(*args, initial={**initial, **kwargs.pop("initial", {})}, **kwargs)
        self.document = document
        self.fields["translator"].queryset = _members(TRANSLATORS, document.assigned_translator_id)
        self.fields["reviewer"].queryset = _members(EDITORS, document.reviewer_id)

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors and not self.changes():
            raise forms.ValidationError(
                _(
                    "These are already the record's translator and reviewer: choose someone else to change them."
                ),
                code="unchanged",
            )
        return cleaned

    def changes(self) -> dict:
        """The assignments that differ from the record's, as keyword arguments of actions.assign."""
        return {
            name: self.cleaned_data[name]
            for name, field in self.assignments.items()
            if getattr(self.cleaned_data.get(name), "pk", None) != getattr(self.document, f"{field}_id")
        }


def _members(group: str, current_id: int | None) -> QuerySet:
    users = get_user_model().objects.filter(Q(is_active=True, groups__name=group) | Q(pk=current_id))
    return users.distinct().order_by("first_name", "last_name", "username")


def show_refusal(form: forms.Form, refusal: WorkflowError) -> None:
    """Put an action's refusal on the form: a missing comment on its field, anything else on top."""
    field = form.comment_field if isinstance(refusal, CommentRequired) else None
    form.add_error(field, refusal)
