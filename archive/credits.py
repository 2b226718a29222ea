"""The credit sentence and the source sentence, generated from structured fields, and their inverse.

A record's "Source" line, as the Wilson Center Digital Archive prints it, is one sentence:

    {archival reference}. {credit sentence}.
    BArch, B 136/59748, 335-336. Contributed, transcribed, and translated by Stephan Kieninger.

The credit sentence comes from Contribution rows (person, role, order, qualifier). Convention: the
credit sentence is a whole sentence and ends with its period ("Translated by Gary Goldberg."); the
source sentence adds the period after the archival reference only, so no period is ever doubled.

Rules that reproduce the credit sentences of real records:
- roles held by the same people, in the same order, share one verb list: "Translated and edited by X";
  three or more verbs take the serial comma ("Contributed, transcribed, and translated by X");
- verb groups follow Contribution.Role order; people within a role follow `order`;
- a qualifier goes between the verbs and "by": "Obtained and translated for CWIHP by Austin Jersild";
  a qualifier on any row of a group qualifies the whole group (it is said once);
- groups are joined as a series ("Contributed by X and translated by Y") unless one group names
  several people: then "and" and the commas would be ambiguous, so groups are joined with semicolons
  ("Obtained by X; translated and edited by A, B, and C");
- "assisted" is never a verb group: it closes the sentence as ", with assistance from Y".

parse_source() reads a source sentence back into a reference and credits; the importer keeps any
sentence that does not round-trip exactly as the record's free-text override instead.

The sentences are not passed through gettext on purpose: they are part of the record's citation, in
the archive's language, identical for every reader whatever the interface language, and readable
back by parse_source().
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from archive.models.documents import Contribution

Role = Contribution.Role
VERB_ROLES = [role for role in Role if role != Role.ASSISTED]


class Credit(NamedTuple):
    """One role held by one or more people, in order: ("translated", ("Gary Goldberg",), "")."""

    role: str
    names: tuple[str, ...]
    qualifier: str = ""


@dataclass(frozen=True)
class ParsedSource:
    """A source sentence split back into its parts; matched=False if it follows no pattern."""

    archival_reference: str = ""
    repository_abbreviation: str = ""
    contributions: list[Credit] = field(default_factory=list)
    matched: bool = True

    @property
    def cited_reference(self) -> str:
        """The reference as it stands in the sentence: "BArch, B 136/59748, 335-336"."""
        return cite_reference(self.repository_abbreviation, self.archival_reference)


def credit_sentence(contributions: Iterable[Contribution]) -> str:
    """The credit sentence for Contribution rows, with its final period; "" if nobody is credited."""
    return compose_credits(credits_from_contributions(contributions))


def credits_from_contributions(contributions: Iterable[Contribution]) -> list[Credit]:
    rows = sorted(contributions, key=lambda row: (row.order, row.pk or 0))
    credits = []
    for role in Role:
        held = [row for row in rows if row.role == role]
        if held:
            qualifiers = _distinct(row.qualifier.strip() for row in held if row.qualifier.strip())
            credits.append(Credit(role, tuple(row.person.name for row in held), " ".join(qualifiers)))
    return credits


def compose_credits(credits: Sequence[Credit]) -> str:
    """The credit sentence for credits given role by role (see the module docstring for the rules)."""
    groups = _group_by_people([credit for credit in credits if credit.role != Role.ASSISTED])
    phrases = [_group_phrase(roles, names, qualifier) for roles, names, qualifier in groups]
    several_people = any(len(names) > 1 for _roles, names, _qualifier in groups)
    sentence = "; ".join(phrases) if several_people else _series(phrases)
    for credit in credits:
        if credit.role == Role.ASSISTED:
            assistance = _assistance_phrase(credit)
            sentence = f"{sentence}, {assistance}" if sentence else assistance
    if not sentence:
        return ""
    return f"{sentence[0].upper()}{sentence[1:]}."


def _group_by_people(credits: Sequence[Credit]) -> list[tuple[list[str], tuple[str, ...], str]]:
    """(roles, names, qualifier) per distinct list of people, in the order of each list's first role."""
    groups: dict[tuple[str, ...], tuple[list[str], list[str]]] = {}
    for credit in sorted(credits, key=lambda credit: VERB_ROLES.index(credit.role)):
        roles, qualifiers = groups.setdefault(credit.names, ([], []))
        roles.append(credit.role)
        if credit.qualifier:
            qualifiers.append(credit.qualifier)
    return [(roles, names, " ".join(_distinct(quals))) for names, (roles, quals) in groups.items()]


