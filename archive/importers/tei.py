"""TEI P5 documents as the Office of the Historian publishes FRUS (../shared/samples/frus*.tei.xml).

Each <div type="document"> is one record, "frus1961-63v06:d9" (volume id, then the div's xml:id):
- <head> is the title, without its leading number ("9. ") and without its notes;
- the source note (n="0", type="source") is the record's source sentence (kept whole as the source
  override, FRUS source notes follow no house pattern), a "held" provenance event for its first
  sentence ("Department of State, Presidential Correspondence: Lot 66 D 204") and the original
  classification when it states one ("Secret; Niact; …");
- numbered notes become footnotes (editor's notes) and leave a "[n]" marker where they stood;
- a note pointing to another document (<ref target="#d9">) becomes a Markdown link to that document's
  page at history.state.gov (a stable address, unlike a database id) and a related-document link;
- <dateline><date when="1961-04-18T14:00:00+03:00"> gives the date at day precision, read in the
  document's own time zone (the time and zone are not shown), and with <placeName> a "created" event;
- persName: "from" in the head and the signer in <closer> are the authors, the others the people
  mentioned; the corresp id ties "Kennedy" and "John F. Kennedy" together within the file;
- page breaks (<pb/>) are dropped: FRUS asks readers to cite document numbers, not pages.
"""

import re
from pathlib import Path

from lxml import etree

from archive.importers.candidates import Candidate
from archive.importers.normalise import (
    edtf_from_display,
    escape_block_start,
    escape_inline,
    guess_document_type,
    language_code,
)
from archive.importers.problems import FileRejected, RecordRejected
from archive.models import Footnote, ProvenanceEvent, Text

TEI = "http://www.tei-c.org/ns/1.0"
FRUS = "http://history.state.gov/frus/ns/1.0"
XML = "http://www.w3.org/XML/1998/namespace"
# Left out of the text: page and column breaks, running heads, the head (it is the title) and ""
# (entity references, which are never expanded: see parse_xml).
DROPPED = {"pb", "milestone", "fw", "cb", "head", ""}
DOCUMENT_TARGET = re.compile(r"^(?P<volume>[\w.-]*)#(?P<document>d\d+)$")
VOLUME_IN_FILE_NAME = re.compile(r"^(?P<volume>frus[\w-]*?v\d+\w*?)(?=[-_.]|$)")
ISO_DATE = re.compile(r"^(?P<date>\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T.*)?$")
CLASSIFICATION = re.compile(
    r"\.\s+(?P<marking>Top Secret|Secret|Confidential|Limited Official Use|Official Use Only|Unclassified)\b"
)
FRUS_DOCUMENT_URL = "https://history.state.gov/historicaldocuments/{volume}/{document}"


def looks_like_tei(text: str) -> bool:
    return TEI in text[:10_000]


def read_tei(path: Path, data: bytes) -> list[Candidate]:
    root = parse_xml(data)
    divs = [div for div in root.iter(f"{{{TEI}}}div") if div.get("type") == "document"]
    if not divs:
        raise FileRejected('no <div type="document"> in this TEI file: nothing to import.')
    volume = volume_id(root, path)
    names, rights = names_by_key(root), rights_statement(root)
    candidates = []
    for position, div in enumerate(divs, start=1):
        label = f"document {div.get('n') or position}"
        try:
            record = DocumentDiv(div, volume=volume, names=names, rights=rights).record()
        except RecordRejected as rejected:
            candidates.append(Candidate.rejected(path, label, rejected))
            continue
        candidates.append(Candidate.read(path, label, record))
    return candidates


def parse_xml(data: bytes):
    """Parse without fetching anything and without expanding entities (no XXE, no billion laughs)."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise FileRejected(f"broken XML: {error}") from None


def volume_id(root, path: Path) -> str:
    """The FRUS volume id from the TEI header, else from the file name, else the file name itself."""
    idno = root.find(f".//{{{TEI}}}teiHeader//{{{TEI}}}idno[@type='frus']")
    if idno is not None and (idno.text or "").strip():
        return idno.text.strip()
    match = VOLUME_IN_FILE_NAME.match(path.name)
    return match["volume"] if match else path.name.split(".")[0]


def rights_statement(root) -> str:
    availability = root.find(f".//{{{TEI}}}teiHeader//{{{TEI}}}availability")
    return collapse("".join(availability.itertext())) if availability is not None else ""


def names_by_key(root) -> dict[str, str]:
    """The fullest form of each tagged person's name in the file, by corresp id."""
    names: dict[str, str] = {}
    for element in root.iter(f"{{{TEI}}}persName"):
        key, text = element.get("corresp"), collapse("".join(element.itertext()))
        if key and len(text) > len(names.get(key, "")):
            names[key] = text
    return names


