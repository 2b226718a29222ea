"""Revision comparison: word diffs (Latin, Cyrillic, CJK, footnote markers), record states, field diffs."""

import json
import random
import time

import pytest
import reversion
from reversion.models import Version

from archive.models import Document, Footnote, ProvenanceEvent, Text
from curation.diff import (
    Change,
    compare_revisions,
    compare_states,
    diff_words,
    empty_state,
    split_sentences,
    state_of_published,
    state_of_revision,
    tokenize,
)
from curation.snapshot import build_payload
from tests.factories import (
    ContributionFactory,
    DocumentFactory,
    FootnoteFactory,
    PersonFactory,
    PlaceFactory,
    ProvenanceEventFactory,
    RepositoryFactory,
    SubjectFactory,
    TextFactory,
)

# --- tokens ---------------------------------------------------------------------------------------------


def test_tokens_join_back_to_the_text():
    text = "Хрущёв сказал:[1] «Нет».\n\n日本語のテキスト abc漢字 [there] F[idel] [1](http://x)\t end"
    assert "".join(tokenize(text)) == text


def test_footnote_markers_are_tokens_of_their_own():
    assert tokenize("noon.[12] Then") == ["noon", ".", "[12]", " ", "Then"]


def test_editorial_brackets_are_not_markers():
    assert "[1961]" not in tokenize("in [1961] F[idel]")
    assert tokenize("F[idel]") == ["F", "[", "idel", "]"]


def test_cjk_characters_are_compared_one_by_one():
    assert tokenize("日本語のテキスト") == list("日本語のテキスト")
    assert tokenize("我们开会。") == ["我", "们", "开", "会", "。"]


def test_cyrillic_words_stay_whole():
    assert tokenize("Товарищ Хрущёв") == ["Товарищ", " ", "Хрущёв"]


def test_sentences_join_back_to_the_text():
    text = "First one. Second one? «Third!» \nA line\n\n我们开会。他们来了！End"
    units = split_sentences(text)
    assert "".join(units) == text
    assert len(units) >= 6


# --- word diffs -----------------------------------------------------------------------------------------


def test_word_diff_marks_insertions_and_deletions():
    diff = diff_words("The talks began at noon.", "The talks started at noon.")
    assert diff.html() == "The talks <del>began</del><ins>started</ins> at noon."
    assert (diff.inserted_words, diff.deleted_words) == (1, 1)


def test_replacements_separated_by_a_space_read_as_one_change():
    assert diff_words("one two three four", "one TWO THREE four").html() == (
        "one <del>two three</del><ins>TWO THREE</ins> four"
    )


def test_a_renumbered_marker_is_its_own_change():
    diff = diff_words("at noon.[1] He left.", "at noon.[2] He left.")
    assert diff.html() == "at noon.<del>[1]</del><ins>[2]</ins> He left."


def test_diff_html_is_escaped():
    diff = diff_words("a <b>bold</b> & co", "a <i>bold</i> & co")
    html = diff.html()
    assert "<b>" not in html and "<i>" not in html
    assert "&lt;" in html and "&amp;" in html


def test_russian_word_diff():
    old = "Товарищ Хрущёв сказал, что переговоры начнутся в полдень.[1]"
    new = "Товарищ Хрущёв заявил, что переговоры начнутся утром.[1]"
    diff = diff_words(old, new)
    assert "<del>сказал</del><ins>заявил</ins>" in diff.html()
    assert "<del>в полдень</del><ins>утром</ins>" in diff.html()
    assert (diff.inserted_words, diff.deleted_words) == (2, 3)
    assert diff.old == old and diff.new == new


def test_chinese_diff_is_character_by_character():
    diff = diff_words("我们今天开会。", "我们明天开会了。")
    assert diff.html() == "我们<del>今</del><ins>明</ins>天开会<ins>了</ins>。"


def test_japanese_diff_is_character_by_character():
    diff = diff_words("日本政府は声明を発表した。", "日本政府は新しい声明を発表した。")
    assert diff.html() == "日本政府は<ins>新しい</ins>声明を発表した。"
    assert diff.inserted_words == 3  # one per character: CJK has no word boundaries to count


def test_whitespace_and_line_breaks_are_kept():
    old, new = "Para one.\n\nPara  two.", "Para one.\n\nPara  three."
    diff = diff_words(old, new)
    assert diff.old == old and diff.new == new
    assert diff.html() == "Para one.\n\nPara  <del>two</del><ins>three</ins>."


def test_identical_and_empty_texts():
    assert not diff_words("same", "same").changed
    assert not diff_words("", "").changed
    assert diff_words("", "new words").html() == "<ins>new words</ins>"
    assert diff_words("old words", "").html() == "<del>old words</del>"


def test_condensed_html_folds_long_unchanged_runs():
    words = " ".join(f"word{i}" for i in range(300))
    diff = diff_words(words + " end.", words + " finish.")
    condensed = diff.html(condensed=True)
    assert "unchanged words" in condensed
    assert "<del>end</del><ins>finish</ins>" in condensed
    assert "word299" in condensed and "word0 " not in condensed


