"""Search on whichever database runs the suite: the same tests on SQLite (FTS5) and PostgreSQL.

Records are published through the workflow actions, so the index is filled the way it is in use.
Tests that only PostgreSQL can pass (Russian stemming, the GIN index) skip on SQLite with the reason.
"""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from archive.models import Document, PublishedVersion
from archive.search import SearchQuery, Sort, search
from archive.search.index import rebuild_index
from archive.search.models import SearchEntry
from curation import actions
from tests.archive.search_records import TextSpec, add_text, draft, edit, published, republish
from tests.factories import CollectionFactory, PersonFactory, RepositoryFactory, SubjectFactory, publish

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no Russian stemmer and no GIN index"
)


@pytest.fixture
def record(translator, editor):
    """record(title=…, texts=(TextSpec(…),), links={…}) -> a published record (version 1)."""

    def make(**fields):
        return published(translator=translator, editor=editor, **fields)

    return make


def titles(text: str = "", **query) -> list[str]:
    return [hit.title for hit in search(SearchQuery(text=text, **query)).hits]


# --- Finding words --------------------------------------------------------------------------------


def test_a_word_found_only_in_one_footnote_finds_the_record(record):
    record(title="Cable", texts=(TextSpec("The talks began.[1]", notes=("Literally, the quartermaster.",)),))
    record(title="Other cable", texts=(TextSpec("The talks ended."),))

    results = search(SearchQuery(text="quartermaster"))

    assert [hit.title for hit in results.hits] == ["Cable"]
    assert "<mark>quartermaster</mark>" in results.hits[0].snippet


def test_titles_summaries_texts_in_every_language_and_catalogue_names_are_searched(record):
    record(title="Alpha memorandum")
    record(title="Second", summary="A summary naming the Zanzibar question.")
    record(title="Third", texts=(TextSpec("Der Botschafter sprach über Quecksilber.", language="de"),))
    record(title="Fourth", links={"people": [PersonFactory(name="Wladyslaw Gomulka")]})

    assert titles("alpha") == ["Alpha memorandum"]
    assert titles("zanzibar") == ["Second"]
    assert titles("Quecksilber") == ["Third"]
    assert titles("Gomulka") == ["Fourth"]


def test_english_words_are_stemmed(record):
    record(title="Cable", texts=(TextSpec("The treaty was signed."),))

    assert titles("treaties") == ["Cable"]


@postgres_only
def test_russian_text_is_stemmed_as_russian(record):
    record(
        title="Telegram",
        original_language="ru",
        texts=(TextSpec("Проект договора о запрещении испытаний.", language="ru", kind="original"),),
    )
    record(title="Note", texts=(TextSpec("Текст договор.", language="ru", kind="original"),))

    assert sorted(titles("договор")) == ["Note", "Telegram"]
    assert sorted(titles("договора")) == ["Note", "Telegram"]
    assert sorted(titles("договоров")) == ["Note", "Telegram"]


@postgres_only
def test_german_text_is_stemmed_as_german(record):
    record(
        title="Vermerk",
        original_language="de",
        texts=(TextSpec("Die Absperrmaßnahmen in Berlin.", language="de", kind="original"),),
    )

    assert titles("Absperrmaßnahme") == ["Vermerk"]


def test_chinese_words_are_found_inside_a_sentence(record):
    record(
        title="Trade opinions",
        original_language="zh",
        texts=(TextSpec("日本工商界要求扩大对华贸易的呼声日益增高。", language="zh", kind="original"),),
    )
    record(title="Other", texts=(TextSpec("Trade with Japan."),))

    results = search(SearchQuery(text="对华贸易"))

    assert [hit.title for hit in results.hits] == ["Trade opinions"]
    assert "<mark>对华贸易</mark>" in results.hits[0].snippet


def test_a_quoted_phrase_needs_its_words_together_and_in_order(record):
    record(title="Together", texts=(TextSpec("They proposed a test ban at once."),))
    record(title="Apart", texts=(TextSpec("A ban on every test was proposed."),))

    assert titles('"test ban"') == ["Together"]
    assert sorted(titles("test ban")) == ["Apart", "Together"]


