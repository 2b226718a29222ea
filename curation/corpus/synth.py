"""Synthetic records, as plain data: what one generated document holds and how it came to be.

Everything here is a pure function of (seed, index), so a corpus is reproducible whatever the batch
size or the number of worker processes, and nothing touches the database: curation.corpus.writer
turns a RecordSpec into rows. Authority records are referred to by their position in the corpus's
authority pools (curation.corpus.authorities), which the writer maps to primary keys.

The shapes follow the issue's brief: texts of 2,000–30,000 characters (log-uniform, so most are
short and some long, as in a real archive), 0–60 footnotes, 1–3 texts in several languages including
Russian and Ukrainian in Cyrillic, 1–8 people, provenance, 1–3 collections, and a history of 1–5
revisions that ends in one or two publications.
"""

import datetime as dt
import math
import random
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, pairwise

from archive.markers import MARKER_RE
from curation.corpus.words import TAIL_SYLLABLES, UNSPACED, WORDS

# Original languages and how often records are in them; translations go into English first.
ORIGINAL_LANGUAGES = {"ru": 34, "en": 18, "de": 12, "zh": 8, "uk": 8, "fr": 8, "es": 7}
SECOND_TRANSLATIONS = ("ru", "de", "fr", "es")
DOCUMENT_TYPES = (
    "letter",
    "memorandum",
    "memcon",
    "telegram",
    "minutes",
    "report",
    "speech",
    "transcript",
    "diary",
    "treaty",
)
CLASSIFICATIONS = ("", "", "Secret", "Top Secret", "Confidential", "Strictly Secret", "For Official Use")
PROVENANCE_KINDS = ("created", "held", "declassified", "copied", "acquired", "digitised", "translated")
CREDIT_ROLES = ("contributed", "obtained", "transcribed", "translated", "edited", "assisted")
NOTE_KINDS = ("translator", "translator", "editor", "original")
MIN_TEXT_CHARS, MAX_TEXT_CHARS = 2_000, 30_000
MAX_FOOTNOTES = 60
# Draws of how a record came to be: E = a saved edit (a content revision), P = an approval that
# publishes the latest edit. Weighted towards short histories; every record ends up public.
HISTORIES = {"EP": 40, "EEP": 25, "EPE": 8, "EPEP": 12, "EEEP": 8, "EEPEP": 7}


@dataclass(frozen=True)
class Pools:
    """How many authority records of each kind the corpus has (see curation.corpus.authorities)."""

    people: int
    places: int
    subjects: int
    collections: int
    repositories: int
    donors: int
    translators: int
    editors: int
    codewords: int


@dataclass
class NoteSpec:
    number: int
    kind: str
    body: str


@dataclass
class TextSpec:
    kind: str
    language: str
    title: str
    body: str
    footnotes: list[NoteSpec]
    # The body as each earlier edit left it: the same markers, some paragraphs worded differently.
    drafts: list[str] = field(default_factory=list)


@dataclass
class RecordSpec:
    index: int
    title: str
    date: str
    summary: str
    document_type: str
    original_language: str
    classification: str
    rights: str
    repository: int | None
    archival_reference: str
    texts: list[TextSpec]
    credits: list[tuple[int, str]]  # (person, role)
    provenance: list[dict]
    creators: list[int]
    people: list[int]
    places: list[int]
    subjects: list[int]
    collections: list[int]
    donors: list[int]
    history: str  # see HISTORIES
    translator: int
    editor: int
    started: dt.datetime

    @property
    def edits(self) -> int:
        return self.history.count("E")


