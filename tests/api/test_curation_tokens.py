"""Personal API tokens: stored hashed, refused when wrong, expired or revoked (with a 401 that says
which), last use noted at most once a minute; created, named and revoked in the admin by their owner,
all of them visible to administrators; created from the command line for scripts."""

import datetime as dt
import hashlib
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from curation.models import ApiToken

LIST = "/api/v1/curation/documents/"
ADMIN = "/admin/curation/apitoken/"


def issue(user, **fields) -> tuple[ApiToken, str]:
    token = ApiToken(user=user, name=fields.pop("name", "laptop"), **fields)
    key = token.set_new_key()
    token.save()
    return token, key


def call(client, key: str, scheme: str = "Bearer"):
    return client.get(LIST, HTTP_AUTHORIZATION=f"{scheme} {key}")


# --- At rest --------------------------------------------------------------------------------------


def test_only_a_hash_of_the_key_is_stored(translator):
    token, key = issue(translator)

    token.refresh_from_db()
    assert token.secret_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:8]
    stored = [str(value) for value in ApiToken.objects.values_list(flat=False).get()]
    assert key not in stored
    assert len(key) >= 43  # secrets.token_urlsafe(32)


def test_a_new_token_lasts_ninety_days_unless_told_otherwise(translator):
    token, _key = issue(translator)

    assert dt.timedelta(days=89) < token.expires_at - timezone.now() <= dt.timedelta(days=90)


@pytest.mark.parametrize(
    ("days", "message"),
    [(366, "A token may last at most 365 days"), (-1, "Choose a time in the future.")],
)
def test_a_token_lasts_at_most_a_year_and_expires_in_the_future(translator, days, message):
    token = ApiToken(user=translator, name="long", expires_at=timezone.now() + dt.timedelta(days=days))
    token.set_new_key()

    with pytest.raises(ValidationError) as refusal:
        token.full_clean()

    assert message in refusal.value.message_dict["expires_at"][0]


# --- Authenticating -------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["Bearer", "Token", "bearer"])
def test_a_valid_token_acts_as_its_user(client_as, translator, curation_record, scheme):
    mine = curation_record("draft")
    _token, key = issue(translator)

    response = call(client_as(None), key, scheme)

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"expires_at": dt.datetime(2020, 1, 1, tzinfo=dt.UTC)},
            "This API token expired on 1 Jan 2020 00:00",
        ),
        (
            {"revoked_at": dt.datetime(2020, 1, 1, tzinfo=dt.UTC)},
            "This API token was revoked on 1 Jan 2020 00:00",
        ),
    ],
)
def test_an_expired_or_revoked_token_is_refused_and_says_so(client_as, translator, change, message):
    token, key = issue(translator)
    ApiToken.objects.filter(pk=token.pk).update(**change)

    response = call(client_as(None), key)

    assert response.status_code == 401
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json()["detail"].startswith(message)
    assert "create a new one in the admin" in response.json()["detail"]


@pytest.mark.parametrize(
    "header",
    [
        "Bearer not-a-key-we-issued",
        "Bearer",
        "Bearer two parts",
        "Token " + "x" * 300,
    ],
)
def test_a_wrong_token_is_refused_not_taken_for_anonymous(client_as, translator, header):
    issue(translator)

    response = client_as(None).get(LIST, HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_key_with_the_right_prefix_and_the_wrong_rest_is_refused(client_as, translator):
    _token, key = issue(translator)

    response = call(client_as(None), key[:8] + "A" * (len(key) - 8))

    assert response.status_code == 401
    assert response.json()["detail"].startswith("This API token is not valid")


def test_the_token_of_a_disabled_account_is_refused(client_as, translator):
    _token, key = issue(translator)
    translator.is_active = False
    translator.save()

    response = call(client_as(None), key)

    assert response.status_code == 401
    assert response.json()["detail"] == "The account this API token belongs to is disabled."


def test_last_use_is_written_at_most_once_a_minute(client_as, translator):
    token, key = issue(translator)
    client = client_as(None)

    call(client, key)
    token.refresh_from_db()
    first = token.last_used_at
    call(client, key)
    token.refresh_from_db()
    assert token.last_used_at == first is not None

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(minutes=2))
    call(client, key)
    token.refresh_from_db()
    assert token.last_used_at > first