def test_or_finds_either_word(record):
    record(title="One", texts=(TextSpec("About the quarantine."),))
    record(title="Two", texts=(TextSpec("About the blockade."),))
    record(title="Three", texts=(TextSpec("About the weather."),))

    assert sorted(titles("quarantine OR blockade")) == ["One", "Two"]


def test_a_minus_leaves_out_records_with_the_word_or_phrase(record):
    record(title="Kept", texts=(TextSpec("The treaty and the moratorium talks.", notes=()),))
    record(
        title="Dropped", texts=(TextSpec("The treaty, a test ban.[1]", notes=("A moratorium was near.",)),)
    )
    record(title="Phrase", texts=(TextSpec("The treaty on a nuclear test."),))

    assert sorted(titles("treaty -moratorium")) == ["Phrase"]
    assert sorted(titles('treaty -"nuclear test"')) == ["Dropped", "Kept"]
    assert titles("-treaty") == []
    assert sorted(titles("-moratorium")) == ["Phrase"]


@pytest.mark.parametrize(
    "typed",
    [
        '"unclosed phrase',
        "NEAR(a b)",
        "a AND OR",
        "col:umn",
        "^start",
        "wild*",
        "!!&|",
        "-",
        '""',
        "OR",
        "a -",
    ],
)
def test_whatever_is_typed_is_read_as_words_not_an_error(record, typed):
    record(title="Anything", texts=(TextSpec("An unclosed phrase near a column: start wild words."),))

    search(SearchQuery(text=typed))


# --- Ranking, snippets ----------------------------------------------------------------------------


def test_a_title_match_ranks_above_a_summary_above_a_text_above_a_footnote(record):
    record(title="In the footnote", texts=(TextSpec("Words.[1]", notes=("The ultramarine ink.",)),))
    record(title="In the text", texts=(TextSpec("Written in ultramarine ink."),))
    record(title="Ultramarine in the title")
    record(title="In the summary", summary="About ultramarine ink.")

    assert titles("ultramarine") == [
        "Ultramarine in the title",
        "In the summary",
        "In the text",
        "In the footnote",
    ]


@postgres_only
def test_a_word_in_more_records_than_are_ranked_puts_title_matches_first_then_by_date(record, monkeypatch):
    """Beyond RANK_EXACT_LIMIT matches, the order comes from the match set's keys (read packed, 8 bytes
    each) and the facet pairs' dates, with or without a filter narrowing the match set."""
    from archive.search import engine

    record(title="Cobalt report", date="1970-01-02")
    record(title="Cable", date="1950-03-04", texts=(TextSpec("Cobalt was shipped."),))
    record(title="Note", date="1960-05-06", summary="About cobalt.")
    record(title="Undated memo", date="", texts=(TextSpec("More cobalt."),))
    record(title="Unrelated", date="1940-01-01")
    monkeypatch.setattr(engine, "RANK_EXACT_LIMIT", 1)

    with CaptureQueriesContext(connection) as queries:
        results = search(SearchQuery(text="cobalt"))
    narrowed = search(SearchQuery(text="cobalt", year_from=1955))

    # The keys come packed from the function that aggregates them, not as a row per match.
    assert any("archive_search_key_bytes(" in query["sql"] for query in queries.captured_queries)

    assert [hit.title for hit in results.hits] == ["Cobalt report", "Cable", "Note", "Undated memo"]
    assert results.total == 4
    assert sum(value.count for value in _group(results, "decade")) == 3
    assert [hit.title for hit in narrowed.hits] == ["Cobalt report", "Note"]
    assert narrowed.total == 2
    assert search(SearchQuery(text="cobalt", year_from=1990)).total == 0


def _group(results, facet: str):
    return next(group for group in results.facets if group.name == facet).values


def test_snippets_are_escaped_and_highlight_the_match(record):
    record(
        title="Markup", texts=(TextSpec("He wrote <script>alert(1)</script> and **cobalt** on the wall."),)
    )

    snippet = search(SearchQuery(text="cobalt")).hits[0].snippet

    assert "<mark>cobalt</mark>" in snippet
    assert "<script>" not in snippet
    assert "**" not in snippet


def test_snippets_are_computed_for_the_shown_page_only(record):
    for number in range(3):
        record(title=f"Record {number}", texts=(TextSpec("The same vermilion word."),))

    results = search(SearchQuery(text="vermilion", per_page=2))

    assert results.total == 3
    assert all("<mark>vermilion</mark>" in hit.snippet for hit in results.hits)
    assert len(results.hits) == 2


