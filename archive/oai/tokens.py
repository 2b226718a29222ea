"""Stateless resumption tokens (§3.5): the whole request and the position in its list, signed.

A token carries the list request it continues (verb, metadataPrefix, set, from, until), the last
record it delivered (datestamp and document id: the list is ordered by these, so the next page starts
right after it whatever was published meanwhile), the cursor and the complete list size. It is signed
with django.core.signing under SECRET_KEY, so the server keeps no state and a harvester cannot forge
or alter a token; it expires settings.OAI_RESUMPTION_TOKEN_TTL seconds after it was issued.
"""

import datetime as dt
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core import signing
from django.utils import timezone

from archive.oai.protocol import OAIError

SALT = "archive.oai.resumption-token"


@dataclass(frozen=True)
class ListState:
    """Where a list request stands: its arguments and the last record already delivered."""

    verb: str
    metadata_prefix: str
    set_spec: str | None
    start: str | None  # `from`, as the harvester sent it
    until: str | None
    after_datestamp: str | None = None  # ISO 8601, microseconds kept: the order's exact position
    after_id: int | None = None
    cursor: int = 0
    complete_list_size: int = 0

    @property
    def after(self) -> tuple[dt.datetime, int] | None:
        if self.after_datestamp is None or self.after_id is None:
            return None
        return dt.datetime.fromisoformat(self.after_datestamp), self.after_id


def issue(state: ListState) -> tuple[str, dt.datetime]:
    """The token for `state` and the moment it expires."""
    token = signing.dumps(asdict(state), salt=SALT, compress=True)
    return token, timezone.now() + dt.timedelta(seconds=settings.OAI_RESUMPTION_TOKEN_TTL)


def read(token: str, *, verb: str) -> ListState:
    """The state a token carries; badResumptionToken if it is forged, altered, expired or another verb's."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.OAI_RESUMPTION_TOKEN_TTL)
    except signing.SignatureExpired:
        raise OAIError(
            "badResumptionToken", "The resumption token has expired; start the list again."
        ) from None
    except (signing.BadSignature, ValueError):
        raise OAIError(
            "badResumptionToken", "The resumption token is not one this repository issued."
        ) from None
    try:
        state = ListState(**data)
    except TypeError:
        raise OAIError(
            "badResumptionToken", "The resumption token is not one this repository issued."
        ) from None
    if state.verb != verb:
        raise OAIError("badResumptionToken", f"The resumption token continues {state.verb}, not {verb}.")
    return state