def test_a_token_does_not_need_csrf_as_a_session_does(client_as, translator, draft_body):
    _token, key = issue(translator)
    client = client_as(None)
    client.handler.enforce_csrf_checks = True

    response = client.post(LIST, draft_body(), format="json", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 201


def test_a_session_works_for_the_browsable_api(client, translator):
    client.force_login(translator)

    response = client.get(LIST, HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b"Document List" in response.content


# --- In the admin ---------------------------------------------------------------------------------


def test_a_translator_creates_a_token_and_sees_its_key_once(client, translator):
    client.force_login(translator)
    expires = (timezone.localtime() + dt.timedelta(days=30)).replace(microsecond=0)

    response = client.post(
        f"{ADMIN}add/",
        {
            "name": "translation tool",
            "expires_at_0": expires.date().isoformat(),
            "expires_at_1": expires.time().isoformat(),
        },
    )

    assert response.status_code == 200
    token = ApiToken.objects.get()
    key = response.context["key"]
    assert (token.user, token.name, token.expires_at) == (translator, "translation tool", expires)
    assert token.secret_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key.encode() in response.content
    assert key.encode() not in client.get(f"{ADMIN}{token.pk}/change/").content
    assert key.encode() not in client.get(ADMIN).content


def test_the_admin_refuses_a_token_that_lasts_more_than_a_year(client, translator):
    client.force_login(translator)
    too_late = timezone.localtime() + dt.timedelta(days=400)

    response = client.post(
        f"{ADMIN}add/",
        {"name": "forever", "expires_at_0": too_late.date().isoformat(), "expires_at_1": "10:00:00"},
    )

    assert "A token may last at most 365 days" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_each_user_sees_and_revokes_only_their_own_tokens(client, translator, other_translator):
    mine, _key = issue(translator, name="mine")
    theirs, _key = issue(other_translator, name="theirs")
    client.force_login(translator)

    listing = client.get(ADMIN).content.decode()
    assert "mine" in listing and "theirs" not in listing
    # The admin redirects to its index with "does not exist", as for any object one may not see.
    assert client.get(f"{ADMIN}{theirs.pk}/change/").status_code == 302

    response = client.post(f"{ADMIN}{mine.pk}/change/", {"name": "mine", "revoke": "on"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.is_revoked


def test_the_revoke_action_revokes_only_what_the_user_may_see(client, translator, other_translator):
    mine, _key = issue(translator, name="mine")
    theirs, _key = issue(other_translator, name="theirs")
    client.force_login(translator)

    client.post(ADMIN, {"action": "revoke_selected", "_selected_action": [mine.pk, theirs.pk]})

    mine.refresh_from_db(), theirs.refresh_from_db()
    assert mine.is_revoked and not theirs.is_revoked


def test_administrators_see_every_token(client, administrator, translator, other_translator):
    issue(translator, name="tanya's laptop")
    issue(other_translator, name="oleg's script")
    client.force_login(administrator)

    listing = client.get(ADMIN).content.decode()

    assert "tanya&#x27;s laptop" in listing and "oleg&#x27;s script" in listing


def test_tokens_are_revoked_never_deleted(client, translator):
    token, _key = issue(translator)
    client.force_login(translator)

    client.post(f"{ADMIN}{token.pk}/delete/", {"post": "yes"})

    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_an_account_without_a_role_has_no_tokens_page(client, outsider):
    outsider.is_staff = True
    outsider.save()
    client.force_login(outsider)

    assert client.get(ADMIN).status_code == 403


# --- From the command line ------------------------------------------------------------------------


def test_the_command_prints_a_key_that_works(client_as, translator):
    out, err = StringIO(), StringIO()

    call_command("create_api_token", user="tanya", name="import script", days=7, stdout=out, stderr=err)

    key = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert (token.user, token.name) == (translator, "import script")
    assert dt.timedelta(days=6) < token.expires_at - timezone.now() <= dt.timedelta(days=7)
    assert "valid until" in err.getvalue()
    assert call(client_as(None), key).status_code == 200


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"user": "nobody"}, 'There is no user "nobody".'),
        ({"user": "olga"}, '"olga" is not an active translator, editor or administrator.'),
        ({"user": "tanya", "days": 400}, "--days must be between 1 and 365."),
        ({"user": "tanya", "days": 0}, "--days must be between 1 and 365."),
    ],
)
def test_the_command_refuses_what_it_cannot_do(translator, outsider, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_api_token", name="x", **options, stdout=StringIO(), stderr=StringIO())
    assert not ApiToken.objects.exists()
