"""archive.citations: the house style, Chicago, MLA and APA, and the BibTeX, RIS and CSL-JSON exports.

Citations read a PublishedVersion's payload only, so most tests cite an unsaved version built around
a payload; test_citation_views.py publishes records through the actions.
"""

import json
import re

import pytest

from archive import citations
from archive.citations import citations_for, csl_date, house_style, quoted_title
from archive.models import CitationRendering, PublishedVersion

# Chicago, MLA and APA are read from, and stored in, CitationRendering.
pytestmark = pytest.mark.django_db

ARCHIVE = "History and Public Policy Program Digital Archive"
SITE = "https://archive.example.org"
KOHL_TITLE = (
    "The Chancellor's [Helmut Kohl's] Conversation with the President of Ukraine, Leonid Kuchma, "
    "on the sidelines of the NATO Summit in Madrid on 8 July 1997"
)
KOHL_SOURCE = "BArch, B 136/59748, 335-336. Contributed, transcribed, and translated by Stephan Kieninger."
# The README's example citation of record 300240, up to its URL (../shared/samples/README.md).
KOHL_HOUSE_STYLE = (
    f'"{KOHL_TITLE}," July 30, 1997, History and Public Policy Program Digital Archive, {KOHL_SOURCE}'
)


@pytest.fixture(autouse=True)
def _archive(settings):
    settings.ARCHIVE_NAME = ARCHIVE
    settings.SITE_URL = SITE


def person(name: str, sort_name: str = "", kind: str = "person") -> dict:
    return {"id": 1, "name": name, "sort_name": sort_name, "kind": kind}


def payload(**fields) -> dict:
    """A payload as curation.snapshot writes it, with only what citations read."""
    return {
        "title": KOHL_TITLE,
        "slug": "the-chancellors-helmut-kohls-conversation-with-the-president-of-ukraine-leonid-kuchma",
        "date": "1997-07-30",
        "display_date": "July 30, 1997",
        "summary": "Kohl and Kuchma debate a permanent German-Ukrainian commission.",
        "repository": {"name": "German Federal Archives", "citation_name": "BArch"},
        "archival_reference": "B 136/59748, 335-336",
        "source_sentence": KOHL_SOURCE,
        "creators": [],
        "credits": [
            {"person": person("Stephan Kieninger", "Kieninger, Stephan"), "role": role, "order": 0}
            for role in ("contributed", "transcribed", "translated")
        ],
        **fields,
    }


def version(number: int = 1, document_id: int = 300240, **fields) -> PublishedVersion:
    return PublishedVersion(document_id=document_id, number=number, payload=payload(**fields))


SIGNED = {
    "creators": [
        person("Helmut Kohl", "Kohl, Helmut"),
        person("Japan-China Import-Export Association", kind="organization"),
    ]
}


# --- The house style ------------------------------------------------------------------------------


def test_house_style_reproduces_the_readme_example_of_record_300240():
    citation = house_style(version())

    assert citation["text"] == f"{KOHL_HOUSE_STYLE} {SITE}/documents/300240/"


def test_house_style_of_the_sample_record_matches_the_readme(samples_dir):
    """The README's example, and the sample file's title, date and source, give the same citation."""
    readme = (samples_dir / "README.md").read_text(encoding="utf-8")
    example = next(line.strip() for line in readme.splitlines() if line.strip().startswith('"The Chancellor'))
    sample = (samples_dir / "wcda-300240-kohl-kuchma-1997.txt").read_text(encoding="utf-8")
    fields = dict(re.findall(r"^(title|original_publication_date|source): (.*)$", sample, re.MULTILINE))
    cited = version(
        title=fields["title"],
        display_date=fields["original_publication_date"],
        source_sentence=fields["source"],
    )

    text = house_style(cited)["text"]

    assert text.removesuffix(f" {SITE}/documents/300240/") == example.rsplit(" https://", 1)[0]