def collapse(text: str) -> str:
    return " ".join(text.split())


def local_name(node) -> str:
    """An element's name without its namespace; "" for an unexpanded entity reference."""
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


class DocumentDiv:
    """One <div type="document"> read into a record."""

    def __init__(self, div, *, volume: str, names: dict[str, str], rights: str) -> None:
        self.div, self.volume, self.names, self.rights = div, volume, names, rights
        self.footnotes: list[dict] = []
        self.related: list[str] = []

    def record(self) -> dict:
        xml_id = self.div.get(f"{{{XML}}}id")
        if not xml_id:
            raise RecordRejected("xml:id", 'the <div type="document"> has no xml:id to identify it by.')
        title = self.title()
        body = self.body()
        source = self.source_note()
        creators, people = self.people()
        date, place = self.date(), self.place()
        return {
            "external_id": f"{self.volume}:{xml_id}",
            "title": title,
            "date": date,
            "document_type": guess_document_type(title),
            "original_language": self.language(),
            "original_classification": _classification(source),
            "rights": self.rights,
            "source_override": source,
            "creators": creators,
            "people": people,
            "places": [{"name": place}] if place else [],
            "related_documents": list(dict.fromkeys(self.related)),
            "texts": [
                {
                    "kind": Text.Kind.ORIGINAL.value,
                    "language": self.language(),
                    "body": body,
                    "footnotes": self.footnotes,
                }
            ],
            "provenance": self.provenance(source, date, place),
        }

    def _find(self, path: str):
        return self.div.find(path.replace("tei:", f"{{{TEI}}}"))

    def title(self) -> str:
        head = self._find("tei:head")
        if head is None:
            return ""
        text = collapse(self._plain(head))
        number = self.div.get("n")
        return re.sub(rf"^{re.escape(number)}\.\s*", "", text) if number else text

    def _plain(self, element) -> str:
        """Text without notes (a note's text is not part of the sentence it is attached to)."""
        parts = [element.text or ""]
        for child in element:
            if local_name(child) not in DROPPED and local_name(child) != "note":
                parts.append(self._plain(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def source_note(self) -> str:
        note = next(
            (n for n in self.div.iter(f"{{{TEI}}}note") if n.get("n") == "0" or n.get("type") == "source"),
            None,
        )
        if note is None:
            return ""
        return re.sub(r"^Source:\s*", "", collapse(self._plain(note)))

    def language(self) -> str:
        declared = self.div.xpath("ancestor-or-self::*[@xml:lang][1]/@xml:lang")
        return language_code(declared[0], field="xml:lang") if declared else "en"

    def date(self) -> str:
        element = self._find("tei:dateline//tei:date")
        if element is not None and element.get("when"):
            return _iso_day(element.get("when"), field="dateline/date/@when")
        if element is not None and collapse("".join(element.itertext())):
            return edtf_from_display(collapse("".join(element.itertext())), field="dateline/date")
        earliest, latest = (
            self.div.get(f"{{{FRUS}}}doc-dateTime-min"),
            self.div.get(f"{{{FRUS}}}doc-dateTime-max"),
        )
        if not (earliest and latest):
            return ""
        first, last = (
            _iso_day(earliest, field="frus:doc-dateTime-min"),
            _iso_day(latest, field="frus:doc-dateTime-max"),
        )
        return first if first == last else f"{first}/{last}"

    def place(self) -> str:
        element = self._find("tei:dateline//tei:placeName")
        return collapse("".join(element.itertext())) if element is not None else ""

    def people(self) -> tuple[list[dict], list[dict]]:
        """Authors (persName "from" in the head, signers in the closer) and the people mentioned."""
        authors = [*self.div.iterfind(f"{{{TEI}}}head//{{{TEI}}}persName[@type='from']")]
        authors += self.div.iterfind(f"{{{TEI}}}closer//{{{TEI}}}persName")
        author_names = self._names(authors)
        mentioned = [
            name for name in self._names(self.div.iter(f"{{{TEI}}}persName")) if name not in author_names
        ]
        return [{"name": name} for name in author_names], [{"name": name} for name in mentioned]

    def sender(self) -> str:
        """Who the head says the document is from: "Embassy in the Soviet Union", "John F. Kennedy"."""
        sender = self._find("tei:head//*[@type='from']")
        if sender is None:
            return ""
        return (
            self._names([sender])[0]
            if local_name(sender) == "persName"
            else collapse("".join(sender.itertext()))
        )

    def _names(self, elements) -> list[str]:
        names = []
        for element in elements:
            key = element.get("corresp")
            names.append(self.names.get(key) if key else collapse("".join(element.itertext())))
        return [name for name in dict.fromkeys(names) if name]

    def provenance(self, source: str, date: str, place: str) -> list[dict]:
        """Where and when the document was made (the dateline), and who held it (the source note)."""
        events = []
        if date or place:
            events.append(
                {
                    "kind": ProvenanceEvent.Kind.CREATED.value,
                    "date": date,
                    "agent": self.sender(),
                    "place": {"name": place} if place else None,
                }
            )
        holder, _comma, reference = source.split(". ")[0].partition(", ")
        if holder:
            events.append({"kind": ProvenanceEvent.Kind.HELD.value, "agent": holder, "reference": reference})
        return [{**event, "order": order} for order, event in enumerate(events)]

    # The body ---------------------------------------------------------------------------------------

    def body(self) -> str:
        paragraphs = []
        for child in self.div:
            if local_name(child) in DROPPED:
                continue
            if local_name(child) == "list":
                paragraphs.append("\n".join(f"- {collapse(self.inline(item))}" for item in child))
            else:
                paragraphs.append(escape_block_start(collapse(self.inline(child))))
        return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)

    def inline(self, element) -> str:
        parts = [escape_inline(element.text or "")]
        for child in element:
            parts.append(self.inline_child(child))
            parts.append(escape_inline(child.tail or ""))
        return "".join(parts)

    def inline_child(self, child) -> str:
        name = local_name(child)
        if name == "note":
            return self.note_marker(child)
        if name in DROPPED:
            return ""
        if name == "lb":
            return " "
        if name == "hi":
            return _emphasis(child.get("rend", ""), self.inline(child))
        if name == "ref":
            return self.reference(child)
        return self.inline(child)

    def note_marker(self, note) -> str:
        number = note.get("n", "")
        if number == "0" or note.get("type") == "source":
            return ""
        if not number.isdigit() or int(number) < 1:
            where = note.get(f"{{{XML}}}id") or "a note"
            raise RecordRejected(f"note {where}", f'n="{number}" is not a note number (1, 2, 3 …).')
        self.footnotes.append(
            {"number": int(number), "kind": Footnote.Kind.EDITOR.value, "body": collapse(self.inline(note))}
        )
        return f"[{number}]"

    def reference(self, ref) -> str:
        text = self.inline(ref)
        target = ref.get("target", "")
        match = DOCUMENT_TARGET.match(target)
        if match:
            volume = match["volume"] or self.volume
            self.related.append(f"{volume}:{match['document']}")
            if volume.startswith("frus"):
                return f"[{text}]({FRUS_DOCUMENT_URL.format(volume=volume, document=match['document'])})"
            return text
        return f"[{text}]({target})" if target.startswith(("https://", "http://")) else text


def _emphasis(rend: str, text: str) -> str:
    """*italic* or **strong**, with surrounding spaces kept outside the markers as Markdown needs."""
    inner = text.strip()
    if not inner:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    if "italic" in rend:
        inner = f"*{inner}*"
    elif "strong" in rend or "bold" in rend:
        inner = f"**{inner}**"
    return f"{lead}{inner}{trail}"


def _iso_day(value: str, *, field: str) -> str:
    match = ISO_DATE.match(value.strip())
    if match is None:
        raise RecordRejected(
            field, f'"{value}" is not an ISO 8601 date ("1961-04-18" or "1961-04-18T14:00:00+03:00").'
        )
    return edtf_from_display(match["date"], field=field)


def _classification(source: str) -> str:
    match = CLASSIFICATION.search(source)
    return match["marking"] if match else ""
