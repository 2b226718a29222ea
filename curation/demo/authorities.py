"""The demo archive's authority records.

Real people and places carry real identifiers (checked, not guessed; an identifier we could not confirm
is left out). The researchers credited and the authors of the demonstration documents are fictional and
say so in their description; they have no authority identifiers, because none exist.
"""

FICTIONAL_PERSON = "Fictional: invented for the demonstration archive."
FICTIONAL_RESEARCHER = "Fictional researcher invented for the demonstration archive."

PEOPLE: list[dict] = [
    # Real people the demonstration documents mention.
    {
        "name": "Nikita Khrushchev",
        "name_variants": "Никита Сергеевич Хрущёв\nChruschtschow, Nikita\nKhrouchtchev, Nikita",
        "birth_date": "1894-04-15",
        "death_date": "1971-09-11",
        "description": "First Secretary of the Communist Party of the Soviet Union, 1953–1964.",
        "wikidata_id": "Q19777",
    },
    {
        "name": "John F. Kennedy",
        "sort_name": "Kennedy, John F.",
        "birth_date": "1917-05-29",
        "death_date": "1963-11-22",
        "description": "President of the United States, 1961–1963.",
        "wikidata_id": "Q9696",
    },
    {
        "name": "Dwight D. Eisenhower",
        "sort_name": "Eisenhower, Dwight D.",
        "birth_date": "1890-10-14",
        "death_date": "1969-03-28",
        "description": "President of the United States, 1953–1961.",
        "wikidata_id": "Q9916",
    },
    {
        "name": "Konrad Adenauer",
        "birth_date": "1876-01-05",
        "death_date": "1967-04-19",
        "description": "Chancellor of the Federal Republic of Germany, 1949–1963.",
        "wikidata_id": "Q2492",
    },
    # Fictional authors of the demonstration documents.
    {"name": "N. Sorokin", "name_variants": "Н. Сорокин", "description": FICTIONAL_PERSON},
    {"name": "Robert H. Lang", "sort_name": "Lang, Robert H.", "description": FICTIONAL_PERSON},
    {
        "name": "Yamada Haru",
        "sort_name": "Yamada, Haru",
        "name_variants": "山田はる",
        "description": FICTIONAL_PERSON,
    },
    {
        "name": "Hiroshima Midori Women's Association",
        "kind": "organization",
        "name_variants": "広島みどり婦人会",
        "description": FICTIONAL_PERSON,
    },
    {"name": "Hans-Joachim Reuter", "sort_name": "Reuter, Hans-Joachim", "description": FICTIONAL_PERSON},
    {"name": "V. Krylov", "name_variants": "В. Крылов", "description": FICTIONAL_PERSON},
    {
        "name": "Embassy of France in the Federal Republic of Germany",
        "kind": "organization",
        "name_variants": "Ambassade de France à Bonn",
    },
    {"name": "Arthur Pembridge", "description": FICTIONAL_PERSON},
    {"name": "Thomas Greer", "description": FICTIONAL_PERSON},
    # Fictional researchers credited for contributing, translating and editing.
    {"name": "Anna Kovalenko", "description": FICTIONAL_RESEARCHER},
    {"name": "Daniel Whitcomb", "description": FICTIONAL_RESEARCHER},
    {"name": "Helga Brandt", "description": FICTIONAL_RESEARCHER},
    {"name": "Kenji Mori", "description": FICTIONAL_RESEARCHER},
    {"name": "Claire Dubois", "description": FICTIONAL_RESEARCHER},
    {"name": "Li Wen", "sort_name": "Li, Wen", "description": FICTIONAL_RESEARCHER},
    {"name": "Peter Novak", "description": FICTIONAL_RESEARCHER},
    {"name": "Ruth Abernathy", "description": FICTIONAL_RESEARCHER},
]

