"""Personal API tokens as a DRF authentication class: "Authorization: Bearer <key>" (or "Token <key>").

A request without a token falls through to the next class (the session, for the browsable API). A
request with a token that is unknown, expired or revoked is refused with a 401 that says which,
rather than being treated as anonymous: a script should learn at once that its key stopped working.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from curation.models import ApiToken

KEYWORDS = ("bearer", "token")
# Longer than any key we issue (secrets.token_urlsafe(32) is 43 characters); anything longer is junk.
MAX_KEY_LENGTH = 200


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower().decode("latin-1") not in KEYWORDS:
            return None
        key = _key(parts)
        token = ApiToken.objects.find(key)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _(
                    "This API token is not valid: check that it was copied whole, or create a new one in the admin."
                )
            )
        now = timezone.now()
        _ensure_usable(token, now)
        token.record_use(now)
        return token.user, token

    def authenticate_header(self, request) -> str:
        # Makes an unauthenticated request a 401 with this challenge, not a 403.
        return 'Bearer realm="api"'


def _key(parts: list[bytes]) -> str:
    if len(parts) != 2:
        raise exceptions.AuthenticationFailed(
            _("Send the token as “Authorization: Bearer <token>”, with nothing else in the header.")
        )
    try:
        key = parts[1].decode("ascii")
    except UnicodeDecodeError:
        key = ""
    if not key or len(key) > MAX_KEY_LENGTH:
        raise exceptions.AuthenticationFailed(
            _(
                "This API token is not valid: check that it was copied whole, or create a new one in the admin."
            )
        )
    return key


def _ensure_usable(token: ApiToken, now) -> None:
    if token.is_revoked:
        raise exceptions.AuthenticationFailed(
            _("This API token was revoked on %(date)s; create a new one in the admin.")
            % {"date": _when(token.revoked_at)}
        )
    if token.is_expired(now):
        raise exceptions.AuthenticationFailed(
            _("This API token expired on %(date)s; create a new one in the admin.")
            % {"date": _when(token.expires_at)}
        )
    if not token.user.is_active:
        raise exceptions.AuthenticationFailed(_("The account this API token belongs to is disabled."))


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "j M Y H:i")


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The token in the OpenAPI description, as an HTTP bearer scheme."""

    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A personal API token, created in the admin (“API tokens”) or with "
                "`manage.py create_api_token`, sent as `Authorization: Bearer <token>`. "
                "`Authorization: Token <token>` is accepted too."
            ),
        }