def record_spec(seed: int, index: int, pools: Pools) -> RecordSpec:
    """The index-th record of the corpus generated with `seed`."""
    rng = random.Random(f"{seed}:{index}")
    language = _weighted(rng, ORIGINAL_LANGUAGES)
    date = _edtf_date(rng)
    history = _weighted(rng, HISTORIES)
    codeword = rare_word(rng.randrange(pools.codewords)) if rng.random() < 0.3 else ""
    texts = _texts(rng, language, drafts=history.count("E") - 1, codeword=codeword)
    people = _zipf_sample(rng, pools.people, rng.randint(1, 8))
    summary = _paragraph(rng, "en", sentences=rng.randint(1, 4))
    return RecordSpec(
        index=index,
        title=_title(rng),
        date=date,
        summary=f"{summary} Code name {codeword}." if codeword else summary,
        document_type=rng.choice(DOCUMENT_TYPES),
        original_language=language,
        classification=rng.choice(CLASSIFICATIONS),
        rights=rng.choice(("", "Public domain.", "Used with the permission of the holding archive.")),
        repository=_zipf(rng, pools.repositories) if rng.random() < 0.92 else None,
        archival_reference=_reference(rng),
        texts=texts,
        credits=_credits(rng, pools.people),
        provenance=_provenance(rng, date, pools),
        creators=people[: rng.randint(1, min(2, len(people)))],
        people=people[1:],
        places=_zipf_sample(rng, pools.places, rng.randint(0, 4)),
        subjects=_zipf_sample(rng, pools.subjects, rng.randint(1, 5)),
        collections=_zipf_sample(rng, pools.collections, rng.randint(1, 3)),
        donors=_zipf_sample(rng, pools.donors, rng.choice((0, 0, 1, 1, 2))),
        history=history,
        translator=rng.randrange(pools.translators),
        editor=rng.randrange(pools.editors),
        started=dt.datetime(2012, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=rng.randrange(6_500_000)),
    )


# --- Texts ----------------------------------------------------------------------------------------


