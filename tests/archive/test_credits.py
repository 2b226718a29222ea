"""The credit and source sentences: every pattern of the sample README, from rows and back again."""

import re

import pytest

from archive.credits import (
    Credit,
    compose_credits,
    credit_sentence,
    parse_credit_sentence,
    parse_source,
    source_sentence,
)
from archive.models import Contribution
from tests.factories import ContributionFactory, DocumentFactory, PersonFactory, RepositoryFactory

Role = Contribution.Role
SAMPLE_RECORDS = [
    "wcda-300240-kohl-kuchma-1997.txt",
    "wcda-300639-japan-china-petition-1967.txt",
    "wcda-300645-kieran-cremin-1957.txt",
    "wcda-300646-aiken-unga-1958.txt",
    "wcda-300653-nehru-letter-1949.txt",
]


def credit(document, name: str, role: str, order: int = 0, qualifier: str = ""):
    person = PersonFactory(name=name)
    return ContributionFactory(document=document, person=person, role=role, order=order, qualifier=qualifier)


def credit_rows(document, *rows) -> str:
    """Contribution rows from (name, role[, order[, qualifier]]); the same name is the same person."""
    people = {}
    for name, role, *rest in rows:
        person = people.setdefault(name, PersonFactory(name=name))
        order = rest[0] if rest else 0
        qualifier = rest[1] if len(rest) > 1 else ""
        ContributionFactory(document=document, person=person, role=role, order=order, qualifier=qualifier)
    return credit_sentence(document.contributions.all())


@pytest.mark.django_db
class TestCreditSentenceFromRows:
    def test_one_translator(self):
        document = DocumentFactory()
        assert credit_rows(document, ("Gary Goldberg", Role.TRANSLATED)) == "Translated by Gary Goldberg."

    def test_translated_and_edited_with_assistance(self):
        document = DocumentFactory()
        sentence = credit_rows(document, ("X", Role.TRANSLATED), ("X", Role.EDITED), ("Y", Role.ASSISTED))
        assert sentence == "Translated and edited by X, with assistance from Y."

    def test_contributor_and_a_different_translator(self):
        document = DocumentFactory()
        sentence = credit_rows(
            document, ("Gary Goldberg", Role.TRANSLATED, 0), ("Sergey Radchenko", Role.CONTRIBUTED, 1)
        )
        assert sentence == "Contributed by Sergey Radchenko and translated by Gary Goldberg."

    def test_one_person_in_three_roles_takes_the_serial_comma(self):
        document = DocumentFactory()
        name = "Stephan Kieninger"
        sentence = credit_rows(
            document, (name, Role.TRANSLATED), (name, Role.CONTRIBUTED), (name, Role.TRANSCRIBED)
        )
        assert sentence == "Contributed, transcribed, and translated by Stephan Kieninger."

    def test_qualifier_stands_between_verbs_and_by(self):
        document = DocumentFactory()
        sentence = credit_rows(
            document, ("Austin Jersild", Role.OBTAINED), ("Austin Jersild", Role.TRANSLATED, 0, "for CWIHP")
        )
        assert sentence == "Obtained and translated for CWIHP by Austin Jersild."

    def test_groups_with_several_people_are_joined_by_semicolons(self):
        document = DocumentFactory()
        team = ["Barnabás Vajd", "Laura Deal", "Karl P. Benziger"]
        rows = [("Béla Révész", Role.OBTAINED, 0)]
        for order, name in enumerate(team, start=1):
            rows += [(name, Role.TRANSLATED, order), (name, Role.EDITED, order)]
        assert credit_rows(document, *rows) == (
            "Obtained by Béla Révész; translated and edited by Barnabás Vajd, Laura Deal, and Karl P. Benziger."
        )

    def test_nobody_credited(self):
        assert credit_sentence(DocumentFactory().contributions.all()) == ""

    def test_people_follow_their_order_not_their_entry(self):
        document = DocumentFactory()
        sentence = credit_rows(document, ("B Second", Role.TRANSLATED, 2), ("A First", Role.TRANSLATED, 1))
        assert sentence == "Translated by A First and B Second."

    def test_three_single_person_groups_form_a_series(self):
        document = DocumentFactory()
        sentence = credit_rows(
            document, ("A", Role.CONTRIBUTED), ("B", Role.TRANSCRIBED), ("C", Role.TRANSLATED)
        )
        assert sentence == "Contributed by A, transcribed by B, and translated by C."

    def test_assistance_alone(self):
        document = DocumentFactory()
        assert (
            credit_rows(document, ("Y", Role.ASSISTED), ("Z", Role.ASSISTED, 1))
            == "With assistance from Y and Z."
        )

    def test_document_property(self):
        document = DocumentFactory()
        credit(document, "Gary Goldberg", Role.TRANSLATED)
        assert document.credit_sentence == "Translated by Gary Goldberg."


