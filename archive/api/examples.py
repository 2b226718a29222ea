"""Example responses for the OpenAPI description of the public API (archive.api.schema).

One small record, "a memorandum of conversation with one footnote", seen through every endpoint, so
that the examples agree with one another as real responses do.
"""

BASE = "https://archive.example.org"
API = f"{BASE}/api/v1"

KHRUSHCHEV = {"id": 7, "name": "Nikita Khrushchev", "sort_name": "Khrushchev, Nikita", "kind": "person"}
MOSCOW = {"id": 3, "name": "Moscow", "full_name": "Moscow, Soviet Union", "kind": "city"}
SUBJECT = {"id": 12, "heading": "Nuclear weapons--Testing", "subdivisions": ["Nuclear weapons", "Testing"]}
COLLECTION = {"id": 5, "title": "Test Ban Talks", "slug": "test-ban-talks"}
REPOSITORY = {
    "id": 2,
    "name": "Russian State Archive of Contemporary History",
    "abbreviation": "RGANI",
    "citation_name": "RGANI",
    "location": "Moscow",
    "url": "https://rusarchives.ru/federal/rgani",
}
DOCUMENT_URL = f"{BASE}/documents/42/"
CITATION_LEAD = (
    '"Memorandum of Conversation between Khrushchev and Harriman," May 21, 1962, Digital Archive of '
    "Declassified Documents, RGANI, F. 3, Op. 16, D. 947, Ll. 15-16."
)
CITATION = f"{CITATION_LEAD} {DOCUMENT_URL}"

DOCUMENT_SUMMARY = {
    "id": 42,
    "version": 2,
    "title": "Memorandum of Conversation between Khrushchev and Harriman",
    "date": "1962-05-21",
    "display_date": "May 21, 1962",
    "date_earliest": "1962-05-21",
    "date_latest": "1962-05-21",
    "summary": "Khrushchev and Harriman discuss a moratorium on nuclear tests.",
    "document_type": "memcon",
    "document_type_label": "memorandum of conversation",
    "original_language": "ru",
    "original_language_name": "Russian",
    "published_at": "2026-11-20T14:03:11.532871Z",
    "api_url": f"{API}/documents/42/",
    "html_url": f"{BASE}/documents/42/",
}

DOCUMENT_PAGE = {
    "count": 1,
    "next": None,
    "previous": None,
    "ordering": "relevance",
    "facets": [
        {
            "name": "collection",
            "label": "Collection",
            "values": [{"value": "5", "label": "Test Ban Talks", "count": 1, "selected": True}],
        },
        {
            "name": "decade",
            "label": "Decade",
            "values": [{"value": "1960", "label": "1960s", "count": 1, "selected": False}],
        },
        {
            "name": "language",
            "label": "Original language",
            "values": [{"value": "ru", "label": "Russian", "count": 1, "selected": False}],
        },
    ],
    "results": [DOCUMENT_SUMMARY],
}

VERSIONS = [
    {
        "version": 2,
        "published_at": "2026-11-20T14:03:11.532871Z",
        "change_note": "Corrected the date of the conversation.",
        "is_current": True,
        "api_url": f"{API}/documents/42/versions/2/",
        "html_url": f"{BASE}/documents/42/v/2/",
    },
    {
        "version": 1,
        "published_at": "2026-10-02T09:41:57.101234Z",
        "change_note": "",
        "is_current": False,
        "api_url": f"{API}/documents/42/versions/1/",
        "html_url": f"{BASE}/documents/42/v/1/",
    },
]