def test_the_page_of_a_narrow_search_is_read_by_its_keys_without_matching_the_words_again(record):
    for number in range(3):
        record(title=f"Record {number}", texts=(TextSpec("A cinnabar word."),))

    with CaptureQueriesContext(connection) as queries:
        results = search(SearchQuery(text="cinnabar", sort="date"))

    assert results.total == 3 and len(results.hits) == 3
    # The statement that finds the keys matches the words; the page's rows come from those keys.
    rows = [query["sql"] for query in queries if 'FROM "archive_publishedversion"' in query["sql"]]
    assert rows and not any(re.search(r"archive_search_matches|\bMATCH\b", sql) for sql in rows)


# --- Facets, date range, sorting, pages -----------------------------------------------------------


@pytest.fixture
def three_records(record):
    berlin, asia = CollectionFactory(title="Berlin"), CollectionFactory(title="Asia")
    wall = SubjectFactory(heading="Berlin Wall")
    adenauer = PersonFactory(name="Konrad Adenauer")
    rgani = RepositoryFactory(name="Russian State Archive", abbreviation="RGANI")
    first = record(
        title="Vermerk 1961",
        date="1961-08-17",
        original_language="de",
        repository=rgani,
        texts=(
            TextSpec("Die Lage in Berlin.", language="de", kind="original"),
            TextSpec("The situation in Berlin."),
        ),
        links={"collections": [berlin], "subjects": [wall], "people": [adenauer]},
    )
    second = record(
        title="Cable 1958",
        date="1958-11-27",
        original_language="ru",
        texts=(TextSpec("Berlin ultimatum.", language="ru", kind="original"), TextSpec("Berlin ultimatum.")),
        links={"collections": [berlin], "people": [adenauer]},
    )
    third = record(
        title="Note 1962",
        date="1962",
        original_language="zh",
        texts=(TextSpec("Trade with Japan."),),
        links={"collections": [asia]},
    )
    return {
        "records": (first, second, third),
        "berlin": berlin,
        "asia": asia,
        "wall": wall,
        "adenauer": adenauer,
        "rgani": rgani,
    }


def counts(results, facet: str) -> dict[str, int]:
    group = next((group for group in results.facets if group.name == facet), None)
    return {value.label: value.count for value in group.values} if group else {}


def test_facets_count_every_value_of_the_result_set(three_records):
    results = search(SearchQuery())

    assert results.total == 3
    assert counts(results, "collection") == {"Berlin": 2, "Asia": 1}
    assert counts(results, "subject") == {"Berlin Wall": 1}
    assert counts(results, "person") == {"Konrad Adenauer": 2}
    assert counts(results, "repository") == {"Russian State Archive (RGANI)": 1}
    assert counts(results, "language") == {"German": 1, "Russian": 1, "Chinese": 1}
    assert counts(results, "translation") == {"English": 3}
    assert list(counts(results, "decade")) == ["1950s", "1960s"]
    assert counts(results, "decade") == {"1950s": 1, "1960s": 2}


def test_facet_counts_follow_the_words_and_the_filters(three_records):
    berlin = str(three_records["berlin"].pk)

    by_words = search(SearchQuery(text="Berlin"))
    by_filter = search(SearchQuery(filters=(("collection", berlin), ("decade", "1960"))))

    assert counts(by_words, "collection") == {"Berlin": 2}
    assert counts(by_words, "decade") == {"1950s": 1, "1960s": 1}
    assert [hit.title for hit in by_filter.hits] == ["Vermerk 1961"]
    assert counts(by_filter, "person") == {"Konrad Adenauer": 1}
    assert by_filter.filter_labels == {("collection", berlin): "Berlin", ("decade", "1960"): "1960s"}


def test_every_filter_must_hold(three_records):
    adenauer, wall = str(three_records["adenauer"].pk), str(three_records["wall"].pk)

    assert sorted(titles(filters=(("person", adenauer),))) == ["Cable 1958", "Vermerk 1961"]
    assert titles(filters=(("person", adenauer), ("subject", wall))) == ["Vermerk 1961"]
    assert titles(filters=(("language", "ru"),)) == ["Cable 1958"]
    assert titles(filters=(("translation", "en"), ("language", "zh"))) == ["Note 1962"]
    assert titles(filters=(("person", "no such person"),)) == []