# Parents come before their children; "parent" names a place earlier in the list.
PLACES: list[dict] = [
    {"name": "Soviet Union", "kind": "country", "wikidata_id": "Q15180", "name_variants": "СССР\nUSSR"},
    {
        "name": "Moscow",
        "parent": "Soviet Union",
        "kind": "city",
        "name_variants": "Москва",
        "latitude": "55.755800",
        "longitude": "37.617300",
        "geonames_id": "524901",
        "wikidata_id": "Q649",
    },
    {"name": "Switzerland", "kind": "country", "wikidata_id": "Q39"},
    {
        "name": "Geneva",
        "parent": "Switzerland",
        "kind": "city",
        "name_variants": "Genève\nGenf",
        "latitude": "46.204400",
        "longitude": "6.143200",
        "geonames_id": "2660646",
        "wikidata_id": "Q71",
    },
    {"name": "Germany", "kind": "country", "wikidata_id": "Q183", "name_variants": "Deutschland"},
    {
        "name": "Berlin",
        "parent": "Germany",
        "kind": "city",
        "latitude": "52.520000",
        "longitude": "13.405000",
        "geonames_id": "2950159",
        "wikidata_id": "Q64",
    },
    {"name": "West Berlin", "parent": "Berlin", "kind": "region", "name_variants": "Berlin (West)"},
    {"name": "East Berlin", "parent": "Berlin", "kind": "region", "name_variants": "Berlin (Ost)"},
    {
        "name": "Bonn",
        "parent": "Germany",
        "kind": "city",
        "latitude": "50.737400",
        "longitude": "7.098200",
        "wikidata_id": "Q586",
    },
    {"name": "France", "kind": "country", "wikidata_id": "Q142"},
    {
        "name": "Paris",
        "parent": "France",
        "kind": "city",
        "latitude": "48.856600",
        "longitude": "2.352200",
        "wikidata_id": "Q90",
    },
    {"name": "Japan", "kind": "country", "wikidata_id": "Q17", "name_variants": "日本"},
    {"name": "Hiroshima Prefecture", "parent": "Japan", "kind": "region", "name_variants": "広島県"},
    {
        "name": "Hiroshima",
        "parent": "Hiroshima Prefecture",
        "kind": "city",
        "name_variants": "広島",
        "latitude": "34.385300",
        "longitude": "132.455300",
    },
    {
        "name": "Tokyo",
        "parent": "Japan",
        "kind": "city",
        "name_variants": "東京",
        "latitude": "35.689500",
        "longitude": "139.691700",
        "wikidata_id": "Q1490",
    },
    {"name": "China", "kind": "country", "wikidata_id": "Q148", "name_variants": "中国"},
    {
        "name": "Beijing",
        "parent": "China",
        "kind": "city",
        "name_variants": "北京\nPeking",
        "latitude": "39.904200",
        "longitude": "116.407400",
        "wikidata_id": "Q956",
    },
    {"name": "United States", "kind": "country", "wikidata_id": "Q30"},
    {
        "name": "Washington, D.C.",
        "parent": "United States",
        "kind": "city",
        "latitude": "38.907200",
        "longitude": "-77.036900",
        "wikidata_id": "Q61",
    },
    {"name": "United Kingdom", "kind": "country", "wikidata_id": "Q145"},
    {
        "name": "London",
        "parent": "United Kingdom",
        "kind": "city",
        "latitude": "51.507400",
        "longitude": "-0.127800",
        "wikidata_id": "Q84",
    },
]

SUBJECTS: list[dict] = [
    {"heading": "Nuclear weapons--Testing"},
    {"heading": "Nuclear arms control--Verification"},
    {"heading": "Antinuclear movement--Japan"},
    {"heading": "Radioactive fallout--Research--International cooperation"},
    {"heading": "Berlin Wall, Berlin, Germany, 1961-1989"},
    {"heading": "Berlin (Germany)--Politics and government--1945-1990"},
    {"heading": "Refugees--Germany (East)"},
    {"heading": "Germany (West)--Foreign relations--France"},
    {"heading": "Japan--Commerce--China"},
    {"heading": "Japan--Politics and government--1945-1989"},
    {"heading": "Cold War--Diplomacy", "scope_note": "Negotiation between the blocs at every level."},
]

COLLECTIONS: list[dict] = [
    {
        "title": "Nuclear Test Ban Negotiations, 1958–1963",
        "slug": "nuclear-test-ban",
        "description": (
            "From the opening of the Geneva Conference on the Discontinuance of Nuclear Weapon Tests in "
            "October 1958 to the Limited Test Ban Treaty of August 1963.\n\n"
            "*A demonstration collection: its documents were written for this project.*"
        ),
    },
    {
        "title": "Berlin and the German Question, 1958–1962",
        "slug": "berlin",
        "description": (
            "The Berlin crisis seen from Bonn, East Berlin and Paris: refugees, the closing of the "
            "sector border in August 1961 and the search for an agreement on access.\n\n"
            "*A demonstration collection: its documents were written for this project.*"
        ),
    },
    {
        "title": "East Asia in the Cold War",
        "slug": "east-asia",
        "description": (
            "Japan, China and the United States between the Lucky Dragon incident and memorandum trade.\n\n"
            "*A demonstration collection: its documents were written for this project.*"
        ),
    },
]

# Real repositories; the references the demonstration documents cite in them are invented.
REPOSITORIES: list[dict] = [
    {
        "name": "Russian State Archive of Contemporary History",
        "abbreviation": "RGANI",
        "location": "Moscow, Russia",
    },
    {
        "name": "Archive of Foreign Policy of the Russian Federation",
        "abbreviation": "AVP RF",
        "location": "Moscow, Russia",
    },
    {
        "name": "Political Archive of the Federal Foreign Office",
        "abbreviation": "PA AA",
        "location": "Berlin, Germany",
    },
    {
        "name": "Diplomatic Archives of the Ministry for Europe and Foreign Affairs",
        "abbreviation": "AMAE",
        "location": "La Courneuve, France",
    },
    {
        "name": "Diplomatic Archives of the Ministry of Foreign Affairs of Japan",
        "abbreviation": "DAMFAJ",
        "location": "Tokyo, Japan",
    },
    {
        "name": "Archives of the Ministry of Foreign Affairs of the People's Republic of China",
        "abbreviation": "PRCFMA",
        "location": "Beijing, China",
    },
    {
        "name": "National Archives and Records Administration",
        "abbreviation": "NARA",
        "location": "College Park, Maryland, United States",
        "url": "https://www.archives.gov/",
    },
]

DONORS: list[dict] = [
    {
        "name": "Harbour Trust for Historical Translation",
        "description": "Fictional funder invented for the demonstration archive.",
    },
    {
        "name": "Linden Family Fund",
        "description": "Fictional funder invented for the demonstration archive.",
    },
]
