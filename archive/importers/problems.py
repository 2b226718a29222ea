"""What goes wrong with a record, said precisely enough to fix it: which field, what is wrong."""

from django.core.exceptions import ValidationError


class RecordRejected(Exception):
    """A record that cannot be imported; `problems` are (field, message) pairs."""

    def __init__(self, field: str, message: str) -> None:
        self.problems = [(field, message)]
        super().__init__(str(self))

    def __str__(self) -> str:
        return "; ".join(f"{field}: {message}" if field else message for field, message in self.problems)

    @classmethod
    def from_validation_error(cls, error: ValidationError, *, path: str) -> "RecordRejected":
        """The model validators' own messages, so that an import says what the admin would."""
        problems = []
        for field, messages in error.message_dict.items():
            name = "" if field == "__all__" else field
            location = ".".join(part for part in (path, name) if part)
            problems.extend((location, message) for message in messages)
        rejected = cls(*problems[0])
        rejected.problems = problems
        return rejected


class FileRejected(Exception):
    """A file that cannot be read at all (broken XML, invalid JSON): no record in it is imported."""
