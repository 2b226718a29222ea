"""Example requests and responses for the curation API's OpenAPI description (curation.api.schema).

One small draft, "a memorandum of conversation with one footnote", followed through the workflow, so
that the examples agree with one another as real exchanges do. tests/api/test_curation_schema.py
checks that each example has the keys a real response has.
"""

BASE = "https://archive.example.org"
API = f"{BASE}/api/v1/curation"

FOOTNOTE = {"number": 1, "kind": "translator", "body": "Literally, “at the twelfth hour”."}
TEXT_RU = {
    "kind": "original",
    "language": "ru",
    "title": "Запись беседы Н. С. Хрущева с А. Гарриманом",
    "body": "Беседа началась в полдень.",
    "order": 0,
    "footnotes": [],
}
TEXT_EN = {
    "kind": "translation",
    "language": "en",
    "title": "Memorandum of Conversation between Khrushchev and Harriman",
    "body": "The talks began at noon.[1]",
    "order": 1,
    "footnotes": [FOOTNOTE],
}
PROVENANCE = {
    "order": 0,
    "kind": "declassified",
    "date": "1992",
    "agent": "Russian State Archive of Contemporary History",
    "place": None,
    "reference": "",
    "note": "",
}
CREDIT = {"person": 31, "person_name": "Gary Goldberg", "role": "translated", "qualifier": "", "order": 0}

NEW_DRAFT = {
    "title": "Memorandum of Conversation between Khrushchev and Harriman",
    "date": "1962-05-21",
    "document_type": "memcon",
    "original_language": "ru",
    "summary": "Khrushchev and Harriman discuss a moratorium on nuclear tests.",
    "repository": 2,
    "archival_reference": "F. 3, Op. 16, D. 947, Ll. 15-16",
    "texts": [TEXT_RU, TEXT_EN],
    "provenance": [PROVENANCE],
    "credits": [{"person_name": "Gary Goldberg", "role": "translated"}],
    "comment": "First draft from the scan.",
}

FIELDS = {
    "title": NEW_DRAFT["title"],
    "date": "1962-05-21",
    "display_date_override": "",
    "document_type": "memcon",
    "original_language": "ru",
    "original_classification": "",
    "summary": NEW_DRAFT["summary"],
    "repository": 2,
    "archival_reference": NEW_DRAFT["archival_reference"],
    "source_override": "",
    "rights": "",
    "external_id": None,
    "creators": [7],
    "people": [],
    "places": [3],
    "subjects": [12],
    "collections": [5],
    "donors": [],
    "related_documents": [],
}

DOCUMENT = {
    "id": 42,
    "url": f"{API}/documents/42/",
    "admin_url": f"{BASE}/admin/archive/document/42/change/",
    "status": "draft",
    "revision": 118,
    **FIELDS,
    "display_date": "May 21, 1962",
    "texts": [TEXT_RU, TEXT_EN],
    "provenance": [PROVENANCE],
    "credits": [CREDIT],
    "marker_problems": [],
    "current_version": None,
    "scheduled_publication": None,
    "created_by": "tanya",
    "assigned_translator": None,
    "reviewer": None,
    "created_at": "2026-11-28T10:02:11Z",
    "updated_at": "2026-11-28T10:02:11Z",
}
IN_REVIEW = {**DOCUMENT, "status": "in_review", "revision": 119}
CHANGES_REQUESTED = {**DOCUMENT, "status": "changes_requested", "revision": 120}
PUBLISHED = {
    **DOCUMENT,
    "status": "published",
    "revision": 121,
    "current_version": {"number": 1, "url": f"{BASE}/documents/42/v/1/"},
}
SCHEDULED = {
    **IN_REVIEW,
    "revision": 121,
    "scheduled_publication": {"publish_at": "2026-12-01T09:00:00Z", "revision": 118, "approved_by": "emil"},
}
WITHDRAWN = {**PUBLISHED, "status": "withdrawn", "revision": 122, "current_version": None}
ASSIGNED = {**IN_REVIEW, "revision": 120, "assigned_translator": "oleg", "reviewer": "emil"}

