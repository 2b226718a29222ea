"""The site's URLs plus the harness's baseline: a trivial Django view through the same middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def trivial(request: HttpRequest) -> HttpResponse:
    """The cheapest response the stack can give: what every measured page is compared with."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("__bench__/trivial/", trivial), *site_urlpatterns]
