"""The protocol's vocabulary: verbs and their arguments, datestamps, identifiers, errors.

Everything here follows the OAI-PMH 2.0 specification (openarchives.org/OAI/openarchivesprotocol.html);
section numbers in the comments refer to it. A request that breaks a rule raises OAIError with the
specification's error code, and the endpoint answers it inside an OAI-PMH envelope with HTTP 200.
"""

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.http import QueryDict

OAI_NAMESPACE = "http://www.openarchives.org/OAI/2.0/"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"

GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
SECONDS, DAYS = "seconds", "days"

# Per verb: the arguments it requires, those it may take, and the one that excludes every other (§3.4).
_LIST = {"required": {"metadataPrefix"}, "optional": {"from", "until", "set"}, "exclusive": "resumptionToken"}
VERBS: dict[str, dict] = {
    "Identify": {"required": set(), "optional": set(), "exclusive": None},
    "ListMetadataFormats": {"required": set(), "optional": {"identifier"}, "exclusive": None},
    "ListSets": {"required": set(), "optional": set(), "exclusive": "resumptionToken"},
    "GetRecord": {"required": {"identifier", "metadataPrefix"}, "optional": set(), "exclusive": None},
    "ListIdentifiers": _LIST,
    "ListRecords": _LIST,
}

# The schema's patterns for values that the response echoes in its <request> element.
_METADATA_PREFIX = re.compile(r"[A-Za-z0-9\-_.!~*'()]+")
_SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")
_REPOSITORY_IDENTIFIER = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
# Characters XML 1.0 cannot carry at all, even escaped; imported text may hold them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class OAIError(Exception):
    """A request the protocol answers with an error code (§3.6) instead of a result."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class OAIRequest:
    verb: str
    arguments: dict[str, str]

    def get(self, name: str) -> str | None:
        return self.arguments.get(name)


def parse_request(query: QueryDict) -> OAIRequest:
    """The verb and its arguments, checked against §3.4: missing, repeated, unknown, exclusive."""
    verbs = query.getlist("verb")
    if len(verbs) != 1:
        raise OAIError("badVerb", "The verb argument is missing." if not verbs else "The verb is repeated.")
    verb = verbs[0]
    if verb not in VERBS:
        raise OAIError("badVerb", f'"{verb}" is not an OAI-PMH verb; the verbs are {", ".join(VERBS)}.')
    arguments = _single_values(query)
    _check_arguments(verb, arguments)
    return OAIRequest(verb, arguments)


def _single_values(query: QueryDict) -> dict[str, str]:
    arguments = {}
    for name, values in query.lists():
        if name == "verb":
            continue
        if len(values) > 1:
            raise OAIError("badArgument", f'The argument "{name}" is repeated.')
        arguments[name] = values[0]
    return arguments


def _check_arguments(verb: str, arguments: dict[str, str]) -> None:
    rules = VERBS[verb]
    allowed = rules["required"] | rules["optional"] | ({rules["exclusive"]} - {None})
    unknown = sorted(set(arguments) - allowed)
    if unknown:
        raise OAIError("badArgument", f'"{unknown[0]}" is not an argument of {verb}.')
    exclusive = rules["exclusive"]
    if exclusive in arguments:
        if len(arguments) > 1:
            raise OAIError(
                "badArgument", f"{exclusive} is an exclusive argument: send it alone with the verb."
            )
        return
    missing = sorted(rules["required"] - set(arguments))
    if missing:
        raise OAIError("badArgument", f'{verb} requires the argument "{missing[0]}".')
    _check_values(arguments)


def _check_values(arguments: dict[str, str]) -> None:
    prefix = arguments.get("metadataPrefix")
    if prefix is not None and not _METADATA_PREFIX.fullmatch(prefix):
        raise OAIError("badArgument", f'"{prefix}" is not a legal metadataPrefix.')
    set_spec = arguments.get("set")
    if set_spec is not None and not _SET_SPEC.fullmatch(set_spec):
        raise OAIError("badArgument", f'"{set_spec}" is not a legal setSpec.')
    date_range(arguments.get("from"), arguments.get("until"))


# --- Datestamps (§3.3) ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DateRange:
    """A harvest's `from` (inclusive) and `until` (inclusive, to the end of its second or day)."""

    start: dt.datetime | None = None
    end_before: dt.datetime | None = None


def parse_datestamp(value: str, *, argument: str) -> tuple[dt.datetime, str]:
    """A UTC datestamp at either granularity, as the instant it starts, and its granularity."""
    try:
        if _SECOND.fullmatch(value):
            moment = dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
            return moment.replace(tzinfo=dt.UTC), SECONDS
        if _DAY.fullmatch(value):
            return dt.datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=dt.UTC), DAYS
    except ValueError:
        pass
    raise OAIError(
        "badArgument",
        f'"{argument}" must be a UTC datestamp, "YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ssZ"; "{value}" is not.',
    )


def date_range(start: str | None, until: str | None) -> DateRange:
    """The range `from`/`until` select; badArgument for a bad value, mixed granularities or from > until."""
    lower = parse_datestamp(start, argument="from") if start is not None else None
    upper = parse_datestamp(until, argument="until") if until is not None else None
    if lower and upper:
        if lower[1] != upper[1]:
            raise OAIError("badArgument", '"from" and "until" must have the same granularity.')
        if lower[0] > upper[0]:
            raise OAIError("badArgument", '"from" is later than "until".')
    return DateRange(start=lower[0] if lower else None, end_before=_end_of(upper) if upper else None)


def _end_of(bound: tuple[dt.datetime, str]) -> dt.datetime | None:
    """The instant after the second or day `until` names; None (no bound) after 9999-12-31."""
    moment, granularity = bound
    try:
        return moment + (dt.timedelta(seconds=1) if granularity == SECONDS else dt.timedelta(days=1))
    except OverflowError:
        return None


def format_datestamp(moment: dt.datetime) -> str:
    """Seconds granularity in UTC: what every datestamp in a response looks like."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- Identifiers: oai:<repository>:<document id> (the oai-identifier scheme) -----------------------


def repository_identifier() -> str:
    """settings.OAI_REPOSITORY_IDENTIFIER, else SITE_URL's host when it is a domain name.

    The oai-identifier scheme needs a domain name with a dot; an address such as 127.0.0.1 or
    localhost (a development server) gets "archive.localhost" instead.
    """
    configured = settings.OAI_REPOSITORY_IDENTIFIER
    if configured:
        return configured
    host = urlsplit(settings.SITE_URL).hostname or ""
    return host if _REPOSITORY_IDENTIFIER.fullmatch(host) else "archive.localhost"


def oai_identifier(document_id: int) -> str:
    return f"oai:{repository_identifier()}:{document_id}"


def document_id_from(identifier: str) -> int | None:
    """The document id an identifier of this repository names, or None for anything else."""
    prefix = f"oai:{repository_identifier()}:"
    local = identifier[len(prefix) :] if identifier.startswith(prefix) else ""
    return int(local) if local.isascii() and local.isdigit() and len(local) < 19 else None


def xml_text(value: object) -> str:
    """A value as text that XML can carry: characters XML 1.0 forbids (controls) are dropped."""
    return _NOT_XML.sub("", str(value))