def test_house_style_cites_this_version_at_its_own_address():
    text = house_style(version(number=3), version_specific=True)["text"]

    assert text == f"{KOHL_HOUSE_STYLE} {SITE}/documents/300240/v/3/"


def test_house_style_html_escapes_the_title_and_links_the_address():
    html = house_style(version(title="Report on <b>R&D</b>"))["html"]

    assert '"Report on &lt;b&gt;R&amp;D&lt;/b&gt;,"' in html.replace("&quot;", '"')
    assert f'<a href="{SITE}/documents/300240/">{SITE}/documents/300240/</a>' in html


@pytest.mark.parametrize(
    ("title", "quoted"),
    [
        ("Memorandum of Conversation", '"Memorandum of Conversation,"'),
        ("Who Lost China?", '"Who Lost China?"'),
        ("Down with the Imperialists!", '"Down with the Imperialists!"'),
        ("Report, ‘Poland and our Policy at U.N.O.’", '"Report, ‘Poland and our Policy at U.N.O.,’"'),
        ('Cable on "Operation Anadyr"', "\"Cable on 'Operation Anadyr,'\""),
        ("Cable on “Operation Anadyr”", '"Cable on ‘Operation Anadyr,’"'),
        ("Letter, ‘Why Not Peace?’", '"Letter, ‘Why Not Peace?’"'),
        ("Notes on the Ministers’", '"Notes on the Ministers’,"'),
        ("  Minutes   of the\nPresidium ", '"Minutes of the Presidium,"'),
    ],
)
def test_quoted_title_keeps_american_punctuation(title, quoted):
    assert quoted_title(title) == quoted


def test_house_style_without_a_date_says_n_d():
    text = house_style(version(date="", display_date=""))["text"]

    assert text.startswith(f'"{KOHL_TITLE}," n.d., {ARCHIVE}, BArch')


def test_house_style_without_a_source_ends_the_sentence_at_the_archive():
    text = house_style(version(source_sentence=""))["text"]

    assert text == f'"{KOHL_TITLE}," July 30, 1997, {ARCHIVE}. {SITE}/documents/300240/'


def test_house_style_ends_a_legacy_source_without_a_period_with_one():
    text = house_style(version(source_sentence="Archive of the President, Moscow"))["text"]

    assert text.endswith(f"{ARCHIVE}, Archive of the President, Moscow. {SITE}/documents/300240/")


# --- CSL dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edtf", "display", "expected"),
    [
        ("1997-07-30", "July 30, 1997", {"date-parts": [[1997, 7, 30]]}),
        ("1967-11", "November 1967", {"date-parts": [[1967, 11]]}),
        ("1958", "1958", {"date-parts": [[1958]]}),
        ("1958?", "circa 1958", {"date-parts": [[1958]], "circa": True}),
        ("1958~", "circa 1958", {"date-parts": [[1958]], "circa": True}),
        ("1962-05?", "circa May 1962", {"date-parts": [[1962, 5]], "circa": True}),
        ("1961-04/1961-06", "April–June 1961", {"date-parts": [[1961, 4], [1961, 6]]}),
        ("1958?/1960", "circa 1958–1960", {"date-parts": [[1958], [1960]], "circa": True}),
        ("196X", "1960s", {"date-parts": [[1960], [1969]]}),
        ("1962-XX", "1962", {"date-parts": [[1962]]}),
        ("1962-21", "Spring 1962", {"date-parts": [[1962]], "season": 1}),
        ("1962-05-21T10:00:00Z", "May 21, 1962", {"date-parts": [[1962, 5, 21]]}),
        ("../1962", "before 1962", {"literal": "before 1962"}),
        ("[1962, 1963]", "1962 or 1963", {"literal": "1962 or 1963"}),
        ("", "", None),
        ("", "Early 1960s", {"literal": "Early 1960s"}),
        ("not a date", "", None),
    ],
)
def test_csl_date_from_edtf(edtf, display, expected):
    assert csl_date(edtf, display) == expected


