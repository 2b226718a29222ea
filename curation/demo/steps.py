"""The workflow a demo record goes through, written as data: who does what, in order.

Each step names a demo user by role key ("translator", "editor", "reviewer") and becomes one call of
curation/actions.py, or, for `Revise`, one revision saved the way the admin saves one. The loader never
sets a status itself.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Submit:
    by: str
    comment: str


@dataclass(frozen=True)
class RequestChanges:
    by: str
    comment: str


@dataclass(frozen=True)
class Approve:
    """Approve the latest revision; `note` is the public change note of the published version."""

    by: str
    note: str


@dataclass(frozen=True)
class Revise:
    """Edit the working copy and save it as one revision with `comment`.

    `fields` are Document fields; `texts` maps a text's language to its new body; `footnotes` maps
    (language, number) to (kind, body) and adds or replaces that note.
    """

    by: str
    comment: str
    fields: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    footnotes: dict[tuple[str, int], tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Withdraw:
    by: str
    reason: str


Step = Submit | RequestChanges | Approve | Revise | Withdraw
