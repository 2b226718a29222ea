"""Demo collection "East Asia in the Cold War": three demonstration documents.

Written for this project. The Lucky Dragon incident, the trade principles and memorandum trade, and the
June 1960 treaty crisis are historical; the documents, their authors and their archival references are
invented.
"""

from curation.demo import DEMO_NOTE, DEMO_RIGHTS
from curation.demo.steps import Approve, RequestChanges, Revise, Submit, Withdraw

COLLECTION = "East Asia in the Cold War"

TRADE_OPINIONS_ZH = """\
**关于对日民间贸易问题的几点意见**

一、日本工商界要求扩大对华贸易的呼声日益增高，特别是钢铁、化肥和机械等行业。

二、我们应当坚持政治三原则和贸易三原则，同时通过友好商社和备忘录贸易渠道，有选择地扩大往来。

三、对日本政府阻挠两国贸易的做法，应当继续予以揭露。

（本件无日期，未署名）
"""

TRADE_OPINIONS_EN = """\
**Some Opinions on the Question of People-to-People Trade[1] with Japan**

1. Calls from Japanese industrial and commercial circles to expand trade with China are growing \
louder, especially in the steel, chemical fertiliser and machinery industries.

2. We should adhere to the three political principles and the three trade principles,[2] while \
selectively expanding exchanges through the friendly firms and the channel of memorandum trade.[3]

3. We should continue to expose the Japanese government's obstruction of trade between the two \
countries.

(This document is undated and unsigned.)
"""

FALLOUT_LETTER_EN = """\
14th March 1957

Dear Professor Sato,

Thank you for your letter and for the tables of rainwater measurements from Kyoto, which reached me \
safely last week. They agree well with our own figures for the same weeks, allowing for the \
difference in latitude.

Since the *Lucky Dragon*[1] your colleagues have done more than anyone to show how far the debris of \
a single test can travel. I should very much like to set our two series side by side in a joint \
note, if you are willing, and I shall write to the Royal Society about a grant to cover your travel \
should you be able to come to London in the autumn.

With kind regards,

Yours sincerely,

Arthur Pembridge
"""

TOKYO_MEMCON_EN = """\
MEMORANDUM OF CONVERSATION

Participants: Mr. K. [name withheld in the copy], foreign news editor of a Tokyo daily newspaper; \
Thomas Greer, Second Secretary, American Embassy

Subject: Public Mood before the President's Visit

Mr. K. said that the scenes at Haneda had shocked many of his readers, those who oppose the new \
treaty as much as those who support it. The demonstrators had been students and union members; \
most Japanese, he believed, were angry with the Government's handling of the treaty in the Diet \
rather than with the United States.

He expected the treaty to take effect whatever happened in the streets. The President's visit, \
however, might become the focus of every grievance, and he feared that the police could not \
guarantee order along the route from the airport.

Asked whether the visit should be postponed, he declined to give advice, but said that "a guest \
should not arrive while the family is quarrelling."

T. G.
"""

TOKYO_MEMCON_EN_V2 = TOKYO_MEMCON_EN.replace("the scenes at Haneda", "the scenes at Haneda[1]").replace(
    "handling of the treaty in the Diet", "handling of the treaty in the Diet[2]"
)

TRADE_SUMMARY = (
    "An undated, unsigned Chinese note on growing Japanese pressure for trade with China: it recommends "
    "holding to the political and trade principles while expanding exchanges through the friendly firms "
    "and memorandum trade. The mention of memorandum trade dates it to 1962 or later.\n\n" + DEMO_NOTE
)
TRADE_SUMMARY_V2 = TRADE_SUMMARY.replace(
    "1962 or later.",
    "1962 or later; the other papers in the same file are of 1963 and 1964.",
)