def test_the_date_range_keeps_records_whose_dates_overlap_it(three_records):
    assert titles(year_from=1960, sort=Sort.DATE) == ["Vermerk 1961", "Note 1962"]
    assert titles(year_to=1961, sort=Sort.DATE) == ["Cable 1958", "Vermerk 1961"]
    assert titles(year_from=1959, year_to=1960) == []
    assert titles(year_from=1962, year_to=1962) == ["Note 1962"]


def test_nothing_matching_with_filters_says_how_many_match_without_them(three_records):
    results = search(SearchQuery(text="Berlin", year_from=1970))

    assert results.total == 0
    assert results.total_without_filters == 2


def test_sorting_by_date_either_way_by_publication_and_by_relevance(three_records):
    assert titles(sort=Sort.DATE) == ["Cable 1958", "Vermerk 1961", "Note 1962"]
    assert titles(sort=Sort.DATE_DESC) == ["Note 1962", "Vermerk 1961", "Cable 1958"]
    assert titles(sort=Sort.PUBLISHED) == ["Note 1962", "Cable 1958", "Vermerk 1961"]
    assert titles("Berlin OR Vermerk")[0] == "Vermerk 1961"
    # Relevance needs words; without them the results come by date.
    assert search(SearchQuery(sort=Sort.RELEVANCE)).sort == Sort.DATE


def test_results_come_in_pages(record):
    for year in range(1950, 1955):
        record(title=f"Report {year}", date=str(year))

    pages = [search(SearchQuery(per_page=2, page=number, sort=Sort.DATE)) for number in (1, 2, 3)]

    assert [[hit.title for hit in page.hits] for page in pages] == [
        ["Report 1950", "Report 1951"],
        ["Report 1952", "Report 1953"],
        ["Report 1954"],
    ]
    assert pages[0].page.paginator.num_pages == 3
    assert search(SearchQuery(per_page=2, page=99)).page.number == 3
    assert search(SearchQuery(per_page=2, page="junk")).page.number == 1


# --- Only what is public --------------------------------------------------------------------------


def test_drafts_unpublished_edits_and_withdrawn_records_are_never_found(record, translator, editor):
    secret = CollectionFactory(title="Secret collection")
    draft(
        translator=translator,
        title="Draft",
        texts=(TextSpec("The carmine word."),),
        links={"collections": [secret]},
    )
    live = record(title="Live", texts=(TextSpec("Public words."),))
    add_text(live, TextSpec("Later carmine words.", language="de"), order=1)
    live.collections.add(secret)
    edit(live, user=translator)
    gone = record(title="Gone", texts=(TextSpec("Carmine too."),), links={"collections": [secret]})
    actions.withdraw(gone, actor=editor, reason="A duplicate.")

    assert titles("carmine") == []
    results = search(SearchQuery())
    assert [hit.title for hit in results.hits] == ["Live"]
    assert "Secret collection" not in counts(results, "collection")
    assert counts(results, "translation") == {"English": 1}
    assert search(SearchQuery(filters=(("collection", str(secret.pk)),))).total == 0


def test_a_new_version_replaces_the_old_one_in_the_index(record, translator, editor):
    document = record(title="Cable", texts=(TextSpec("The saffron draft."),))
    text = document.texts.get()
    text.body = "The indigo final."
    text.save()
    edit(document, user=translator)
    republish(document, editor=editor)

    assert titles("saffron") == []
    assert titles("indigo") == ["Cable"]
    assert SearchEntry.objects.filter(document=document).count() == 1


def test_facet_counts_in_memory_follow_publishing_a_new_version_and_withdrawal(record, translator, editor):
    collection = CollectionFactory(title="Followed")
    first = record(title="First", texts=(TextSpec("Vermilion."),), links={"collections": [collection]})
    assert counts(search(SearchQuery(text="vermilion")), "collection") == {"Followed": 1}

    record(title="Second", texts=(TextSpec("Vermilion."),), links={"collections": [collection]})
    assert counts(search(SearchQuery(text="vermilion")), "collection") == {"Followed": 2}

    first.collections.remove(collection)
    edit(first, user=translator)
    republish(first, editor=editor)
    assert counts(search(SearchQuery(text="vermilion")), "collection") == {"Followed": 1}

    actions.withdraw(Document.objects.get(title="Second"), actor=editor, reason="A duplicate.")
    assert counts(search(SearchQuery(text="vermilion")), "collection") == {}