def _texts(rng: random.Random, original: str, *, drafts: int, codeword: str) -> list[TextSpec]:
    count = _weighted(rng, {1: 35, 2: 50, 3: 15})
    languages = [original]
    if count >= 2:
        languages.append("en" if original != "en" else rng.choice(SECOND_TRANSLATIONS))
    if count == 3:
        languages.append(rng.choice([code for code in SECOND_TRANSLATIONS if code not in languages]))
    notes = _note_count(rng)
    # The notes sit mostly on the first translation, a few on the original; never more than 60 in all.
    on_original = min(notes, rng.randint(0, notes // 4)) if count > 1 else notes
    texts = []
    for position, language in enumerate(languages):
        kind = ("original" if rng.random() < 0.7 else "transcript") if position == 0 else "translation"
        footnotes = on_original if position == 0 else (notes - on_original if position == 1 else 0)
        texts.append(_text(rng, kind, language, footnotes, drafts=drafts))
    if codeword:
        texts[0].body = f"{codeword}. {texts[0].body}"
        texts[0].drafts = [f"{codeword}. {draft}" for draft in texts[0].drafts]
    return texts


def _note_count(rng: random.Random) -> int:
    draw = rng.random()
    if draw < 0.3:
        return 0
    if draw < 0.32:
        return MAX_FOOTNOTES
    return min(MAX_FOOTNOTES, 1 + int(rng.expovariate(1 / 12)))


def _text(rng: random.Random, kind: str, language: str, notes: int, *, drafts: int) -> TextSpec:
    size = int(math.exp(rng.uniform(math.log(MIN_TEXT_CHARS), math.log(MAX_TEXT_CHARS))))
    return sized_text(rng, kind, language, size=size, notes=notes, drafts=drafts)


def sized_text(
    rng: random.Random, kind: str, language: str, *, size: int, notes: int, drafts: int = 0
) -> TextSpec:
    """A text of about `size` characters with `notes` footnotes, and `drafts` earlier wordings of it."""
    paragraphs = _paragraphs(rng, language, size)
    _place_markers(rng, paragraphs, notes)
    footnotes = [
        NoteSpec(number, rng.choice(NOTE_KINDS), _paragraph(rng, "en", sentences=rng.randint(1, 3)))
        for number in range(1, notes + 1)
    ]
    body = "\n\n".join(paragraphs)
    return TextSpec(
        kind=kind,
        language=language,
        title=_sentence(rng, language, words=rng.randint(4, 9)).rstrip("."),
        body=body,
        footnotes=footnotes,
        drafts=[_redrafted(rng, paragraphs, language) for _ in range(drafts)],
    )


def _paragraphs(rng: random.Random, language: str, size: int) -> list[str]:
    paragraphs, length = [], 0
    while length < size:
        paragraph = _paragraph(rng, language, sentences=rng.randint(2, 7))
        if rng.random() < 0.04:
            paragraph = "## " + _sentence(rng, language, words=rng.randint(2, 5)).rstrip(".")
        elif rng.random() < 0.04:
            paragraph = "\n".join(f"- {_sentence(rng, language, words=rng.randint(3, 9))}" for _ in range(3))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return paragraphs


def _place_markers(rng: random.Random, paragraphs: list[str], notes: int) -> None:
    """Append markers [1]..[notes] in order, each to a paragraph at or after the previous one's."""
    prose = [i for i, paragraph in enumerate(paragraphs) if not paragraph.startswith(("## ", "- "))]
    if not prose or not notes:
        return
    positions = sorted(rng.choice(prose) for _ in range(notes))
    for number, position in enumerate(positions, start=1):
        body = paragraphs[position]
        # "[1][2]" would not be two markers (archive.markers): a second one in a row gets a space.
        gap = " " if body[-2] == "]" else ""
        paragraphs[position] = f"{body[:-1]}{gap}[{number}]{body[-1]}"


def _redrafted(rng: random.Random, paragraphs: list[str], language: str) -> str:
    """An earlier wording: one or two prose paragraphs written differently, their markers kept."""
    draft = list(paragraphs)
    for _ in range(rng.randint(1, 2)):
        position = rng.randrange(len(draft))
        if draft[position].startswith(("## ", "- ")):
            continue
        markers = " ".join(marker.group(0) for marker in MARKER_RE.finditer(draft[position]))
        draft[position] = _paragraph(rng, language, sentences=rng.randint(2, 6))[:-1] + markers + "."
    return "\n\n".join(draft)


# --- Words ----------------------------------------------------------------------------------------

_VOCABULARY = {language: words.split() for language, words in WORDS.items()}
STREAM_WORDS = 200_000
# A real vocabulary has a long tail: most of its words are rare, and a text holds many of them. The
# word lists give the common words; made-up words (curation.corpus.words.SYLLABLES) give the tail, so
# that a word's share of the records falls off with its rank as in real prose instead of every listed
# word being in almost every record.
TAIL_WORDS = 20_000
TAIL_SHARE = 0.35
TAIL_DRAWS = 500_000


@cache
def _stream(language: str) -> list[str]:
    """A long run of the language's listed words, drawn once with Zipf-like weights (the n-th word of
    a list in proportion to 1 / (n + 2)); texts are cut from it at random places. Drawing each word of
    each text afresh was most of the time spent making records."""
    vocabulary = _VOCABULARY[language]
    weights = list(accumulate(1 / (rank + 2) for rank in range(len(vocabulary))))
    return random.Random(f"words:{language}").choices(vocabulary, cum_weights=weights, k=STREAM_WORDS)


@cache
def _tail(language: str) -> list[str]:
    """Draws from the language's rare words (made up from its syllables) with Zipf-like weights,
    ready to be picked from uniformly: each pick is a fresh draw from the long tail."""
    rng = random.Random(f"tail:{language}")
    syllables = TAIL_SYLLABLES[language]
    words: dict[str, None] = {}
    while len(words) < TAIL_WORDS:
        words["".join(rng.choices(syllables, k=rng.randint(2, 4)))] = None
    weights = list(accumulate(1 / (rank + 50) for rank in range(TAIL_WORDS)))
    return rng.choices(list(words), cum_weights=weights, k=TAIL_DRAWS)


def prepare_words() -> None:
    """Draw every language's word streams now: worker processes forked afterwards share them instead
    of each drawing its own (a few seconds of each worker's time)."""
    _rare_positions()
    for language in _VOCABULARY:
        _stream(language)
        _tail(language)


@cache
def _rare_positions() -> list[int]:
    """Which words of a long run are rare ones (each with probability TAIL_SHARE), drawn once; a
    text's rare words go where a window of this run says, cheaper than sampling places afresh."""
    rng = random.Random("rare-positions")
    return [position for position in range(STREAM_WORDS) if rng.random() < TAIL_SHARE]


def _words(rng: random.Random, language: str, count: int) -> list[str]:
    stream = _stream(language)
    start = rng.randrange(len(stream) - count)
    words = stream[start : start + count]
    positions, offset = _rare_positions(), rng.randrange(STREAM_WORDS - count)
    first, last = bisect_left(positions, offset), bisect_left(positions, offset + count)
    tail = _tail(language)
    # The tail's draws are independent already: any run of them is a fresh sample.
    draw = rng.randrange(len(tail) - (last - first))
    for position, word in zip(positions[first:last], tail[draw : draw + last - first], strict=True):
        words[position - offset] = word
    return words


def _sentence(rng: random.Random, language: str, *, words: int) -> str:
    return _punctuated(_words(rng, language, words), language)


def _punctuated(words: list[str], language: str) -> str:
    if language in UNSPACED:
        return "".join(words) + "。"
    first = words[0]
    return " ".join([first[:1].upper() + first[1:], *words[1:]]) + "."


def _paragraph(rng: random.Random, language: str, *, sentences: int) -> str:
    # One draw of words for the whole paragraph, cut into sentences: drawing is most of the cost.
    lengths = [6 + int(rng.random() * 19) for _ in range(sentences)]
    words = _words(rng, language, sum(lengths))
    cuts = list(accumulate(lengths, initial=0))
    joiner = "" if language in UNSPACED else " "
    return joiner.join(_punctuated(words[start:end], language) for start, end in pairwise(cuts))


def _title(rng: random.Random) -> str:
    kind = rng.choice(("Memorandum of Conversation", "Telegram", "Letter", "Minutes", "Report", "Record"))
    about = _sentence(rng, "en", words=rng.randint(3, 7)).rstrip(".")
    return f"{kind}: {about}"


# --- Dates, provenance, credits -------------------------------------------------------------------


def _edtf_date(rng: random.Random) -> str:
    year = rng.randint(1945, 1991)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    form = rng.random()
    if form < 0.62:
        return f"{year}-{month:02d}-{day:02d}"
    if form < 0.82:
        return f"{year}-{month:02d}"
    if form < 0.88:
        return str(year)
    if form < 0.92:
        return f"{year}?"
    if form < 0.96:
        return f"{year}-{month:02d}/{year}-{min(12, month + rng.randint(1, 3)):02d}"
    if form < 0.98:
        return f"{str(year)[:3]}X"
    return ""


def _provenance(rng: random.Random, date: str, pools: Pools) -> list[dict]:
    year = int(date[:3] + "0") if date and date[3] == "X" else int(date[:4]) if date else 1960
    events = [{"kind": "created", "date": date, "agent": "", "place": _zipf(rng, pools.places)}]
    for kind in rng.sample(PROVENANCE_KINDS[1:], rng.randint(0, 4)):
        later = min(2024, year + rng.randint(1, 60))
        events.append(
            {
                "kind": kind,
                "date": str(later) if rng.random() < 0.5 else f"{later}-{rng.randint(1, 12):02d}",
                "agent": rng.choice(("", "Ministry of Foreign Affairs", "Central Committee", "the archive")),
                "place": _zipf(rng, pools.places) if rng.random() < 0.3 else None,
            }
        )
    return [{**event, "order": order, "reference": "", "note": ""} for order, event in enumerate(events)]


def _credits(rng: random.Random, people: int) -> list[tuple[int, str]]:
    chosen = _zipf_sample(rng, people, rng.randint(1, 3))
    roles = rng.sample(CREDIT_ROLES, len(chosen))
    return sorted(zip(chosen, roles, strict=True), key=lambda credit: CREDIT_ROLES.index(credit[1]))


def _reference(rng: random.Random) -> str:
    return (
        f"F. {rng.randint(1, 120)}, Op. {rng.randint(1, 90)}, D. {rng.randint(1, 2000)}, "
        f"Ll. {(sheet := rng.randint(1, 300))}-{sheet + rng.randint(1, 12)}"
    )


# Syllables of the rare code names ("Kalomi", "Dorvesta"): the pool grows with the corpus (one name per
# 50 records, at least 60), so that each name is in a few records at any size (some 5 at 1,000
# records, 15 at 100,000), and a search for one is a search for a rare term.
SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ru",
    "ste",
    "vo",
    "zan",
    "bel",
    "dor",
    "gri",
    "mak",
    "nov",
    "pol",
    "sha",
    "tur",
)


def rare_word(number: int) -> str:
    """The number-th code name: its digits in base 15 spelled as syllables, at least three of them."""
    syllables = []
    while number or len(syllables) < 3:
        number, digit = divmod(number, len(SYLLABLES))
        syllables.append(SYLLABLES[digit])
    return "".join(syllables).capitalize()


# --- Drawing --------------------------------------------------------------------------------------


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _zipf(rng: random.Random, size: int) -> int:
    """A position in a pool of `size`, small positions far more often (a few people are everywhere)."""
    return min(size - 1, int(size ** rng.random()) - 1) if size > 1 else 0


def _zipf_sample(rng: random.Random, size: int, count: int) -> list[int]:
    chosen: list[int] = []
    for _ in range(count * 3):
        if len(chosen) == min(count, size):
            break
        position = _zipf(rng, size)
        if position not in chosen:
            chosen.append(position)
    return chosen
