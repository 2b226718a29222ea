"""Every URL pattern of the site, walked from the root URLconf (the admin's and both APIs' included).

The permission matrix and the hostile-input tests build their requests from this list, so that a view
added tomorrow is either covered by them or makes them fail with its name.
"""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Path converters and regex groups, replaced by sample values when a request is built.
_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)|\([^)]*\)")


@dataclass(frozen=True)
class Route:
    """One URL pattern: its full name ("archive:document-detail"; unnamed ones by route) and route."""

    name: str
    route: str

    @property
    def parameters(self) -> list[str]:
        """The names of the parameters, in order; unnamed regex groups are "arg0", "arg1" …"""
        names, unnamed = [], 0
        for match in _PARAMETER.finditer(self.route):
            name = match["name"] or match["group"]
            if not name:
                name, unnamed = f"arg{unnamed}", unnamed + 1
            names.append(name)
        return names

    def url(self, **values) -> str:
        """The path with each parameter replaced by its value in `values`."""
        names = iter(self.parameters)
        path = _PARAMETER.sub(lambda match: str(values[next(names)]), self.route)
        return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns, prefix="", namespace=""))


def _walk(patterns, *, prefix: str, namespace: str):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix=route, namespace=inner)
        elif isinstance(pattern, URLPattern):
            yield Route(f"{namespace}{pattern.name}" if pattern.name else f"{namespace}[{route}]", route)