def test_a_rolled_back_change_does_not_leave_its_facet_counts_behind(record, editor):
    record(title="Kept", texts=(TextSpec("Viridian."),))
    with pytest.raises(RuntimeError), transaction.atomic():
        record(
            title="Rolled back",
            texts=(TextSpec("Viridian."),),
            links={"collections": [CollectionFactory(title="Gone")]},
        )
        assert counts(search(SearchQuery(text="viridian")), "collection") == {"Gone": 1}
        raise RuntimeError("the transaction fails")

    assert counts(search(SearchQuery(text="viridian")), "collection") == {}


def test_the_index_changes_only_if_publishing_commits(translator, editor):
    document = draft(translator=translator, title="Rolled back", texts=(TextSpec("The cerulean word."),))

    with pytest.raises(RuntimeError), transaction.atomic():
        assert publish(document, approver=editor).is_current
        assert titles("cerulean") == ["Rolled back"]
        raise RuntimeError("the publishing transaction fails")

    assert titles("cerulean") == []
    assert not SearchEntry.objects.exists()


def test_rebuilding_the_index_finds_the_same(three_records):
    before = {text: titles(text) for text in ("Berlin", "Japan", "-Berlin")}

    assert rebuild_index() == 3
    assert {text: titles(text) for text in before} == before


def test_migrate_fills_an_empty_index_when_records_are_published(three_records):
    from archive.search.backends import get_backend
    from archive.search.index import fill_empty_index

    get_backend().clear()
    SearchEntry.objects.all().delete()
    assert titles("Berlin") == []

    fill_empty_index(sender=None)

    assert sorted(titles("Berlin")) == ["Cable 1958", "Vermerk 1961"]


# --- PostgreSQL's index ---------------------------------------------------------------------------


@postgres_only
def test_text_search_reads_the_gin_index(three_records):
    from archive.search.backends.postgres import PostgresBackend
    from archive.search.syntax import parse

    matcher = PostgresBackend().matcher(parse('Berlin -"test ban"'))
    assert "archive_search_matches" in str(matcher.filter(PublishedVersion.objects.current()).query)
    with connection.cursor() as cursor:
        # The function runs its query with sequential scans off (a word in most records would
        # otherwise read every vector). Three records are also cheaper to read through the primary
        # key, row by row: with that off too, what is left is the index made for the condition.
        cursor.execute("SELECT proconfig FROM pg_proc WHERE proname = 'archive_search_matches'")
        assert cursor.fetchone()[0] == ["enable_seqscan=off"]
        for setting in ("enable_seqscan", "enable_indexscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(
            "EXPLAIN SELECT version_id FROM archive_searchentry WHERE vector @@ %s::tsquery",
            [matcher.required[0]],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "Bitmap Index Scan on archive_searchentry_vector_gin" in plan


def test_the_date_of_a_record_is_its_overlap_with_the_range(record):
    record(title="Range", date="1958/1962")

    assert titles(year_from=1960, year_to=1960) == ["Range"]
    assert counts(search(SearchQuery()), "decade") == {"1950s": 1, "1960s": 1}


@postgres_only
@pytest.mark.django_db
def test_the_archive_connections_do_not_compile_queries():
    # JIT compilation cost 15 ms on a 10 ms snippet query (config.settings): it is off per connection.
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 ranking join is SQLite's")
def test_the_fts5_ranking_is_not_run_once_per_row(three_records):
    # SqliteMatcher.ranked joins the FTS5 table; its join once named the versions' table, which in
    # the page's subquery (aliased U0) meant the outer query's row: the ranking ran once per outer
    # row, minutes for a common word in a few thousand records.
    with CaptureQueriesContext(connection) as queries:
        results = search(SearchQuery(text="Berlin"))
    assert results.total >= 1
    ranked = [query["sql"] for query in queries if "bm25(" in query["sql"]]
    assert ranked
    with connection.cursor() as cursor:
        for sql in ranked:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
            assert "CORRELATED" not in plan, plan