DOCUMENTS: list[dict] = [
    {
        "external_id": "demo:east-asia-trade-opinions-196x",
        "title": "Some Opinions on the Question of People-to-People Trade with Japan",
        "date": "196X",
        "document_type": "report",
        "original_language": "zh",
        "original_classification": "",
        "summary": TRADE_SUMMARY,
        "rights": DEMO_RIGHTS,
        "repository": "PRCFMA",
        "archival_reference": "105-01187-03",
        "creators": [],
        "people": [],
        "places": ["Beijing", "Tokyo"],
        "subjects": ["Japan--Commerce--China", "Cold War--Diplomacy"],
        "collections": [COLLECTION],
        "donors": ["Linden Family Fund"],
        "texts": [
            {
                "kind": "original",
                "language": "zh",
                "title": "关于对日民间贸易问题的几点意见",
                "body": TRADE_OPINIONS_ZH,
                "footnotes": [],
            },
            {
                "kind": "translation",
                "language": "en",
                "title": "Some Opinions on the Question of People-to-People Trade with Japan",
                "body": TRADE_OPINIONS_EN,
                "footnotes": [
                    (
                        1,
                        "translator",
                        '*Minjian maoyi* (民间贸易), literally "people-to-people trade": trade outside '
                        "agreements between the two governments.",
                    ),
                    (
                        2,
                        "editor",
                        "The three political principles and the three trade principles (August 1960), "
                        "set out by Zhou Enlai, were China's conditions for relations and trade with Japan.",
                    ),
                    (
                        3,
                        "editor",
                        "Memorandum trade began with the memorandum signed by Liao Chengzhi and Takasaki "
                        "Tatsunosuke in November 1962; the reference dates the document to 1962 or later, "
                        'hence the date "1960s".',
                    ),
                ],
            },
        ],
        "provenance": [
            {"kind": "created", "date": "196X", "place": "Beijing"},
            {
                "kind": "declassified",
                "date": "2006~",
                "agent": "Archives of the Ministry of Foreign Affairs of the PRC",
            },
            {"kind": "copied", "date": "2007", "agent": "Li Wen", "place": "Beijing"},
            {"kind": "translated", "date": "2021", "agent": "Li Wen"},
        ],
        "credits": [("Li Wen", "translated", "")],
        "created_by": "translator",
        "workflow": [
            Submit("translator", "Translation complete."),
            Approve("editor", "First publication."),
            # Reopened as a draft; version 1 stays public until the change is approved.
            Revise(
                "editor",
                "Summary: added what the other papers in the file suggest about the date.",
                fields={"summary": TRADE_SUMMARY_V2},
            ),
        ],
    },
    {
        "external_id": "demo:east-asia-fallout-letter-1957",
        "title": "Letter from Arthur Pembridge to Professor Sato on Fallout Measurements",
        "date": "1957-03-14",
        "document_type": "letter",
        "original_language": "en",
        "original_classification": "",
        "summary": (
            "A British physicist thanks a Japanese colleague for rainwater measurements from Kyoto and "
            "proposes a joint note comparing their series of fallout figures.\n\n" + DEMO_NOTE
        ),
        "rights": DEMO_RIGHTS,
        "repository": None,
        "archival_reference": "",
        "creators": ["Arthur Pembridge"],
        "people": [],
        "places": ["London", "Japan"],
        "subjects": ["Radioactive fallout--Research--International cooperation", "Nuclear weapons--Testing"],
        "collections": [COLLECTION],
        "donors": [],
        "texts": [
            {
                "kind": "original",
                "language": "en",
                "title": "",
                "body": FALLOUT_LETTER_EN,
                "footnotes": [
                    (
                        1,
                        "editor",
                        "The *Daigo Fukuryū Maru*, a Japanese fishing boat showered with fallout from the "
                        "American test at Bikini Atoll on 1 March 1954.",
                    ),
                ],
            },
        ],
        "provenance": [
            {"kind": "created", "date": "1957-03-14", "agent": "Arthur Pembridge", "place": "London"},
            {"kind": "held", "date": "1957/1988", "agent": "Arthur Pembridge (private papers)"},
            {
                "kind": "acquired",
                "date": "2015",
                "agent": "Ruth Abernathy",
                "note": "Photocopy from the family.",
            },
        ],
        "credits": [("Ruth Abernathy", "contributed", "")],
        "created_by": "translator",
        "workflow": [
            Submit("translator", "Transcribed from the photocopy."),
            Approve("editor", "First publication."),
            Withdraw(
                "editor",
                "The letter answers one dated 2 April 1957, so it cannot be of 14 March; withdrawn until "
                "the original can be examined again.",
            ),
        ],
    },
    {
        "external_id": "demo:east-asia-tokyo-memcon-1960",
        "title": "Memorandum of Conversation on the Public Mood in Tokyo before the President's Visit",
        "date": "1960-06-10/1960-06-16",
        "document_type": "memcon",
        "original_language": "en",
        "original_classification": "Confidential",
        "summary": (
            "A Tokyo newspaper editor tells an American diplomat that the demonstrations against the "
            "new security treaty are aimed at the Japanese government rather than the United States, "
            "but that President Eisenhower's visit could become their focus.\n\n" + DEMO_NOTE
        ),
        "rights": DEMO_RIGHTS,
        "repository": "NARA",
        "archival_reference": "RG 84, Tokyo Embassy, Classified General Records 1959-1961, Box 41",
        "creators": ["Thomas Greer"],
        "people": ["Dwight D. Eisenhower"],
        "places": ["Tokyo", "Washington, D.C."],
        "subjects": ["Japan--Politics and government--1945-1989", "Cold War--Diplomacy"],
        "collections": [COLLECTION],
        "donors": [],
        "texts": [
            {"kind": "original", "language": "en", "title": "", "body": TOKYO_MEMCON_EN, "footnotes": []},
        ],
        "provenance": [
            {
                "kind": "created",
                "date": "1960-06-10/1960-06-16",
                "agent": "American Embassy, Tokyo",
                "place": "Tokyo",
            },
            {"kind": "transferred", "agent": "National Archives and Records Administration"},
            {
                "kind": "declassified",
                "date": "1994?",
                "agent": "National Archives and Records Administration",
            },
        ],
        "credits": [("Peter Novak", "transcribed", ""), ("Ruth Abernathy", "edited", "")],
        "created_by": "translator",
        "workflow": [
            Submit("translator", "Transcription ready."),
            RequestChanges(
                "editor",
                "Readers will need the background: please add notes on the Haneda incident and on the "
                "treaty's passage through the Diet.",
            ),
            Revise(
                "translator",
                "Added notes on the Haneda incident and the treaty vote.",
                texts={"en": TOKYO_MEMCON_EN_V2},
                footnotes={
                    ("en", 1): (
                        "editor",
                        "On 10 June 1960 demonstrators surrounded the car of James Hagerty, the "
                        "President's press secretary, at Haneda airport; he was lifted out by a Marine "
                        "helicopter. The memorandum is undated; this incident and the visit still "
                        "expected date it between 10 and 16 June 1960, when the visit was called off.",
                    ),
                    ("en", 2): (
                        "editor",
                        "The government forced the revised security treaty through the House of "
                        "Representatives on 19–20 May 1960; it was approved automatically thirty days "
                        "later and came into force on 23 June 1960.",
                    ),
                },
            ),
            Submit("translator", "Notes added as requested."),
        ],
    },
]