SUMMARY = {
    "id": 42,
    "url": f"{API}/documents/42/",
    "admin_url": DOCUMENT["admin_url"],
    "status": "in_review",
    "revision": 119,
    "title": DOCUMENT["title"],
    "display_date": "May 21, 1962",
    "original_language": "ru",
    "created_by": "tanya",
    "assigned_translator": None,
    "reviewer": None,
    "current_version": None,
    "updated_at": "2026-11-28T10:05:40Z",
}
DOCUMENT_PAGE = {"count": 1, "next": None, "previous": None, "results": [SUMMARY]}

PATCH_SUMMARY = {
    "summary": "Khrushchev and Harriman discuss a test moratorium and Berlin.",
    "comment": "Berlin.",
}

REVISIONS = {
    "count": 2,
    "next": None,
    "previous": None,
    "results": [
        {
            "id": 119,
            "created_at": "2026-11-28T10:05:40Z",
            "user": "tanya",
            "comment": "Submitted for review",
            "changes_content": False,
            "steps": [
                {
                    "action": "submit",
                    "label": "submitted for review",
                    "from_state": "draft",
                    "to_state": "in_review",
                    "actor": "tanya",
                    "comment": "",
                }
            ],
            "published_as": None,
            "diff_url": f"{API}/documents/42/revisions/119/diff/",
        },
        {
            "id": 118,
            "created_at": "2026-11-28T10:02:11Z",
            "user": "tanya",
            "comment": "First draft from the scan.",
            "changes_content": True,
            "steps": [
                {
                    "action": "edit",
                    "label": "edited",
                    "from_state": "draft",
                    "to_state": "draft",
                    "actor": "tanya",
                    "comment": "First draft from the scan.",
                }
            ],
            "published_as": None,
            "diff_url": f"{API}/documents/42/revisions/118/diff/",
        },
    ],
}

DIFF = {
    "old": {"key": "118", "label": "revision 118 by tanya, 28 Nov 2026 10:02"},
    "new": {"key": "123", "label": "revision 123 by tanya, 28 Nov 2026 11:30"},
    "size": {"inserted_words": 3, "deleted_words": 1, "fields_changed": 1},
    "metadata": [
        {
            "name": "summary",
            "label": "summary",
            "old": "Khrushchev and Harriman discuss a moratorium on nuclear tests.",
            "new": "Khrushchev and Harriman discuss a test moratorium and Berlin.",
            "diff": [
                {"equal": "Khrushchev and Harriman discuss a "},
                {"deleted": "", "inserted": "test "},
                {"equal": "moratorium "},
                {"deleted": "on nuclear tests", "inserted": "and Berlin"},
                {"equal": "."},
            ],
        }
    ],
    "links": [],
    "texts": [
        {
            "key": "translation:en",
            "label": "Translation (English)",
            "status": "changed",
            "title": [{"equal": "Memorandum of Conversation between Khrushchev and Harriman"}],
            "body": [{"equal": "The talks began at noon.[1]"}],
            "footnotes": [
                {
                    "number": 1,
                    "status": "changed",
                    "old_kind": "translator's note",
                    "new_kind": "translator's note",
                    "diff": [
                        {"equal": "Literally, “at the "},
                        {"deleted": "twelfth hour", "inserted": "stroke of noon"},
                        {"equal": "”."},
                    ],
                }
            ],
        }
    ],
    "provenance": [],
    "credits": [
        {
            "status": "added",
            "old": None,
            "new": {"person": "Svetlana Savranskaya", "role": "edited", "qualifier": ""},
            "changed_columns": [],
        }
    ],
}


def problem(status: int, title: str, detail: str, **extra) -> dict:
    return {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}