# --- Chicago, MLA and APA -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "author", "date"),
    [
        ("chicago", "Helmut Kohl and Japan-China Import-Export Association", "July 30, 1997"),
        ("mla", "Kohl, Helmut, and Japan-China Import-Export Association.", "30 July 1997"),
        ("apa", "Kohl, H., & Japan-China Import-Export Association. (1997).", "(1997)"),
    ],
)
def test_styles_name_author_title_date_archive_and_address(style, author, date):
    text = citations_for(version(**SIGNED))[style]["text"]

    assert text.startswith(author)
    assert "Conversation with the President of Ukraine, Leonid Kuchma" in text
    assert date in text
    assert ARCHIVE in text
    assert "BArch, B 136/59748, 335-336" in text
    assert f"{SITE}/documents/300240/" in text
    assert "Kieninger" in text  # the translator


def test_chicago_is_the_full_note_with_american_punctuation():
    text = citations_for(version(**SIGNED))["chicago"]["text"]

    assert text == (
        "Helmut Kohl and Japan-China Import-Export Association, “The Chancellor's [Helmut Kohl's] "
        "Conversation with the President of Ukraine, Leonid Kuchma, on the Sidelines of the NATO Summit "
        "in Madrid on 8 July 1997,” trans. Stephan Kieninger, July 30, 1997, BArch, B 136/59748, 335-336, "
        f"{ARCHIVE}, {SITE}/documents/300240/."
    )


@pytest.mark.parametrize("style", ["chicago", "mla", "apa"])
def test_an_unsigned_document_begins_with_its_title_once(style):
    text = citations_for(version())[style]["text"]

    assert text.lstrip("“").startswith("The Chancellor's")
    assert text.count("Conversation with the President") == 1
    assert text.count("Kieninger") == 1


def test_apa_puts_an_unsigned_documents_title_before_its_date():
    text = citations_for(version(credits=[]))["apa"]["text"]

    assert text.startswith(f"{KOHL_TITLE}. (1997). {ARCHIVE}")


def test_styles_link_the_address_in_html_and_escape_the_text():
    cited = version(title="Minutes on R&D <draft>", **SIGNED)

    for style in ("chicago", "mla", "apa"):
        html = citations_for(cited)[style]["html"]
        assert "R&amp;D &lt;draft&gt;" in html
        assert f'<a href="{SITE}/documents/300240/">' in html


def test_a_guessed_date_keeps_its_comma_in_chicago_and_its_circa_in_apa():
    cited = version(date="1958?", display_date="circa 1958", **SIGNED)

    rendered = citations_for(cited)

    assert "trans. Stephan Kieninger, [1958?], BArch" in rendered["chicago"]["text"]
    assert "(ca. 1958)" in rendered["apa"]["text"]


def test_a_range_within_one_year_is_cited_with_its_display_date_or_year():
    cited = version(date="1961-04-12/1961-04-14", display_date="April 12–14, 1961", **SIGNED)

    rendered = citations_for(cited)

    assert ", April 12–14, 1961, " in rendered["chicago"]["text"]
    assert ", April 12–14, 1961, " in rendered["mla"]["text"]
    assert "(1961)" in rendered["apa"]["text"]


def test_an_undated_document_is_n_d_without_a_retrieval_phrase():
    rendered = citations_for(version(date="", display_date="", **SIGNED))

    assert "n.d." in rendered["chicago"]["text"]
    assert "(n.d.)" in rendered["apa"]["text"]
    assert "Retrieved" not in rendered["apa"]["text"]


def test_a_title_ending_in_a_question_mark_takes_no_comma_in_chicago():
    text = citations_for(version(title="Who Lost China?", **SIGNED))["chicago"]["text"]

    assert "“Who Lost China?” trans." in text


def test_a_version_citation_names_the_version_and_its_address():
    rendered = citations_for(version(number=2, **SIGNED), version_specific=True)

    assert "version 2" in rendered["chicago"]["text"]
    for style in ("chicago", "mla", "apa"):
        assert f"{SITE}/documents/300240/v/2/" in rendered[style]["text"]


