# syntax=docker/dockerfile:1
# The archive as one slim image: gunicorn serving Django, WhiteNoise serving the static files collected at
# build time, uploads on a volume. See README, "Running with docker compose".

# --- Build: the locked dependencies in a virtual environment (every package is a wheel, checked by hash)
FROM python:3.11-slim-bookworm AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /opt/venv
COPY requirements.lock /tmp/requirements.lock
RUN /opt/venv/bin/pip install --require-hashes -r /tmp/requirements.lock

# --- Runtime -----------------------------------------------------------------------------------------
FROM python:3.11-slim-bookworm AS runtime

# Pango and HarfBuzz for WeasyPrint (the PDF downloads); DejaVu for Latin and Cyrillic and Noto CJK for
# Chinese, Japanese and Korean, the fonts the PDF template names; the PostgreSQL 15 client for
# ops/backup.sh and ops/restore.sh (its pg_dump matches the server in docker-compose.yml).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-dejavu-core fonts-noto-cjk \
        postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*

ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/var/media \
    CACHE_DIR=/app/var/cache

RUN groupadd --system --gid 10001 archive \
    && useradd --system --uid 10001 --gid archive --home-dir /app --shell /usr/sbin/nologin archive

COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --chown=archive:archive . /app

# Static files are collected (hashed names, compressed copies) once, here, with production settings.
RUN DEBUG=0 python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /app/var/media /app/var/cache /app/backups \
    && chown -R archive:archive /app/var /app/backups /app/staticfiles

USER archive
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "ops/healthcheck.py"]

ENTRYPOINT ["/app/ops/docker-entrypoint.sh"]
CMD ["gunicorn", "--config", "ops/gunicorn.conf.py", "config.wsgi"]