DOCUMENT = {
    "id": 42,
    "version": 2,
    "is_current": True,
    "published_at": "2026-11-20T14:03:11.532871Z",
    "change_note": "Corrected the date of the conversation.",
    "api_url": f"{API}/documents/42/",
    "html_url": f"{BASE}/documents/42/",
    "title": "Memorandum of Conversation between Khrushchev and Harriman",
    "slug": "memorandum-of-conversation-between-khrushchev-and-harriman",
    "external_id": "",
    "date": "1962-05-21",
    "display_date": "May 21, 1962",
    "date_earliest": "1962-05-21",
    "date_latest": "1962-05-21",
    "summary": "Khrushchev and Harriman discuss a moratorium on nuclear tests.",
    "summary_html": "<p>Khrushchev and Harriman discuss a moratorium on nuclear tests.</p>\n",
    "document_type": "memcon",
    "document_type_label": "memorandum of conversation",
    "original_language": "ru",
    "original_language_name": "Russian",
    "original_classification": "Top Secret",
    "rights": "Public domain in the United States.",
    "repository": {**REPOSITORY, "api_url": f"{API}/repositories/2/"},
    "archival_reference": "F. 3, Op. 16, D. 947, Ll. 15-16",
    "source_sentence": "RGANI, F. 3, Op. 16, D. 947, Ll. 15-16.",
    "credit_sentence": "Translated by Gary Goldberg.",
    "texts": [
        {
            "id": 91,
            "kind": "translation",
            "kind_label": "translation",
            "language": "en",
            "language_name": "English",
            "title": "",
            "order": 0,
            "body": "The talks began at noon.[1]",
            "body_html": '<p>The talks began at noon.<sup class="note-ref"><a href="#note-en-translation-1" '
            'id="note-en-translation-ref-1">1</a></sup></p>\n',
            "note_prefix": "note-en-translation",
            "notes_html": '<ol class="notes"><li id="note-en-translation-1">…</li></ol>',
            "footnotes": [
                {
                    "number": 1,
                    "kind": "translator",
                    "kind_label": "translator's note",
                    "body": "Literally, 'at the twelfth hour'.",
                    "body_html": "<p>Literally, 'at the twelfth hour'.</p>\n",
                }
            ],
        }
    ],
    "credits": [
        {
            "person": {"id": 19, "name": "Gary Goldberg", "sort_name": "Goldberg, Gary", "kind": "person"},
            "role": "translated",
            "role_label": "translated",
            "qualifier": "",
            "order": 0,
        }
    ],
    "provenance": [
        {
            "kind": "declassified",
            "kind_label": "declassified",
            "date": "1992",
            "display_date": "1992",
            "agent": "Russian State Archive of Contemporary History",
            "place": None,
            "reference": "",
            "note": "",
            "order": 0,
        }
    ],
    "attachments": [],
    "creators": [{**KHRUSHCHEV, "api_url": f"{API}/people/7/"}],
    "people": [],
    "places": [{**MOSCOW, "api_url": f"{API}/places/3/"}],
    "subjects": [{**SUBJECT, "api_url": f"{API}/subjects/12/"}],
    "collections": [{**COLLECTION, "api_url": f"{API}/collections/5/"}],
    "donors": [{"id": 1, "name": "Carnegie Corporation of New York", "url": "https://www.carnegie.org/"}],
    "related_documents": [],
    "versions": VERSIONS,
    "citations": {
        "house": {"text": CITATION, "html": f'{CITATION_LEAD} <a href="{DOCUMENT_URL}">{DOCUMENT_URL}</a>'},
        "chicago": {"text": "…", "html": "…"},
        "mla": {"text": "…", "html": "…"},
        "apa": {"text": "…", "html": "…"},
        "bibtex": {
            "text": "@misc{doc42, …}\n",
            "url": f"{BASE}/documents/42/citation.bib",
            "path": "/documents/42/citation.bib",
            "media_type": "application/x-bibtex; charset=utf-8",
            "filename": "doc42.bib",
        },
        "ris": {
            "text": "TY  - GEN\n…\nER  - \n",
            "url": f"{BASE}/documents/42/citation.ris",
            "path": "/documents/42/citation.ris",
            "media_type": "application/x-research-info-systems; charset=utf-8",
            "filename": "doc42.ris",
        },
        "csl_json": {
            "text": '[{"id": "doc42", "type": "manuscript", …}]\n',
            "url": f"{BASE}/documents/42/citation.json",
            "path": "/documents/42/citation.json",
            "media_type": "application/vnd.citationstyles.csl+json; charset=utf-8",
            "filename": "doc42.json",
        },
    },
}

# Authorities: each as listed, and its detail with its first documents.


def _authority(fields: dict, facet: str, prefix: str) -> dict:
    pk = fields["id"]
    return {
        **fields,
        "document_count": 1,
        "api_url": f"{API}/{prefix}/{pk}/",
        "documents_url": f"{API}/documents/?{facet}={pk}",
    }


AUTHORITIES = {
    "collections": _authority(
        {
            **COLLECTION,
            "description": "Soviet and American records of the **test ban** negotiations.",
            "description_html": "<p>Soviet and American records of the <strong>test ban</strong> negotiations.</p>\n",
        },
        "collection",
        "collections",
    ),
    "people": _authority(
        {
            **KHRUSHCHEV,
            "name_variants": ["Хрущёв, Никита Сергеевич"],
            "birth_date": "1894-04-15",
            "death_date": "1971-09-11",
            "description": "First Secretary of the Communist Party of the Soviet Union, 1953–1964.",
            "wikidata_id": "Q35452",
            "viaf_id": "27063124",
            "lcnaf_id": "n79021400",
        },
        "person",
        "people",
    ),
    "places": _authority(
        {
            **MOSCOW,
            "name_variants": ["Москва"],
            "latitude": 55.755833,
            "longitude": 37.617222,
            "geonames_id": "524901",
            "wikidata_id": "Q649",
        },
        "place",
        "places",
    ),
    "subjects": _authority({**SUBJECT, "scope_note": ""}, "subject", "subjects"),
    "repositories": _authority(REPOSITORY, "repository", "repositories"),
}


def authority_page(prefix: str) -> dict:
    return {"count": 1, "next": None, "previous": None, "results": [AUTHORITIES[prefix]]}


def authority_detail(prefix: str) -> dict:
    return {**AUTHORITIES[prefix], "documents": [DOCUMENT_SUMMARY]}


# Problems (RFC 9457).

INVALID_QUERY = {
    "type": "about:blank",
    "title": "Invalid input",
    "status": 400,
    "detail": "The request has 1 invalid field(s).",
    "errors": {"decade": ["A decade is written as its first year: 1960, not 1962."]},
}
NOT_FOUND = {
    "type": "about:blank",
    "title": "Not found",
    "status": 404,
    "detail": "No published document or version at this address.",
}
AUTHORITY_NOT_FOUND = {**NOT_FOUND, "detail": "Nothing published links to a record with this id."}
GONE = {
    "type": "about:blank",
    "title": "Gone",
    "status": 410,
    "detail": "This document was withdrawn on 3 December 2026 and is no longer published.",
    "tombstone": {
        "id": 42,
        "title": "Memorandum of Conversation between Khrushchev and Harriman",
        "withdrawn_at": "2026-12-03T10:15:00Z",
        "reason": "A duplicate of record 40.",
        "citation": CITATION,
        "html_url": f"{BASE}/documents/42/",
    },
}
THROTTLED = {
    "type": "about:blank",
    "title": "Too many requests",
    "status": 429,
    "detail": "Request was throttled. Expected available in 38 seconds.",
}
