"""Demo collection "Berlin and the German Question, 1958–1962": three demonstration documents.

Written for this project. The refugee figures, the closing of the sector border on 13 August 1961 and
the access proposals of spring 1962 are historical; the documents, their authors and their archival
references are invented.
"""

from curation.demo import DEMO_NOTE, DEMO_RIGHTS
from curation.demo.steps import Approve, RequestChanges, Revise, Submit

COLLECTION = "Berlin and the German Question, 1958–1962"

BONN_NOTE_DE = """\
Bonn, den 17. August 1961

VS – Vertraulich

**Vermerk**

Betr.: Lage in Berlin nach den Absperrmaßnahmen vom 13. August 1961

1. In der heutigen Besprechung mit Vertretern der drei Westmächte wurde übereinstimmend \
festgestellt, dass die Absperrung des Ostsektors eine schwere Verletzung des Viermächtestatus der \
Stadt darstellt. Die alliierten Vertreter betonten jedoch, dass ihre eigenen Rechte in West-Berlin \
und der Zugang zur Stadt bisher nicht berührt seien.

2. Von deutscher Seite wurde darauf hingewiesen, dass die Bevölkerung West-Berlins eine sichtbare \
Geste der Schutzmächte erwarte. Ein bloßer Protest auf Ebene der Kommandanten werde in der Stadt \
als unzureichend empfunden.

3. Der Herr Bundeskanzler soll vor seinen Gesprächen in der kommenden Woche unterrichtet werden.

gez. Reuter
"""

BONN_NOTE_EN = """\
Bonn, 17 August 1961

Classified – Confidential[1]

**Note**

Subject: The situation in Berlin after the closure measures of 13 August 1961

1. At today's meeting with representatives of the three Western powers it was agreed that the \
closing of the Eastern sector constitutes a serious violation of the city's Four-Power status. The \
Allied representatives stressed, however, that their own rights in West Berlin and access to the \
city had not so far been affected.

2. The German side pointed out that the population of West Berlin expected a visible gesture from \
the protecting powers. A mere protest at the level of the commandants[2] would be felt in the city \
to be inadequate.

3. The Federal Chancellor is to be briefed before his talks in the coming week.

Signed, Reuter
"""

BONN_NOTE_EN_V2 = BONN_NOTE_EN.replace(
    "briefed before his talks in the coming week.", "briefed before his talks in the coming week.[3]"
)

EMBASSY_INFO_RU = """\
ПОСОЛЬСТВО СССР В ГДР

Секретно

**ИНФОРМАЦИЯ**
**о положении с уходом населения ГДР в Западный Берлин**

По данным друзей, за июль месяц из ГДР через Западный Берлин ушло более 30 тысяч человек, в том \
числе значительное число врачей, инженеров и квалифицированных рабочих. Особую тревогу у \
руководства СЕПГ вызывает уход молодежи.

Друзья считают, что без мер по контролю за движением на секторальной границе положение в \
республике будет ухудшаться. Вопрос о конкретных мерах будет, по их словам, поставлен на \
совещании представителей братских партий.

Советник посольства
В. КРЫЛОВ
"""

EMBASSY_INFO_EN = """\
EMBASSY OF THE USSR IN THE GDR

Secret

**INFORMATION**
**on the situation regarding the departure of the population of the GDR to West Berlin**

According to the friends,[1] more than 30 thousand people left the GDR through West Berlin in the \
month of July, among them a considerable number of doctors, engineers and skilled workers. The \
departure of young people causes the SED leadership particular alarm.

The friends believe that without measures to control movement across the sector border the \
situation in the republic will grow worse. The question of concrete measures will, in their words, \
be raised at the conference of representatives of the fraternal parties.[2]

Counsellor of the Embassy
V. Krylov
"""

PARIS_TELEGRAM_FR = """\
**Télégramme à l'arrivée**

Bonn, mai 1962

Confidentiel

Les propositions américaines relatives à une autorité internationale chargée de contrôler l'accès à \
Berlin continuent de susciter ici une vive inquiétude. Dans l'entourage du Chancelier, on estime \
que Washington s'avance trop loin sans consultation suffisante de ses alliés.

Mes interlocuteurs à l'Auswärtiges Amt se montrent plus nuancés : ils reconnaissent la nécessité de \
poursuivre les sondages avec Moscou, mais redoutent que la participation de la RDA à un tel \
organisme ne vaille reconnaissance de fait.

Je ne manquerai pas de tenir le Département informé.
"""