class TestSourceSentence:
    def test_reference_and_credits(self):
        sentence = source_sentence(
            repository_abbrev_or_name="RGANI",
            archival_reference="F. 3, Op. 16, D. 947, Ll. 15-16",
            credit_sentence="Translated by Gary Goldberg.",
        )
        assert sentence == "RGANI, F. 3, Op. 16, D. 947, Ll. 15-16. Translated by Gary Goldberg."

    def test_reference_that_begins_with_the_repository_is_not_prefixed_again(self):
        sentence = source_sentence(
            repository_abbrev_or_name="BArch",
            archival_reference="BArch, B 136/59748, 335-336",
            credit_sentence="",
        )
        assert sentence == "BArch, B 136/59748, 335-336."

    def test_reference_that_names_the_repository_in_full_is_cited_as_is(self):
        sentence = source_sentence(
            repository_abbrev_or_name="NMML",
            repository_name="Nehru Memorial Museum and Library",
            archival_reference="Nehru Memorial Museum and Library, File No. JNSG, vol. 21-1",
            credit_sentence="",
        )
        assert sentence == "Nehru Memorial Museum and Library, File No. JNSG, vol. 21-1."

    def test_no_archival_reference_gives_the_credit_sentence_alone(self):
        credits = "Obtained by Béla Révész; translated and edited by Barnabás Vajd, Laura Deal, and Karl P. Benziger."
        assert (
            source_sentence(repository_abbrev_or_name="", archival_reference="", credit_sentence=credits)
            == credits
        )

    def test_no_period_is_doubled(self):
        sentence = source_sentence(
            repository_abbrev_or_name="",
            archival_reference="Vol. 2, p. 14 ob.",
            credit_sentence="Translated by X.",
        )
        assert sentence == "Vol. 2, p. 14 ob. Translated by X."

    def test_nothing_at_all(self):
        assert source_sentence(repository_abbrev_or_name="", archival_reference="", credit_sentence="") == ""

    def test_override_wins(self):
        sentence = source_sentence(
            repository_abbrev_or_name="RGANI",
            archival_reference="F. 3",
            credit_sentence="Translated by X.",
            override="Courtesy of a private collection.",
        )
        assert sentence == "Courtesy of a private collection."

    @pytest.mark.django_db
    def test_document_property(self):
        document = DocumentFactory(
            repository=RepositoryFactory(
                name="Russian State Archive of Contemporary History", abbreviation="RGANI"
            ),
            archival_reference="F. 3, Op. 16, D. 947, Ll. 15-16",
        )
        credit(document, "Gary Goldberg", Role.TRANSLATED)
        assert (
            document.source_sentence == "RGANI, F. 3, Op. 16, D. 947, Ll. 15-16. Translated by Gary Goldberg."
        )

    @pytest.mark.django_db
    def test_document_without_repository_or_credits(self):
        assert DocumentFactory(archival_reference="").source_sentence == ""