INVALID_RECORD = problem(
    400,
    "Invalid input",
    "The request has 3 invalid field(s).",
    errors={
        "date": [
            '"21 May 1962" is not a date in EDTF form. Accepted forms include "1962-05-21" (a day), '
            '"1967-11" (a month), "1958" (a year), "1958?" (uncertain), "1958~" (approximate), "196X" (the '
            '1960s), "1961-04/1961-06" (a range), "1962-21" (spring 1962).'
        ],
        "texts[1].language": [
            '"Englisch" is not an ISO 639 language code. Use a code such as "en", "ru", "de", "ja" or "zh".'
        ],
        "texts[1].footnotes[1].number": [
            "Footnote [1] is already used in this text; give this note another number."
        ],
    },
)
COMMENT_REQUIRED = problem(
    400,
    "Invalid input",
    "Say what needs to change; the translator sees this comment.",
    errors={"comment": ["Say what needs to change; the translator sees this comment."]},
    code="comment_required",
)
NOT_AUTHENTICATED = problem(
    401, "Authentication required", "Sign in, or send an API token as “Authorization: Bearer <token>”."
)
TOKEN_EXPIRED = problem(
    401,
    "Authentication required",
    "This API token expired on 27 Nov 2026 10:00; create a new one in the admin.",
)
NO_ROLE = problem(
    403,
    "Permission denied",
    "Your account has no role in the workroom; ask an administrator to make you a translator or an editor.",
)
IN_REVIEW_READ_ONLY = problem(
    403,
    "Permission denied",
    "This record is in review and cannot be edited until an editor returns it.",
)
NOT_REVIEWER = problem(403, "Permission denied", "Only an editor may review a record that is in review.")
NOT_FOUND = problem(404, "Not found", "There is no record 42 that you may see.")
WRONG_STATE = problem(
    409,
    "Conflict",
    "This record is draft; approving is possible only when it is in review.",
    code="transition_not_allowed",
)
MARKERS = problem(
    409,
    "Conflict",
    "Footnote markers and footnotes must match one to one before review. "
    "Translation (English): marker [2] has no footnote",
    errors={
        "non_field_errors": [
            "Footnote markers and footnotes must match one to one before review.",
            "Translation (English): marker [2] has no footnote",
        ]
    },
    code="markers_mismatch",
)
SELF_APPROVAL = problem(
    409,
    "Conflict",
    "You wrote revision 118 by edith, 28 Nov 2026 10:02, which this approval would publish; another editor "
    "must approve it.",
    code="self_approval",
)
STALE_SAVE = problem(
    412,
    "Precondition failed",
    "Oleg Otherwise saved this record at Nov. 28, 2026, 11:30 a.m., after you opened it (Fixed the date.). "
    "Your changes have not been saved, so as not to overwrite theirs: copy what you need, reload the page, "
    "and enter your changes again.",
)
STALE_APPROVAL = problem(
    412,
    "Precondition failed",
    "This record changed after revision 118 (revision 123 by tanya, 28 Nov 2026 11:30); review the latest "
    "revision before approving.",
    code="stale_revision",
)
IF_MATCH_REQUIRED = problem(
    428,
    "Precondition required",
    "Send If-Match with the ETag of the record as you last read it (GET it first): that is how a change is "
    "kept from overwriting someone else's.",
)
UNSUPPORTED_MEDIA = problem(415, "Unsupported media type", 'Unsupported media type "text/plain" in request.')
THROTTLED = problem(429, "Too many requests", "Request was throttled. Expected available in 12 seconds.")
BAD_AGAINST = problem(
    400,
    "Invalid input",
    "The request has 1 invalid field(s).",
    errors={"against": ["“9999” is not a revision of this record."]},
)
BAD_STATUS = problem(
    400,
    "Invalid input",
    "The request has 1 invalid field(s).",
    errors={"status": ['"drafts" is not a valid choice.']},
)
BAD_BODY = problem(
    400,
    "Invalid input",
    "The request has 1 invalid field(s).",
    errors={"comment": ["Not a valid string."]},
)
BAD_PAGE = problem(
    400,
    "Invalid input",
    "The request has 1 invalid field(s).",
    errors={"page_size": ["Ensure this value is less than or equal to 200."]},
)
