"""Demo collection "Nuclear Test Ban Negotiations, 1958–1963": three demonstration documents.

Written for this project. The conference and its positions are historical; the documents, their
authors and their archival references are invented.
"""

from curation.demo import DEMO_NOTE, DEMO_RIGHTS
from curation.demo.steps import Approve, Revise, Submit

COLLECTION = "Nuclear Test Ban Negotiations, 1958–1963"

GENEVA_TELEGRAM_RU = """\
МОСКВА, МИД СССР

Женева, 12 ноября 1958 г.

Совершенно секретно

На заседаниях конференции 10 и 11 ноября делегации США и Англии вновь настаивали на том, чтобы \
сначала обсудить систему контроля, а вопрос о прекращении испытаний отложить до согласования всех \
технических деталей. Мы заявили, что такой порядок работы означал бы бесконечное затягивание \
переговоров, и предложили начать с рассмотрения проекта договора о прекращении испытаний.

В кулуарах член американской делегации дал понять, что Вашингтон мог бы согласиться на параллельное \
обсуждение обоих вопросов, если мы не будем возражать против постоянных контрольных постов на \
территории СССР. Считаем целесообразным пока не давать ответа и выяснить позицию англичан.

Просим указаний.[1]

Н. СОРОКИН
"""

GENEVA_TELEGRAM_EN = """\
To the USSR Ministry of Foreign Affairs, Moscow

Geneva, 12 November 1958

Top Secret

At the conference sessions of 10 and 11 November the delegations of the USA and England[1] again \
insisted that the control system be discussed first and that the question of ending the tests be put \
off until all the technical details had been agreed. We stated that such an order of work would mean \
dragging out the negotiations without end, and proposed to begin with the examination of a draft \
treaty on the cessation of tests.

In the lobbies a member of the American delegation let it be understood that Washington could agree \
to discuss both questions in parallel if we did not object to permanent control posts on the \
territory of the USSR.[2] We consider it advisable not to give an answer for the time being and to \
find out the position of the British.

We request instructions.[3]

N. Sorokin
"""

TROIKA_MEMO_EN = """\
MEMORANDUM FOR THE RECORD

SUBJECT: Soviet Proposal for a Three-Member Administrative Council

1. The Soviet delegation has now made clear that it will not accept a single administrator at the \
head of the control organization. Its March proposal for a council of three members, one from the \
Western side, one from the Soviet side and one neutral, each able to block decisions of substance, \
remains its position.[1]

2. In informal conversation the Soviet deputy delegate argued that no single official could be \
neutral "in a world of two systems". He did not exclude that inspections might be settled by a \
quota fixed in advance, but would not name a number.

3. Recommendation: the delegation should continue to press for a single administrator, but should \
be ready to discuss the annual number of on-site inspections as a separate question before the \
meeting of the heads of government.[2]

R. H. L.
"""

HIROSHIMA_LETTER_JA = """\
ジュネーブ核実験停止会議
アメリカ合衆国、ソビエト連邦、イギリス各代表団　御中

私たち広島市の婦人会員一同は、貴会議の開会を心から歓迎いたします。

十三年前、この街はただ一発の原子爆弾によって焼き尽くされました。今なお多くの人々が原爆症に\
苦しみ、毎年のように新たな死者が出ております。核実験が続くかぎり、放射能を含んだ灰は世界中の\
子供たちの上に降り続けるでしょう。

どうか一日も早く、すべての核実験を停止する協定を結んでくださいますよう、心からお願い申し上げます。

広島みどり婦人会
会長　山田はる
"""

HIROSHIMA_LETTER_EN = """\
To the Conference on the Discontinuance of Nuclear Weapon Tests, Geneva
To the Delegations of the United States of America, the Soviet Union and Great Britain

We, the members of the women's association of Hiroshima City, welcome with all our hearts the \
opening of your conference.

Thirteen years ago this city was burned to the ground by a single atomic bomb.[1] Even now many \
people suffer from atomic bomb disease,[2] and almost every year brings new deaths. As long as \
nuclear tests continue, ash carrying radioactivity will go on falling on the children of the whole \
world.

We beg you with all our hearts to conclude, as soon as possible, an agreement to stop all nuclear \
tests.

Hiroshima Midori Women's Association
Yamada Haru,[3] President
"""