README_CREDITS = [
    "Translated by Gary Goldberg.",
    "Translated and edited by X, with assistance from Y.",
    "Contributed by Sergey Radchenko and translated by Gary Goldberg.",
    "Contributed, transcribed, and translated by Stephan Kieninger.",
    "Obtained and translated for CWIHP by Austin Jersild.",
    "Obtained by Béla Révész; translated and edited by Barnabás Vajd, Laura Deal, and Karl P. Benziger.",
]


class TestParseSource:
    @pytest.mark.parametrize("sentence", README_CREDITS)
    def test_every_credit_pattern_reads_back(self, sentence):
        credits = parse_credit_sentence(sentence)
        assert credits is not None
        assert compose_credits(credits) == sentence

    def test_credits_come_back_structured(self):
        parsed = parse_source("Obtained and translated for CWIHP by Austin Jersild.")
        assert parsed.matched
        assert parsed.archival_reference == ""
        assert parsed.contributions == [
            Credit("obtained", ("Austin Jersild",), "for CWIHP"),
            Credit("translated", ("Austin Jersild",), "for CWIHP"),
        ]

    def test_reference_with_abbreviation(self):
        parsed = parse_source("RGASPI, f. 558, op. 11, d. 97, ll. 67-70. Translated by Gary Goldberg.")
        assert (parsed.repository_abbreviation, parsed.archival_reference) == (
            "RGASPI",
            "f. 558, op. 11, d. 97, ll. 67-70",
        )
        assert parsed.contributions == [Credit("translated", ("Gary Goldberg",), "")]

    def test_several_people_in_a_group(self):
        parsed = parse_source(README_CREDITS[-1])
        assert parsed.contributions[1] == Credit(
            "translated", ("Barnabás Vajd", "Laura Deal", "Karl P. Benziger")
        )

    def test_assistance(self):
        parsed = parse_source("RGANI, F. 5. Translated and edited by X, with assistance from Y.")
        assert parsed.contributions[-1] == Credit("assisted", ("Y",), "")

    def test_reference_only(self):
        parsed = parse_source("Nehru Memorial Museum and Library, File No. JNSG, vol. 21-1.")
        assert parsed.matched
        assert parsed.archival_reference == "Nehru Memorial Museum and Library, File No. JNSG, vol. 21-1"
        assert parsed.contributions == []

    @pytest.mark.parametrize(
        "sentence",
        [
            "Published in X. Translated by Y, 1990, p. 5.",  # credits that no pattern writes
            "RGANI, F. 3, Op. 16",  # no closing period
            "Translated by Gary Goldberg",  # no closing period
            "RGANI, F. 3. Translated by Gary Goldberg and edited by Vladislav Zubok. Reprinted in 1995.",
        ],
    )
    def test_sentences_outside_the_patterns_are_not_matched(self, sentence):
        assert parse_source(sentence).matched is False

    @pytest.mark.parametrize("sentence", README_CREDITS)
    def test_round_trip_with_a_reference(self, sentence):
        whole = f"RGANI, F. 3, Op. 16, D. 947, Ll. 15-16. {sentence}"
        parsed = parse_source(whole)
        regenerated = source_sentence(
            repository_abbrev_or_name=parsed.repository_abbreviation,
            archival_reference=parsed.archival_reference,
            credit_sentence=compose_credits(parsed.contributions),
        )
        assert regenerated == whole


@pytest.mark.parametrize("file_name", SAMPLE_RECORDS)
def test_every_sample_source_line_round_trips(samples_dir, file_name):
    source = re.search(r"^source: (.*)$", (samples_dir / file_name).read_text(), re.MULTILINE)[1]
    parsed = parse_source(source)
    assert parsed.matched, source
    regenerated = source_sentence(
        repository_abbrev_or_name=parsed.repository_abbreviation,
        archival_reference=parsed.archival_reference,
        credit_sentence=compose_credits(parsed.contributions),
    )
    assert regenerated == source
