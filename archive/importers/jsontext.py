"""JSON inside import files, parsed one way by every reader that meets it: the records file (.json), the
dataset's JSON Lines and the JSON in its CSV cells, and WCDA's list fields.

Nesting a few thousand levels deep exhausts the parser's stack (RecursionError), which no reader
expects; here it becomes InvalidJSON like any other unreadable JSON, so that each reader rejects the
file, line, cell or field with the same message and goes on with the rest.
"""

import json

NESTED_TOO_DEEPLY = "not valid JSON for a records file: nested too deeply."


class InvalidJSON(ValueError):
    """JSON that cannot be read. `message` is the whole sentence for the report; `line`, `column` and
    `reason` say where the parser stopped (None for nesting, which has no one place)."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None, reason: str = ""):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.reason = reason

    def __str__(self) -> str:
        return self.message


def load_json(text: str, *, with_line: bool = False) -> object:
    """`text` parsed, or InvalidJSON saying where it is broken (its line too, for a multi-line file)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}" if with_line else f"column {error.colno}"
        raise InvalidJSON(
            f"not valid JSON: {where}: {error.msg}.", line=error.lineno, column=error.colno, reason=error.msg
        ) from None
    except RecursionError:
        raise InvalidJSON(NESTED_TOO_DEEPLY) from None