def test_renderings_are_stored_by_what_they_are_made_from(monkeypatch):
    cited = version(title="A Title Cited Twice", **SIGNED)
    first = citations_for(cited)

    def refuse(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(citations, "_cite", refuse)

    assert citations_for(cited) == first
    assert CitationRendering.objects.count() == 3


def test_a_changed_setting_renders_afresh(settings):
    cited = version(title="Cited Under Two Names", **SIGNED)
    citations_for(cited)
    settings.ARCHIVE_NAME = "Another Archive"

    assert "Another Archive" in citations_for(cited)["chicago"]["text"]
    assert CitationRendering.objects.count() == 6


def test_citing_reads_its_renderings_in_one_query(django_assert_num_queries):
    cited = version(title="Read From the Payload and the Store", **SIGNED)
    citations.store_renderings([cited])

    with django_assert_num_queries(1):
        citations.record_and_version_citations(cited)
    with django_assert_num_queries(1):
        citations_for(cited, version_specific=True)


def test_a_missing_rendering_is_made_and_stored_once(django_assert_num_queries):
    cited = version(title="Rendered on First Sight", **SIGNED)
    with django_assert_num_queries(2):  # the read, and one insert of all three
        first = citations_for(cited)

    assert CitationRendering.objects.count() == 3
    assert citations_for(cited) == first


def test_storing_renderings_makes_only_the_missing_ones():
    cited = version(title="Stored Ahead", **SIGNED)
    citations_for(cited)

    assert citations.store_renderings([cited]) == 3  # the version's own; the record's were there
    assert citations.store_renderings([cited]) == 0
    assert CitationRendering.objects.count() == 6


# --- Exports --------------------------------------------------------------------------------------


def parse_bibtex(text: str) -> tuple[str, str, dict[str, str]]:
    """A small reader for one entry: type, key and fields, braces balanced or it fails."""
    match = re.fullmatch(r"@(\w+)\{([^,\s]+),\n(.*)\}\n", text, re.DOTALL)
    assert match, text
    fields = {}
    for line in match[3].splitlines():
        name, value = re.fullmatch(r"  (\w+) = (.*),", line).groups()
        depth = 0
        for position, char in enumerate(value):
            if char in "{}" and (position == 0 or value[position - 1] != "\\"):
                depth += 1 if char == "{" else -1
                assert depth >= 0, line
        assert depth == 0, line
        fields[name] = value[1:-1] if value.startswith("{") else value
    return match[1], match[2], fields


def test_bibtex_entry():
    entry_type, key, fields = parse_bibtex(citations_for(version(**SIGNED))["bibtex"]["text"])

    assert (entry_type, key) == ("misc", "doc300240")
    assert fields["author"] == "Kohl, Helmut and {Japan-China Import-Export Association}"
    assert fields["title"] == "{" + KOHL_TITLE + "}"
    assert (fields["date"], fields["year"], fields["month"]) == ("1997-07-30", "1997", "jul")
    assert fields["translator"] == "Kieninger, Stephan"
    assert fields["howpublished"] == ARCHIVE
    assert fields["note"] == KOHL_SOURCE
    assert fields["url"] == f"{SITE}/documents/300240/"


def test_bibtex_escapes_what_tex_would_read_as_commands():
    title = r"Costs: 100% of $5 & more_{x} #1 ~ ^ \end"
    _type, _key, fields = parse_bibtex(citations_for(version(title=title))["bibtex"]["text"])

    assert fields["title"] == (
        r"{Costs: 100\% of \$5 \& more\_\{x\} \#1 \textasciitilde{} \textasciicircum{} \textbackslash{}end}"
    )


def test_bibtex_key_is_stable_and_names_the_version_when_asked():
    later = version(number=4, title="Corrected Title", date="1962")

    assert parse_bibtex(citations_for(later)["bibtex"]["text"])[1] == "doc300240"
    _type, key, fields = parse_bibtex(citations_for(later, version_specific=True)["bibtex"]["text"])
    assert (key, fields["version"]) == ("doc300240v4", "4")
    assert "month" not in fields


def parse_ris(text: str) -> list[tuple[str, str]]:
    assert text.endswith("ER  - \r\n")
    lines = text.split("\r\n")[:-1]
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines), lines
    return [(line[:2], line[6:]) for line in lines]


