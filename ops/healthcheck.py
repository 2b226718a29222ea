"""The container's HEALTHCHECK: GET /healthz from the gunicorn inside; exit 0 when it answers 200.

It names the first of ALLOWED_HOSTS as the host, since Django refuses any other.
"""

import os
import sys
import urllib.error
import urllib.request


def main() -> int:
    host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".")
    port = os.environ.get("WEB_BIND", "0.0.0.0:8000").rpartition(":")[2]
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz", headers={"Host": host if host not in ("", "*") else "localhost"}
    )
    try:
        with urllib.request.urlopen(request, timeout=4) as response:
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as error:
        print(f"healthz: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