PARIS_TELEGRAM_EN = """\
**Incoming telegram**

Bonn, May 1962[1]

Confidential

The American proposals for an international authority to control access to Berlin[2] continue to \
cause keen concern here. In the Chancellor's circle it is felt that Washington is going too far \
without sufficient consultation of its allies.

The people I speak to at the Auswärtiges Amt are more measured: they recognise that the soundings \
in Moscow must go on, but fear that the participation of the GDR in such a body would amount to de \
facto recognition.

I shall not fail to keep the Department[3] informed.
"""

DOCUMENTS: list[dict] = [
    {
        "external_id": "demo:berlin-bonn-note-1961",
        "title": "Note by the Federal Foreign Office on the Situation in Berlin after 13 August 1961",
        "date": "1961-08-17",
        "document_type": "memorandum",
        "original_language": "de",
        "original_classification": "VS – Vertraulich",
        "summary": (
            "Four days after the sector border in Berlin was closed, a West German official records a "
            "meeting with representatives of the three Western powers: the closure violates the city's "
            "Four-Power status, but Allied rights and access are untouched; Bonn presses for a visible "
            "gesture to reassure West Berliners.\n\n" + DEMO_NOTE
        ),
        "rights": DEMO_RIGHTS,
        "repository": "PA AA",
        "archival_reference": "B 12, Bd. 1543, Bl. 88-90",
        "creators": ["Hans-Joachim Reuter"],
        "people": ["Konrad Adenauer"],
        "places": ["Bonn", "West Berlin", "East Berlin"],
        "subjects": [
            "Berlin Wall, Berlin, Germany, 1961-1989",
            "Berlin (Germany)--Politics and government--1945-1990",
        ],
        "collections": [COLLECTION],
        "donors": [],
        "texts": [
            {
                "kind": "original",
                "language": "de",
                "title": "Vermerk über die Lage in Berlin nach dem 13. August 1961",
                "body": BONN_NOTE_DE,
                "footnotes": [],
            },
            {
                "kind": "translation",
                "language": "en",
                "title": "Note on the Situation in Berlin after 13 August 1961",
                "body": BONN_NOTE_EN,
                "footnotes": [
                    (
                        1,
                        "translator",
                        "*VS – Vertraulich*: VS stands for *Verschlusssache*, a classified matter; "
                        '"Vertraulich" is the grade, confidential.',
                    ),
                    (
                        2,
                        "editor",
                        "The three Western commandants in Berlin protested to the Soviet commandant on 15 "
                        "August 1961.",
                    ),
                ],
            },
        ],
        "provenance": [
            {"kind": "created", "date": "1961-08-17", "agent": "Federal Foreign Office", "place": "Bonn"},
            {
                "kind": "transferred",
                "date": "1991~",
                "agent": "Political Archive of the Federal Foreign Office",
                "place": "Bonn",
            },
            {
                "kind": "declassified",
                "date": "1992",
                "agent": "Political Archive of the Federal Foreign Office",
            },
            {
                "kind": "transferred",
                "date": "2000",
                "agent": "Political Archive of the Federal Foreign Office",
                "place": "Berlin",
                "note": "The Political Archive moved with the Foreign Office from Bonn to Berlin.",
            },
            {"kind": "digitised", "date": "2022-02-14", "agent": "Helga Brandt"},
        ],
        "credits": [
            ("Helga Brandt", "contributed", ""),
            ("Helga Brandt", "transcribed", ""),
            ("Helga Brandt", "translated", ""),
        ],
        "created_by": "translator",
        "workflow": [
            Submit("translator", "Transcription and translation complete."),
            Approve("editor", "First publication."),
            Revise(
                "editor",
                "Added an editor's note on the Chancellor's visit to Berlin.",
                texts={"en": BONN_NOTE_EN_V2},
                footnotes={
                    ("en", 3): ("editor", "Adenauer visited West Berlin on 22 August 1961."),
                },
            ),
            Submit("editor", "Note 3 added; please review."),
            Approve("reviewer", "Added a note on the Chancellor's visit to Berlin on 22 August 1961."),
        ],
    },
    {
        "external_id": "demo:berlin-embassy-information-1961",
        "title": "Information from the Soviet Embassy in the GDR on the Departure of the Population to West Berlin",
        "date": "1961-07",
        "document_type": "report",
        "original_language": "ru",
        "original_classification": "Secret",
        "summary": (
            "The Soviet embassy in East Berlin reports, on the word of the SED leadership, that more than "
            "30,000 people left the GDR through West Berlin in July 1961, and that the East German "
            "leaders want measures on the sector border discussed with the fraternal parties.\n\n" + DEMO_NOTE
        ),
        "rights": DEMO_RIGHTS,
        "repository": "AVP RF",
        "archival_reference": "F. 0742, Op. 6, P. 46, D. 4, Ll. 112-114",
        "creators": ["V. Krylov"],
        "people": [],
        "places": ["East Berlin", "West Berlin", "Moscow"],
        "subjects": ["Refugees--Germany (East)", "Berlin (Germany)--Politics and government--1945-1990"],
        "collections": [COLLECTION],
        "donors": ["Harbour Trust for Historical Translation"],
        "related": ["demo:berlin-bonn-note-1961"],
        "texts": [
            {
                "kind": "original",
                "language": "ru",
                "title": "Информация о положении с уходом населения ГДР в Западный Берлин",
                "body": EMBASSY_INFO_RU,
                "footnotes": [],
            },
            {
                "kind": "translation",
                "language": "en",
                "title": "Information on the Departure of the Population of the GDR to West Berlin",
                "body": EMBASSY_INFO_EN,
                "footnotes": [
                    (
                        1,
                        "translator",
                        "*Druz'ya* (friends): the usual Soviet diplomatic word for the leaders of an "
                        "allied communist party, here the Socialist Unity Party (SED).",
                    ),
                    (
                        2,
                        "editor",
                        "The first secretaries of the Warsaw Pact parties met in Moscow on 3–5 August 1961.",
                    ),
                ],
            },
        ],
        "provenance": [
            {
                "kind": "created",
                "date": "1961-07/1961-08",
                "agent": "Embassy of the USSR in the GDR",
                "place": "East Berlin",
            },
            {"kind": "held", "agent": "Ministry of Foreign Affairs of the USSR", "place": "Moscow"},
            {
                "kind": "declassified",
                "date": "201X",
                "agent": "Archive of Foreign Policy of the Russian Federation",
            },
            {"kind": "translated", "date": "2023", "agent": "Anna Kovalenko"},
        ],
        "credits": [
            ("Anna Kovalenko", "translated", ""),
            ("Anna Kovalenko", "edited", ""),
            ("Peter Novak", "assisted", ""),
        ],
        "created_by": "translator",
        "workflow": [
            Submit("translator", "Translation and notes ready."),
            RequestChanges(
                "editor",
                "The record is dated July 1961, but the text reports the figures for the whole month of "
                "July, so it was probably written in early August. Please check the dating against the "
                "covering letter and explain it in an editor's note.",
            ),
        ],
    },
    {
        "external_id": "demo:berlin-paris-telegram-1962",
        "title": "Telegram from the French Embassy in Bonn on the American Proposals for a Berlin Access Authority",
        "date": "1962-05",
        "document_type": "telegram",
        "original_language": "fr",
        "original_classification": "Confidentiel",
        "summary": (
            "The French embassy in Bonn reports West German alarm at the American proposals for an "
            "international authority to control access to Berlin: the Chancellor's circle feels "
            "Washington has gone too far, while the Foreign Office fears de facto recognition of the "
            "GDR. The day is missing from the surviving copy.\n\n" + DEMO_NOTE
        ),
        "rights": DEMO_RIGHTS,
        "repository": "AMAE",
        "archival_reference": "Europe 1961-1970, RFA, vol. 1612, ff. 201-202",
        "creators": ["Embassy of France in the Federal Republic of Germany"],
        "people": ["Konrad Adenauer"],
        "places": ["Bonn", "Paris", "Berlin"],
        "subjects": ["Germany (West)--Foreign relations--France", "Cold War--Diplomacy"],
        "collections": [COLLECTION],
        "donors": [],
        "texts": [
            {
                "kind": "original",
                "language": "fr",
                "title": "Télégramme de l'ambassade de France à Bonn",
                "body": PARIS_TELEGRAM_FR,
                "footnotes": [],
            },
            {
                "kind": "translation",
                "language": "en",
                "title": "Telegram from the French Embassy in Bonn",
                "body": PARIS_TELEGRAM_EN,
                "footnotes": [
                    (1, "editor", "The day of dispatch is cut off on the surviving copy."),
                    (
                        2,
                        "editor",
                        "The proposals, discussed between Washington and Moscow in the spring of 1962, "
                        "became public in April 1962.",
                    ),
                    (3, "translator", "*Le Département*: French diplomats' name for their own ministry."),
                ],
            },
        ],
        "provenance": [
            {"kind": "created", "date": "1962-05", "agent": "Embassy of France in Bonn", "place": "Bonn"},
            {"kind": "held", "agent": "Ministry of Foreign Affairs", "place": "Paris"},
            {"kind": "copied", "date": "2023-10", "agent": "Claire Dubois"},
        ],
        "credits": [("Claire Dubois", "contributed", ""), ("Daniel Whitcomb", "translated", "")],
        "created_by": "translator",
        "workflow": [
            Revise(
                "translator",
                "Display date now says that the day is missing.",
                fields={"display_date_override": "May 1962 (day missing)"},
            ),
        ],
    },
]
