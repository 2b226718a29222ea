"""The data-entry renderer (curation.forms.DataEntryRenderer) writes the widgets Django's templates write.

It renders inputs, text areas, selects labels and empty error lists in Python because a record's change form
has hundreds of them; these tests hold it to Django's own output, character for character, for the
awkward values (markup, quotes, True/False attributes, option groups, lazy and safe strings, numbers)
and for a whole change form.
"""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from curation.forms import DATA_ENTRY_RENDERER, DataEntryRenderer
from tests.curation.records import make_record
from tests.factories import FootnoteFactory, TextFactory

DJANGO_RENDERER = DjangoTemplates()


class Awkward(forms.Form):
    text = forms.CharField(
        widget=forms.TextInput(attrs={"data-on": True, "data-off": False, "title": '<a "b">'})
    )
    number = forms.IntegerField(widget=forms.NumberInput(attrs={"size": 4}))
    hidden = forms.CharField(widget=forms.HiddenInput)
    ticked = forms.BooleanField(required=False)
    body = forms.CharField(widget=forms.Textarea(attrs={"dir": "auto"}))
    empty_body = forms.CharField(required=False, widget=forms.Textarea)
    kind = forms.ChoiceField(
        choices=[
            ("", "---------"),
            ("a&b", gettext_lazy("Translator’s note")),
            (gettext_lazy("Group <1>"), [(1, "one"), (1000, mark_safe("<b>safe</b>"))]),
        ]
    )
    kinds = forms.MultipleChoiceField(choices=[("x", "X"), ("y", "Y")])
    radio = forms.ChoiceField(choices=[("r", "R")], widget=forms.RadioSelect)


AWKWARD_DATA = {
    "text": 'he said "<b>hi</b>" & left',
    "number": "12",
    "hidden": "'quoted'",
    "ticked": "on",
    "body": "line one\n<script>alert(1)</script>",
    "kind": "1000",
    "kinds": ["x", "y"],
}


def rendered_fields(form_class, renderer, **kwargs) -> list[str]:
    form = form_class(renderer=renderer, **kwargs)
    return [
        str(field)
        + str(field.errors)
        + field.label_tag()
        + field.label_tag(attrs={"class": "<x>"}, tag="legend")
        for field in form
    ]


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"data": AWKWARD_DATA},
        {"data": {}},
        {"initial": {"number": 1234567, "ticked": True}},
        {"auto_id": False},
    ],
)
@pytest.mark.parametrize("language", ["en", "de"])
def test_every_widget_is_written_as_django_writes_it(kwargs, language):
    with override(language):
        assert rendered_fields(Awkward, DATA_ENTRY_RENDERER, **kwargs) == rendered_fields(
            Awkward, DJANGO_RENDERER, **kwargs
        )


def test_other_templates_go_through_the_template_engine():
    form = Awkward(renderer=DATA_ENTRY_RENDERER)
    assert str(form["radio"]) == str(Awkward(renderer=DJANGO_RENDERER)["radio"])
    assert 'type="radio"' in str(form["radio"])


@pytest.mark.django_db
def test_the_change_form_is_the_page_django_renders(client, editor, translator, monkeypatch):
    document = make_record("draft", translator=translator, editor=editor)
    text = TextFactory(document=document, kind="original", language="ru", body="Текст.[1] [2]")
    FootnoteFactory(text=text, number=1, body="A <note> & more")
    FootnoteFactory(text=text, number=2)
    client.force_login(editor)
    url = reverse("admin:archive_document_change", args=[document.pk])

    def page() -> str:
        html = client.get(url).content.decode()
        # Each request has its own CSRF token.
        return "\n".join(line for line in html.splitlines() if "csrfmiddlewaretoken" not in line)

    fast = page()
    monkeypatch.setattr(DataEntryRenderer, "render", DjangoTemplates.render)
    assert fast == page()
    assert 'name="texts-0-footnotes-1-body"' in fast
