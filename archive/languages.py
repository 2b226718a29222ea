"""ISO 639 language codes and their English names, from pycountry's copy of the ISO tables.

Every text declares its language as an ISO 639-1 code where one exists ("ru", "de") or an ISO 639-3
code otherwise ("chu"). Both are accepted; names come from the same table.
"""

from functools import lru_cache

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@lru_cache(maxsize=1024)
def _lookup(code: str):
    code = code.strip().lower()
    if len(code) == 2:
        return pycountry.languages.get(alpha_2=code)
    if len(code) == 3:
        return pycountry.languages.get(alpha_3=code) or pycountry.languages.get(bibliographic=code)
    return None


def language_name(code: str) -> str:
    """English name of an ISO 639 code ("ru" -> "Russian"); the code itself if unknown."""
    language = _lookup(code) if code else None
    return language.name if language else code


def is_known_language(code: str) -> bool:
    return bool(code) and _lookup(code) is not None


def normalise_language_code(code: str) -> str:
    """The shortest ISO 639 code for a language: "rus" and "RU" both become "ru"."""
    language = _lookup(code)
    if language is None:
        return code
    return getattr(language, "alpha_2", None) or language.alpha_3


def validate_language_code(value: str) -> None:
    if not is_known_language(value):
        raise ValidationError(
            _(
                '"%(code)s" is not an ISO 639 language code. Use a code such as "en", "ru", "de", "ja" or "zh".'
            ),
            code="unknown_language",
            params={"code": value},
        )


@lru_cache(maxsize=1)
def language_choices() -> list[tuple[str, str]]:
    """(code, name) for every language with a two-letter code, sorted by name: the admin's picklist."""
    pairs = [(lang.alpha_2, lang.name) for lang in pycountry.languages if hasattr(lang, "alpha_2")]
    return sorted(pairs, key=lambda pair: pair[1])
