"""The OAI-PMH endpoint, /oai/ (GET and POST, §3.1.1), and the schema of the archive_record format."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe
from lxml import etree

from archive.oai import verbs
from archive.oai.protocol import (
    OAI_NAMESPACE,
    OAI_SCHEMA,
    XSI_NAMESPACE,
    OAIError,
    OAIRequest,
    format_datestamp,
    parse_request,
    xml_text,
)

HANDLERS = {
    "Identify": verbs.identify,
    "ListMetadataFormats": verbs.list_metadata_formats,
    "ListSets": verbs.list_sets,
    "GetRecord": verbs.get_record,
    "ListIdentifiers": verbs.list_identifiers,
    "ListRecords": verbs.list_records,
}
# After these two errors the <request> element repeats no argument (§3.6): they may be what was wrong.
_UNECHOED = {"badVerb", "badArgument"}


@csrf_exempt  # harvesters POST forms without a session; nothing here changes anything
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request: HttpRequest) -> HttpResponse:
    """One OAI-PMH request: the verb's answer, or its errors, in the OAI-PMH envelope, always HTTP 200."""
    query = request.POST if request.method == "POST" else request.GET
    responded_at = timezone.now()
    oai_request = None
    try:
        oai_request = parse_request(query)
        content = HANDLERS[oai_request.verb](oai_request)
    except OAIError as error:
        content = etree.Element(f"{{{OAI_NAMESPACE}}}error", code=error.code)
        content.text = xml_text(error.message)
        if error.code in _UNECHOED:
            oai_request = None
    document = envelope(responded_at=responded_at, oai_request=oai_request, content=content)
    body = etree.tostring(document, xml_declaration=True, encoding="UTF-8")
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


def envelope(*, responded_at, oai_request: OAIRequest | None, content: etree._Element) -> etree._Element:
    root = etree.Element(
        f"{{{OAI_NAMESPACE}}}OAI-PMH",
        {f"{{{XSI_NAMESPACE}}}schemaLocation": f"{OAI_NAMESPACE} {OAI_SCHEMA}"},
        nsmap={None: OAI_NAMESPACE, "xsi": XSI_NAMESPACE},
    )
    etree.SubElement(root, f"{{{OAI_NAMESPACE}}}responseDate").text = format_datestamp(responded_at)
    echoed = {"verb": oai_request.verb, **oai_request.arguments} if oai_request else {}
    request_element = etree.SubElement(
        root, f"{{{OAI_NAMESPACE}}}request", {name: xml_text(value) for name, value in echoed.items()}
    )
    request_element.text = verbs.base_url()
    root.append(content)
    return root


@require_safe
@cache_control(public=True, max_age=86400)
def record_schema(request: HttpRequest) -> HttpResponse:
    """The XML Schema of the archive_record format. Template: archive/oai/archive_record.xsd."""
    return render(request, "archive/oai/archive_record.xsd", content_type="application/xml; charset=utf-8")
