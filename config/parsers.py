"""The APIs' JSON parser: DRF's, plus the checks that keep broken text out of the database.

PostgreSQL refuses a NUL character in text and in jsonb, and no valid UTF-8 holds an unpaired
surrogate (JSON can spell one, "\\ud800"); either would fail deep inside a save as a server error.
Nesting a thousand levels deep exhausts the parser's stack. Each is answered here instead, with 400
problem details that say what is wrong and where ("texts[0].body contains a NUL character").
"""

import json

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# Deeper than any record the API accepts (a record, its texts, their footnotes: four levels).
MAX_DEPTH = 32


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        # DRF hands JSON parsers request.body, which Django has checked against DATA_UPLOAD_MAX_MEMORY_SIZE
        # (config.middleware answers 413 when it is larger).
        raw = stream.read() if stream is not None else b""
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ParseError(
                _("The request body is not valid UTF-8 (byte %(position)d).") % {"position": error.start}
            ) from None
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except RecursionError:
            raise ParseError(_("The JSON is nested too deeply.")) from None
        except ValueError as error:
            raise ParseError(_("The request body is not valid JSON: %(error)s") % {"error": error}) from None
        _check(data, path="", depth=0)
        return data


def _refuse_constant(name: str):
    raise ValueError(_("%(name)s is not a JSON number") % {"name": name})


def _check(value, *, path: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ParseError(_("The JSON is nested too deeply (more than %(max)d levels).") % {"max": MAX_DEPTH})
    if isinstance(value, str):
        _check_text(value, where=path or _("the body"))
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key, where=_("a field name in %(where)s") % {"where": path or _("the body")})
            _check(item, path=f"{path}.{key}" if path else key, depth=depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check(item, path=f"{path}[{index}]", depth=depth + 1)


def _check_text(text: str, *, where: str) -> None:
    where = capfirst(where)
    if "\x00" in text:
        raise ParseError(
            _("%(where)s contains a NUL character (\\u0000), which text may not hold.") % {"where": where}
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ParseError(
            _("%(where)s contains an unpaired surrogate (such as \\ud800), which is not a character.")
            % {"where": where}
        ) from None
