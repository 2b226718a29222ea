"""The synthetic corpus's authority records and accounts, made once before any record is written.

Each pool is a list of primary keys in a fixed order, so that a record spec's "person 17" is the same
person on every run with the same corpus. Pools are found again on a later run (to add records to a
corpus, or to resume one that was interrupted) and grown when a larger corpus needs more people.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from archive.models import Collection, Donor, Person, Place, Repository, Subject
from archive.models.authorities import default_sort_name
from curation.corpus.synth import Pools
from curation.corpus.words import (
    COLLECTION_TITLES,
    DONORS,
    FIRST_NAMES,
    LAST_NAMES,
    PLACE_NAMES,
    REPOSITORIES,
    SUBJECT_HEADINGS,
)
from curation.roles import EDITORS, TRANSLATORS

# Marks the people the generator made, so that a later run finds its pool and leaves real people alone.
SYNTHETIC_PERSON = "Synthetic person (manage.py generate_corpus)."


@dataclass(frozen=True)
class AuthorityPools:
    """Primary keys of each pool, in pool order; `sizes` is what record specs draw from."""

    people: list[int]
    places: list[int]
    subjects: list[int]
    collections: list[int]
    repositories: list[int]
    donors: list[int]
    translators: list[int]
    editors: list[int]
    codewords: int

    @property
    def sizes(self) -> Pools:
        return Pools(
            people=len(self.people),
            places=len(self.places),
            subjects=len(self.subjects),
            collections=len(self.collections),
            repositories=len(self.repositories),
            donors=len(self.donors),
            translators=len(self.translators),
            editors=len(self.editors),
            codewords=self.codewords,
        )


def ensure_pools(documents: int) -> AuthorityPools:
    """Find or make every pool a corpus of `documents` records draws from."""
    with transaction.atomic():
        return AuthorityPools(
            people=_people(max(60, documents // 25)),
            places=_places(),
            subjects=[_get_or_create(Subject, heading=heading) for heading in _split(SUBJECT_HEADINGS)],
            collections=[_get_or_create(Collection, title=title) for title in _split(COLLECTION_TITLES)],
            repositories=[
                _get_or_create(Repository, name=name, defaults={"abbreviation": short, "location": city})
                for name, short, city in REPOSITORIES
            ],
            donors=[_get_or_create(Donor, name=name) for name in _split(DONORS)],
            translators=_accounts("corpus-translator", TRANSLATORS, max(3, min(40, documents // 2500))),
            editors=_accounts("corpus-editor", EDITORS, max(2, min(12, documents // 10000))),
            codewords=max(60, documents // 50),
        )


def person_name(position: int) -> str:
    """The position-th synthetic person's name: every first name with every last name, then numbered."""
    first = FIRST_NAMES[position % len(FIRST_NAMES)]
    last = LAST_NAMES[(position // len(FIRST_NAMES) + position) % len(LAST_NAMES)]
    round_ = position // (len(FIRST_NAMES) * len(LAST_NAMES))
    return f"{first} {last}" if not round_ else f"{first} {last} ({round_ + 1})"


def _people(size: int) -> list[int]:
    existing = list(
        Person.objects.filter(description=SYNTHETIC_PERSON).order_by("pk").values_list("pk", flat=True)
    )
    missing = [
        # Person.save() files the name ("Khrushchev, Nikita"); bulk_create does not call it.
        Person(name=name, sort_name=default_sort_name(name), description=SYNTHETIC_PERSON)
        for name in map(person_name, range(len(existing), size))
    ]
    return existing + [person.pk for person in Person.objects.bulk_create(missing, batch_size=1000)]


def _places() -> list[int]:
    pool = []
    for country, cities in PLACE_NAMES.items():
        country_pk = _get_or_create(Place, name=country, parent=None, defaults={"kind": Place.Kind.COUNTRY})
        pool.append(country_pk)
        pool += [
            _get_or_create(Place, name=city, parent_id=country_pk, defaults={"kind": Place.Kind.CITY})
            for city in cities
        ]
    return pool


def _accounts(prefix: str, group_name: str, count: int) -> list[int]:
    group = Group.objects.get(name=group_name)
    pool = []
    for number in range(1, count + 1):
        user, created = get_user_model().objects.get_or_create(
            username=f"{prefix}-{number}", defaults={"is_staff": True}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(group)
        pool.append(user.pk)
    return pool


def _get_or_create(model, defaults: dict | None = None, **lookup) -> int:
    return model.objects.get_or_create(**lookup, defaults=defaults or {})[0].pk


def _split(joined: str) -> list[str]:
    return [item.strip() for item in joined.split("|") if item.strip()]