def test_ris_record():
    tags = parse_ris(citations_for(version(**SIGNED))["ris"]["text"])

    assert tags[0] == ("TY", "MANSCPT")
    assert tags[-1] == ("ER", "")
    assert ("TI", KOHL_TITLE) in tags
    assert [value for tag, value in tags if tag == "AU"] == [
        "Kohl, Helmut",
        "Japan-China Import-Export Association",
    ]
    assert ("A4", "Kieninger, Stephan") in tags
    assert ("PY", "1997") in tags
    assert ("DA", "1997/07/30/") in tags
    assert ("DB", ARCHIVE) in tags
    assert ("AN", "BArch, B 136/59748, 335-336") in tags
    assert ("UR", f"{SITE}/documents/300240/") in tags


def test_ris_keeps_an_uncertain_date_in_words_and_every_value_on_one_line():
    cited = version(date="1958?", display_date="circa 1958", summary="Two\nlines.")

    tags = dict(parse_ris(citations_for(cited)["ris"]["text"]))

    assert tags["DA"] == "1958///circa 1958"
    assert tags["AB"] == "Two lines."


def test_csl_json_is_a_list_of_one_item():
    data = json.loads(citations_for(version(**SIGNED))["csl_json"]["text"])

    assert isinstance(data, list)
    assert len(data) == 1
    (item,) = data
    assert item["id"] == "doc300240"
    assert item["type"] == "manuscript"
    assert item["title"] == KOHL_TITLE
    assert item["author"] == [
        {"family": "Kohl", "given": "Helmut"},
        {"literal": "Japan-China Import-Export Association"},
    ]
    assert item["translator"] == [{"family": "Kieninger", "given": "Stephan"}]
    assert item["issued"] == {"date-parts": [[1997, 7, 30]]}
    assert item["archive"] == ARCHIVE
    assert item["archive_location"] == "BArch, B 136/59748, 335-336"
    assert item["URL"] == f"{SITE}/documents/300240/"
    assert "accessed" not in item


def test_citations_for_gives_exactly_the_api_keys_with_their_downloads():
    rendered = citations_for(version(number=2), version_specific=True)

    assert set(rendered) == {"house", "chicago", "mla", "apa", "bibtex", "ris", "csl_json"}
    assert rendered.house == rendered["house"]["text"]
    assert rendered["ris"]["path"] == "/documents/300240/v/2/citation.ris"
    assert rendered["bibtex"]["url"] == f"{SITE}/documents/300240/v/2/citation.bib"
    assert rendered["csl_json"]["media_type"] == "application/vnd.citationstyles.csl+json; charset=utf-8"
    assert (
        rendered["ris"]["filename"]
        == "the-chancellors-helmut-kohls-conversation-with-the-president-300240-v2.ris"
    )
    json.dumps(rendered.as_dict())


@pytest.mark.parametrize(
    "edtf",
    [
        "1962-05-21",
        "1962-05",
        "1962",
        "1958?",
        "1958~",
        "1958%",
        "1962-05?",
        "1961-04/1961-06",
        "1961-04-12/1961-04-14",
        "1958?/1960",
        "2000-02-29",
        "2001-02-29",
        "1962-02-30",
        "1962-13",
        "1962-21",
        "196X",
        "196X?",
        "196X/1972",
        "196X-05",
        "19XX",
        "1962-05-21T10:00:00",
        "../1962",
    ],
)
def test_plain_dates_are_read_as_the_edtf_grammar_reads_them(edtf):
    # The common shapes skip the grammar (milliseconds a parse); whatever they give, it would give.
    assert csl_date(edtf) == citations._parsed_csl_date(edtf)