DOCUMENTS: list[dict] = [
    {
        "external_id": "demo:test-ban-geneva-telegram-1958",
        "title": "Telegram from the Soviet Delegation in Geneva on the Order of Work of the Conference",
        "date": "1958-11-12",
        "document_type": "telegram",
        "original_language": "ru",
        "original_classification": "Top Secret",
        "summary": (
            "Two weeks into the Geneva conference, the Soviet delegation reports that the American and "
            "British delegations still want the control system discussed before a treaty, and that an "
            "American delegate has hinted at parallel discussion in exchange for control posts on Soviet "
            "territory. The delegation asks Moscow for instructions.\n\n" + DEMO_NOTE
        ),
        "rights": DEMO_RIGHTS,
        "repository": "RGANI",
        "archival_reference": "F. 3, Op. 12, D. 540, Ll. 15-16",
        "creators": ["N. Sorokin"],
        "people": [],
        "places": ["Geneva", "Moscow"],
        "subjects": ["Nuclear weapons--Testing", "Nuclear arms control--Verification", "Cold War--Diplomacy"],
        "collections": [COLLECTION],
        "donors": ["Harbour Trust for Historical Translation"],
        "texts": [
            {
                "kind": "original",
                "language": "ru",
                "title": "Телеграмма делегации СССР из Женевы",
                "body": GENEVA_TELEGRAM_RU,
                "footnotes": [
                    (
                        1,
                        "original",
                        "Резолюция от руки: «Ознакомить членов Президиума ЦК». Подпись неразборчива.",
                    ),
                ],
            },
            {
                "kind": "translation",
                "language": "en",
                "title": "Telegram from the Soviet Delegation in Geneva",
                "body": GENEVA_TELEGRAM_EN,
                "footnotes": [
                    (
                        1,
                        "translator",
                        "*Англия* (England): Soviet documents of the period often say England for the "
                        "United Kingdom; the translation keeps the original's word.",
                    ),
                    (
                        2,
                        "editor",
                        "Control posts were the core of the dispute. The Geneva Conference of Experts "
                        "(July–August 1958) had recommended a worldwide network of some 160 to 170 "
                        "land-based control posts and about ten ships.",
                    ),
                    (
                        3,
                        "translator",
                        'A handwritten resolution in the margin of the original reads "Circulate to the '
                        'members of the Presidium of the CC"; the signature is illegible.',
                    ),
                ],
            },
        ],
        "provenance": [
            {
                "kind": "created",
                "date": "1958-11-12",
                "agent": "Soviet delegation to the Geneva conference",
                "place": "Geneva",
            },
            {
                "kind": "held",
                "date": "1958-11/1991",
                "agent": "General Department of the Central Committee of the CPSU",
                "place": "Moscow",
            },
            {
                "kind": "transferred",
                "date": "1991~",
                "agent": "Russian State Archive of Contemporary History",
                "place": "Moscow",
            },
            {
                "kind": "declassified",
                "date": "199X",
                "agent": "Russian State Archive of Contemporary History",
            },
            {
                "kind": "copied",
                "date": "2019-06",
                "agent": "Daniel Whitcomb",
                "note": "Photocopy made in the reading room.",
            },
            {"kind": "translated", "date": "2020", "agent": "Anna Kovalenko"},
        ],
        "credits": [("Daniel Whitcomb", "contributed", ""), ("Anna Kovalenko", "translated", "")],
        "created_by": "translator",
        "workflow": [
            Submit("translator", "Translation finished; the marginal resolution is given as a note."),
            Approve("editor", "First publication."),
            Revise(
                "editor",
                "Corrected the folio range after checking the scan: the telegram runs onto leaf 17.",
                fields={"archival_reference": "F. 3, Op. 12, D. 540, Ll. 15-17"},
            ),
            Submit("editor", "Folio range corrected; please review."),
            Approve("reviewer", "Corrected the folio range of the archival reference."),
        ],
    },
    {
        "external_id": "demo:test-ban-troika-memo-1961",
        "title": "Memorandum for the Record on the Soviet Proposal for a Three-Member Administrative Council",
        "date": "1961-04/1961-06",
        "document_type": "memorandum",
        "original_language": "en",
        "original_classification": "Confidential",
        "summary": (
            "An undated memorandum by a member of the United States delegation to the Geneva "
            "conference on the Soviet demand that the control organization be headed by a council of "
            "three, and on how far the delegation might go on the number of on-site inspections.\n\n"
            + DEMO_NOTE
        ),
        "rights": DEMO_RIGHTS,
        "repository": "NARA",
        "archival_reference": (
            "RG 59, Records of the U.S. Delegation to the Conference on the Discontinuance of Nuclear "
            "Weapon Tests, Box 9, Memoranda for the Record 1961"
        ),
        "creators": ["Robert H. Lang"],
        "people": ["John F. Kennedy", "Nikita Khrushchev"],
        "places": ["Geneva", "Washington, D.C."],
        "subjects": ["Nuclear weapons--Testing", "Nuclear arms control--Verification"],
        "collections": [COLLECTION],
        "donors": [],
        "related": ["demo:test-ban-geneva-telegram-1958"],
        "texts": [
            {
                "kind": "original",
                "language": "en",
                "title": "",
                "body": TROIKA_MEMO_EN,
                "footnotes": [
                    (
                        1,
                        "editor",
                        "The Soviet delegation proposed a three-member administrative council, the "
                        '"troika", when the conference resumed in March 1961.',
                    ),
                    (
                        2,
                        "editor",
                        "The memorandum is undated. It calls the troika proposal the March proposal and "
                        "looks ahead to a meeting of the heads of government, which places it between "
                        "April and the Vienna meeting of Kennedy and Khrushchev on 3–4 June 1961.",
                    ),
                ],
            },
        ],
        "provenance": [
            {
                "kind": "created",
                "date": "1961-04/1961-06",
                "agent": "United States delegation to the Geneva conference",
                "place": "Geneva",
            },
            {"kind": "transferred", "date": "197X", "agent": "National Archives and Records Administration"},
            {
                "kind": "declassified",
                "date": "1998?",
                "agent": "National Archives and Records Administration",
            },
            {"kind": "digitised", "date": "2021-03", "agent": "Digital Archive of Declassified Documents"},
        ],
        "credits": [],
        "created_by": "editor",
        "workflow": [
            Submit("editor", "Transcribed from the carbon copy; the dating is explained in note 2."),
        ],
    },
    {
        "external_id": "demo:test-ban-hiroshima-letter-1958",
        "title": "Letter from the Hiroshima Midori Women's Association to the Delegations at the Geneva Conference",
        "date": "1958?",
        "document_type": "letter",
        "original_language": "ja",
        "original_classification": "",
        "summary": (
            "A women's association of Hiroshima welcomes the opening of the Geneva conference and asks "
            "the American, Soviet and British delegations to agree quickly to stop all nuclear tests. "
            'The letter is undated; its reference to the bombing "thirteen years ago" places it in '
            "1958.\n\n" + DEMO_NOTE
        ),
        "rights": DEMO_RIGHTS,
        "repository": "DAMFAJ",
        "archival_reference": "File B'.4.1.0.8, vol. 3",
        "creators": ["Hiroshima Midori Women's Association", "Yamada Haru"],
        "people": [],
        "places": ["Hiroshima", "Geneva"],
        "subjects": ["Antinuclear movement--Japan", "Nuclear weapons--Testing"],
        "collections": [COLLECTION, "East Asia in the Cold War"],
        "donors": ["Linden Family Fund"],
        "texts": [
            {
                "kind": "original",
                "language": "ja",
                "title": "ジュネーブ核実験停止会議各代表団への書簡",
                "body": HIROSHIMA_LETTER_JA,
                "footnotes": [],
            },
            {
                "kind": "translation",
                "language": "en",
                "title": "Letter to the Delegations at the Geneva Conference",
                "body": HIROSHIMA_LETTER_EN,
                "footnotes": [
                    (
                        1,
                        "editor",
                        'Hiroshima was destroyed on 6 August 1945. "Thirteen years ago" is the only '
                        "evidence for the date of the letter; the conference opened on 31 October 1958.",
                    ),
                    (
                        2,
                        "translator",
                        "*Genbakushō* (原爆症), the illnesses caused by the bomb's radiation.",
                    ),
                    (
                        3,
                        "translator",
                        "Japanese order, family name first, as in the original.",
                    ),
                ],
            },
        ],
        "provenance": [
            {
                "kind": "created",
                "date": "1958?",
                "agent": "Hiroshima Midori Women's Association",
                "place": "Hiroshima",
            },
            {
                "kind": "transferred",
                "date": "1958~",
                "agent": "Ministry of Foreign Affairs of Japan",
                "place": "Tokyo",
                "note": "A copy was sent to the Ministry together with the association's request to forward it.",
            },
            {
                "kind": "acquired",
                "date": "2018",
                "agent": "Kenji Mori",
                "note": "Copy obtained from the Diplomatic Archives.",
            },
        ],
        "credits": [
            ("Kenji Mori", "obtained", "for this edition"),
            ("Kenji Mori", "translated", "for this edition"),
        ],
        "created_by": "translator",
        "workflow": [
            Submit("translator", "Ready for review."),
            Approve("editor", "First publication."),
        ],
    },
]