def _group_phrase(roles: list[str], names: tuple[str, ...], qualifier: str) -> str:
    # A role's value is its verb: "contributed", "translated" …
    verbs = _series([str(role) for role in roles])
    qualified = f"{verbs} {qualifier}" if qualifier else verbs
    return f"{qualified} by {_series(list(names))}"


def _assistance_phrase(credit: Credit) -> str:
    qualified = f"with assistance {credit.qualifier}" if credit.qualifier else "with assistance"
    return f"{qualified} from {_series(list(credit.names))}"


def _series(items: list[str]) -> str:
    """ "A", "A and B", "A, B, and C" (serial comma)."""
    if len(items) <= 2:
        return " and ".join(items)
    return f"{', '.join(items[:-1])}, and {items[-1]}"


def _distinct(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# The source sentence -----------------------------------------------------------------------------


def cite_reference(repository_abbrev_or_name: str, archival_reference: str, repository_name: str = "") -> str:
    """ "RGANI" + "F. 3, Op. 16" -> "RGANI, F. 3, Op. 16"; a reference that already names its
    repository (starting with its abbreviation or name, or naming it in full anywhere) is cited as is."""
    reference, repository = archival_reference.strip(), repository_abbrev_or_name.strip()
    if not repository:
        return reference
    if not reference:
        return repository
    if _names_repository(reference, repository, repository_name.strip()):
        return reference
    return f"{repository}, {reference}"


def _names_repository(reference: str, citation_name: str, full_name: str) -> bool:
    if any(re.match(rf"{re.escape(name)}(?!\w)", reference) for name in (citation_name, full_name) if name):
        return True
    return bool(full_name) and re.search(rf"(?<!\w){re.escape(full_name)}(?!\w)", reference) is not None


def source_sentence(
    *,
    repository_abbrev_or_name: str,
    archival_reference: str,
    credit_sentence: str,
    override: str = "",
    repository_name: str = "",
) -> str:
    """ "{archival reference}. {credit sentence}" with no doubled period; the override wins when set."""
    if override.strip():
        return override.strip()
    reference = cite_reference(repository_abbrev_or_name, archival_reference, repository_name)
    if reference and not reference.endswith("."):
        reference += "."
    return " ".join(part for part in (reference, credit_sentence.strip()) if part)


def source_sentence_for(document) -> str:
    repository = document.repository
    return source_sentence(
        repository_abbrev_or_name=repository.citation_name if repository else "",
        repository_name=repository.name if repository else "",
        archival_reference=document.archival_reference,
        credit_sentence=document.credit_sentence,
        override=document.source_override,
    )


# Reading a source sentence back ------------------------------------------------------------------

_VERBS = "|".join(str(role) for role in VERB_ROLES)
# Where a credit sentence may begin: at the start, or after the reference's closing ". ".
_CREDIT_START = re.compile(rf"(?:^|(?<=\. ))(?:(?:{_VERBS.title()})\b|With assistance )")
_GROUP_BOUNDARY = re.compile(rf"(?:, and |, | and )(?=(?:{_VERBS})\b)")
_GROUP = re.compile(
    rf"^(?P<verbs>(?:{_VERBS})(?:(?:, and |, | and )(?:{_VERBS}))*)(?: (?P<qualifier>.+?))? by (?P<names>.+)$"
)
_ASSISTANCE = re.compile(
    r"^(?P<head>.*?)(?:^|, )[Ww]ith assistance(?: (?P<qualifier>.+?))? from (?P<names>.+)$"
)
_SERIES_SPLIT = re.compile(r", and |, | and ")
# A sentence ends inside what would be a name: "by Vladislav Zubok. Reprinted in 1995" (an initial,
# "Karl P. Benziger", does not end one).
_SENTENCE_BREAK = re.compile(r"\w\w\. ")
# "BArch", "RGANI", "SAPMO-BArch": one word with two or more capitals, cited before the reference.
_ABBREVIATION = re.compile(r"^(?P<abbreviation>(?=(?:[^,\s]*[A-Z]){2})[A-Z][\w&-]{1,19}), (?P<rest>.+)$")


def parse_source(sentence: str) -> ParsedSource:
    """Split a source sentence into archival reference and credits, if it round-trips exactly."""
    sentence = sentence.strip()
    if not sentence:
        return ParsedSource()
    for start in _CREDIT_START.finditer(sentence):
        credits = parse_credit_sentence(sentence[start.start() :])
        if credits is not None:
            return _checked(sentence, sentence[: start.start()].rstrip(), credits)
    if re.search(rf"(?:^|\. )(?:{_VERBS.title()})\b.* by ", sentence):
        return ParsedSource(matched=False)  # credits we cannot read: keep the sentence whole
    return _checked(sentence, sentence, [])


def parse_credit_sentence(sentence: str) -> list[Credit] | None:
    """Credits from a credit sentence that compose_credits() would write exactly, else None."""
    if not sentence.endswith("."):
        return None
    body, credits = sentence[:-1], []
    assistance = _ASSISTANCE.match(body)
    if assistance:
        body = assistance["head"]
        assisted = Credit(
            str(Role.ASSISTED), _split_series(assistance["names"]), assistance["qualifier"] or ""
        )
    if body:
        credits = _parse_groups(body[0].lower() + body[1:])
        if credits is None:
            return None
    if assistance:
        credits.append(assisted)
    if any(_SENTENCE_BREAK.search(name) for credit in credits for name in credit.names):
        return None
    return credits if compose_credits(credits) == sentence else None


def _parse_groups(body: str) -> list[Credit] | None:
    parts = body.split("; ") if "; " in body else _split_groups(body)
    credits = []
    for part in parts:
        match = _GROUP.match(part)
        if match is None:
            return None
        names = _split_series(match["names"])
        for verb in _SERIES_SPLIT.split(match["verbs"]):
            credits.append(Credit(verb, names, match["qualifier"] or ""))
    return credits


def _split_groups(body: str) -> list[str]:
    """ "contributed by X and translated by Y" -> two groups; a verb list ("contributed, transcribed,
    and translated by X") is one: a group ends only once it has its " by "."""
    parts, start = [], 0
    for boundary in _GROUP_BOUNDARY.finditer(body):
        if " by " in body[start : boundary.start()]:
            parts.append(body[start : boundary.start()])
            start = boundary.end()
    return [*parts, body[start:]]


def _split_series(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in _SERIES_SPLIT.split(text) if name.strip())


def _checked(sentence: str, reference_part: str, credits: list[Credit]) -> ParsedSource:
    if reference_part and not reference_part.endswith("."):
        return ParsedSource(matched=False)
    reference = reference_part[:-1] if reference_part else ""
    abbreviation = _ABBREVIATION.match(reference)
    parsed = ParsedSource(
        archival_reference=abbreviation["rest"] if abbreviation else reference,
        repository_abbreviation=abbreviation["abbreviation"] if abbreviation else "",
        contributions=credits,
    )
    regenerated = source_sentence(
        repository_abbrev_or_name=parsed.repository_abbreviation,
        archival_reference=parsed.archival_reference,
        credit_sentence=compose_credits(credits),
    )
    return parsed if regenerated == sentence else ParsedSource(matched=False)