def _synthetic_text(size: int, seed: int) -> str:
    """A Zipf-like prose text of about `size` bytes, with sentences and paragraphs."""
    rng = random.Random(seed)
    vocabulary = ["the", "of", "and", "to", "a", "in", "that", "is", "was", "he"]
    vocabulary += [f"w{n}" for n in range(2000)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    sentences, length = [], 0
    while length < size:
        words = rng.choices(vocabulary, weights, k=rng.randint(6, 30))
        sentence = " ".join(words).capitalize() + rng.choice([".", ".", "?", ",[3] and so."])
        sentences.append(sentence + rng.choice([" ", " ", "\n\n"]))
        length += len(sentence) + 1
    return "".join(sentences)


def test_thirty_kilobyte_texts_diff_quickly():
    old = _synthetic_text(30_000, seed=1)
    words = old.split(" ")
    for index in range(0, len(words), 97):
        words[index] = "CHANGED"
    new = " ".join(words)
    started = time.perf_counter()
    diff = diff_words(old, new)
    elapsed = time.perf_counter() - started
    assert diff.old == old and diff.new == new
    assert diff.inserted_words >= len(range(0, len(words), 97))
    assert elapsed < 1.0, f"30 KB diff took {elapsed:.2f} s"


def test_thirty_kilobytes_of_cjk_diff_quickly():
    rng = random.Random(2)
    characters = (
        "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事"
    )
    old = "".join(
        "".join(rng.choices(characters, k=rng.randint(10, 40))) + rng.choice("。。，\n") for _ in range(400)
    )
    new = "".join("変" if index % 50 == 0 else char for index, char in enumerate(old))
    started = time.perf_counter()
    diff = diff_words(old, new)
    assert time.perf_counter() - started < 1.0
    assert diff.new == new and diff.inserted_words == len(range(0, len(old), 50))


def test_a_pathological_block_is_shown_replaced_whole_rather_than_slowly():
    rng = random.Random(3)
    old = "".join(rng.choices("的一是不了人我在有他", k=6000))
    new = "".join(rng.choices("的一是不了人我在有他", k=6000))
    started = time.perf_counter()
    diff = diff_words(old, new)
    assert time.perf_counter() - started < 1.0
    assert diff.old == old and diff.new == new
    assert any(isinstance(chunk, Change) for chunk in diff.chunks)


# --- record states from revisions -----------------------------------------------------------------------


def _save_revision(*objects, comment: str = "") -> reversion.models.Revision:
    with reversion.create_revision():
        for obj in objects:
            obj.save()
        reversion.set_comment(comment)
    return Version.objects.get_for_object(objects[0]).first().revision


@pytest.fixture
def record(db):
    repository = RepositoryFactory(name="Russian State Archive of Contemporary History", abbreviation="RGANI")
    document = DocumentFactory(
        title="Conversation with Khrushchev",
        repository=repository,
        archival_reference="F. 3, Op. 16, D. 947",
    )
    original = TextFactory(
        document=document, kind=Text.Kind.ORIGINAL, language="ru", body="Хрущёв сказал: нет.[1]"
    )
    translation = TextFactory(document=document, language="en", body="Khrushchev said no.[1]")
    FootnoteFactory(text=original, number=1, body="Примечание.")
    FootnoteFactory(text=translation, number=1, body="Literally, 'never'.")
    ProvenanceEventFactory(document=document, kind=ProvenanceEvent.Kind.DECLASSIFIED, date="1992")
    ContributionFactory(document=document, person=PersonFactory(name="Gary Goldberg"))
    document.subjects.add(SubjectFactory(heading="Nuclear weapons--Testing"))
    document.creators.add(PersonFactory(name="Nikita Khrushchev"))
    return document


def test_state_of_revision_holds_the_whole_record(record):
    revision = _save_revision(record)
    state = state_of_revision(revision)
    assert state["metadata"]["title"] == "Conversation with Khrushchev"
    assert state["metadata"]["date"] == "1962-05-21 (May 21, 1962)"
    assert state["metadata"]["original_language"] == "Russian (ru)"
    assert state["metadata"]["repository"] == "Russian State Archive of Contemporary History (RGANI)"
    assert state["links"]["subjects"] == ["Nuclear weapons--Testing"]
    assert state["links"]["creators"] == ["Nikita Khrushchev"]
    assert list(state["texts"]) == ["original:ru", "translation:en"]
    assert state["texts"]["translation:en"]["footnotes"] == {
        1: {"kind": Footnote.Kind.TRANSLATOR, "body": "Literally, 'never'."}
    }
    assert state["provenance"][0]["kind"] == "declassified"
    assert state["credits"] == [{"person": "Gary Goldberg", "role": "translated", "qualifier": ""}]


def test_state_comes_from_the_revision_not_the_working_copy(record):
    revision = _save_revision(record)
    Text.objects.filter(document=record).update(body="Changed later, outside any revision.")
    Document.objects.filter(pk=record.pk).update(title="Renamed later")
    state = state_of_revision(revision)
    assert state["metadata"]["title"] == "Conversation with Khrushchev"
    assert state["texts"]["translation:en"]["body"] == "Khrushchev said no.[1]"


def test_comparing_two_revisions(record):
    first = _save_revision(record)
    translation = record.texts.get(language="en")
    translation.body = "Khrushchev said never.[1]"
    note = translation.footnotes.get(number=1)
    note.body = "Literally, 'not ever'."
    note.save()
    FootnoteFactory(text=translation, number=2, body="A new note.")
    record.title = "Conversation with N. S. Khrushchev"
    record.subjects.add(SubjectFactory(heading="Cold War--Diplomacy"))
    record.provenance_events.update(agent="RGANI reading room")
    ContributionFactory(document=record, person=PersonFactory(name="Svetlana Savranskaya"), role="edited")
    second = _save_revision(record, translation)

    diff = compare_revisions(first, second)

    assert [change.name for change in diff.metadata] == ["title"]
    assert diff.metadata[0].diff.html() == "Conversation with <ins>N. S. </ins>Khrushchev"
    assert diff.links[0].added == ("Cold War--Diplomacy",) and diff.links[0].removed == ()
    text = next(text for text in diff.texts if text.key == "translation:en")
    assert text.status == "changed"
    assert "<del>no</del><ins>never</ins>" in text.body.html()
    assert [(n.number, n.status) for n in text.changed_footnotes] == [(1, "changed"), (2, "added")]
    assert next(t for t in diff.texts if t.key == "original:ru").status == "unchanged"
    assert [(row.status, row.changed_columns) for row in diff.provenance] == [("changed", ("agent",))]
    assert [(row.status, row.new["person"]) for row in diff.credits] == [("added", "Svetlana Savranskaya")]
    assert diff.size.inserted_words > 0 and diff.changed


def test_removed_text_and_rows(record):
    first = _save_revision(record)
    record.texts.filter(kind=Text.Kind.ORIGINAL).delete()
    record.provenance_events.all().delete()
    record.contributions.all().delete()
    second = _save_revision(record)
    diff = compare_revisions(first, second)
    removed = next(text for text in diff.texts if text.key == "original:ru")
    assert removed.status == "removed"
    assert removed.body.html() == "<del>Хрущёв сказал: нет.[1]</del>"
    assert [row.status for row in diff.provenance] == ["removed"]
    assert [row.status for row in diff.credits] == ["removed"]


def test_compare_with_nothing_shows_everything_added(record):
    diff = compare_revisions(None, _save_revision(record))
    assert all(text.status == "added" for text in diff.texts)
    assert {change.name for change in diff.metadata} >= {"title", "date", "summary"}


def test_same_revision_has_no_changes(record):
    revision = _save_revision(record)
    diff = compare_revisions(revision, revision)
    assert not diff.changed and diff.size.is_empty


def test_provenance_rows_aligned_in_order(record):
    first = _save_revision(record)
    ProvenanceEventFactory(document=record, kind=ProvenanceEvent.Kind.DIGITISED, date="2005", order=5)
    second = _save_revision(record)
    assert [row.status for row in compare_revisions(first, second).provenance] == ["added"]


def test_deleted_authority_shows_its_id(record):
    place = PlaceFactory(name="Pitsunda")
    ProvenanceEventFactory(document=record, place=place, order=3)
    revision = _save_revision(record)
    ProvenanceEvent.objects.filter(place=place).delete()
    place.delete()
    state = state_of_revision(revision)
    assert "deleted" in state["provenance"][-1]["place"]


def test_state_queries_do_not_grow_with_the_record(record, django_assert_max_num_queries):
    for number in range(2, 30):
        FootnoteFactory(text=record.texts.get(language="en"), number=number)
    revision = _save_revision(record)
    with django_assert_max_num_queries(10):
        state_of_revision(revision)


def test_empty_state_against_empty_state():
    assert not compare_states(empty_state(), empty_state()).changed


# --- published payloads ---------------------------------------------------------------------------------


def test_a_payload_compares_equal_to_the_revision_it_was_built_from(record):
    record.places.add(PlaceFactory(name="Moscow", parent=PlaceFactory(name="Soviet Union")))
    record.display_date_override = "late May 1962"
    revision = _save_revision(record)
    payload = build_payload(revision, record)
    diff = compare_states(state_of_published(payload), state_of_revision(revision))
    assert not diff.changed, diff


def test_a_payload_against_a_later_revision(record):
    payload = build_payload(_save_revision(record), record)
    translation = record.texts.get(language="en")
    translation.body = "Khrushchev said yes.[1]"
    record.source_override = "A legacy source sentence."
    later = _save_revision(record, translation)
    diff = compare_states(state_of_published(payload), state_of_revision(later))
    assert [text.key for text in diff.changed_texts] == ["translation:en"]
    assert diff.metadata == ()  # the override is not in the payload, so it is not compared


def test_payload_state_reads_json_round_tripped_payloads(record):
    payload = json.loads(json.dumps(build_payload(_save_revision(record), record)))
    state = state_of_published(payload)
    assert state["texts"]["translation:en"]["footnotes"][1]["body"] == "Literally, 'never'."
    assert state["links"]["creators"] == ["Nikita Khrushchev"]
