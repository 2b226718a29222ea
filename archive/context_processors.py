from django.conf import settings
from django.http import HttpRequest


def archive(request: HttpRequest) -> dict[str, str]:
    """Put the archive's name and canonical base URL in every template."""
    return {"ARCHIVE_NAME": settings.ARCHIVE_NAME, "SITE_URL": settings.SITE_URL}
