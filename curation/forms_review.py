"""The small forms of the review pages: request changes, approve, revert, submit.

They only carry what the editor typed to curation/actions.py. The rules (a comment is required, a
change note from version 2 on, a stale revision is refused …) live in the actions, which raise
WorkflowError with a precise message; `show_refusal` puts that message on the form, on the field it
is about where there is one.
"""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from curation.exceptions import CommentRequired, WorkflowError


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


def show_refusal(form: forms.Form, refusal: WorkflowError) -> None:
    """Put an action's refusal on the form: a missing comment on its field, anything else on top."""
    field = form.comment_field if isinstance(refusal, CommentRequired) else None
    form.add_error(field, refusal)
