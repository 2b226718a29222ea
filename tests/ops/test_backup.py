"""make backup / make restore: back up, destroy, restore, and find everything as it was.

PostgreSQL only: the scripts are pg_dump and pg_restore. The test backs up its own test database and
media folder, drops every table and deletes every file, restores, and compares every revision, every
published version and every file's checksum with what was there before.
"""

import hashlib
import os
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import ProgrammingError, connection
from reversion.models import Revision, Version

from archive.models import Attachment, Document, PublishedVersion
from curation import actions
from curation.models import AuditEntry
from tests.archive.document_records import attach, build_record, png_bytes
from tests.factories import publish

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]
ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n% a scan of the original\n" + bytes(range(256)) * 64


def database_url() -> str:
    db = connection.settings_dict
    credentials = f"{quote(db['USER'], safe='')}:{quote(db['PASSWORD'] or '', safe='')}"
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def run(script: str, *args: str, media_root: Path) -> str:
    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(media_root)}
    result = subprocess.run(
        [str(ROOT / "ops" / script), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{script} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_under(root: Path) -> dict[str, str]:
    return {str(path.relative_to(root)): sha256(path) for path in sorted(root.rglob("*")) if path.is_file()}


def archive_state(media_root: Path) -> dict:
    """Everything that must survive: revisions with their versions, published versions, records, files."""
    return {
        "revisions": list(
            Revision.objects.order_by("pk").values_list("pk", "date_created", "user_id", "comment")
        ),
        "versions": list(
            Version.objects.order_by("pk").values_list("pk", "revision_id", "object_id", "serialized_data")
        ),
        "published": list(
            PublishedVersion.objects.order_by("pk").values_list(
                "pk", "document_id", "number", "revision_id", "is_current", "change_note", "payload"
            )
        ),
        "documents": list(
            Document.objects.order_by("pk").values_list("pk", "title", "status", "current_version_id")
        ),
        "audit": list(AuditEntry.objects.order_by("pk").values_list("pk", "action", "revision_id")),
        "attachments": list(Attachment.objects.order_by("pk").values_list("pk", "file", "checksum", "size")),
        "files": files_under(media_root),
    }


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings.MEDIA_ROOT


@pytest.fixture
def archive(media_root, translator, editor, second_editor):
    """Two versions of one record with a PDF and a scan, a withdrawn record, a draft with a file."""
    revised = build_record(author=translator, title="Memorandum on the test ban")
    attach(revised, kind="pdf", name="memo.pdf", content=PDF, content_type="application/pdf", caption="PDF")
    attach(revised, kind="scan", name="p1.png", content=png_bytes(), content_type="image/png", caption="P1")
    publish(revised, approver=editor)
    revised.title = "Memorandum on the test ban, 21 May 1962"
    publish(revised, approver=second_editor, author=editor, note="Dated the title.")

    withdrawn = build_record(author=translator, title="A duplicate telegram")
    publish(withdrawn, approver=editor)
    actions.withdraw(withdrawn, actor=editor, reason="A duplicate of the memorandum.")

    draft = build_record(author=translator, title="A draft translation")
    attach(draft, kind="scan", name="draft.png", content=png_bytes(), content_type="image/png", caption="D")
    return revised, withdrawn, draft


@pytest.fixture
def schema_put_back():
    """If the test fails between destroying and restoring, rebuild the tables for the tests after it."""
    yield
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('public.django_migrations')")
        missing = cursor.fetchone()[0] is None
    if missing:
        call_command("migrate", verbosity=0)


def destroy(media_root: Path) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    for path in sorted(media_root.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def test_backup_destroy_restore_brings_back_every_revision_version_and_file(
    archive, media_root, tmp_path, schema_put_back, editor, second_editor
):
    before = archive_state(media_root)
    assert len(before["published"]) == 3 and len(before["files"]) == 3
    backup = Path(run("backup.sh", str(tmp_path / "backups"), media_root=media_root).strip().splitlines()[-1])
    assert sorted(path.name for path in backup.iterdir()) == [
        "MANIFEST.sha256",
        "database.dump",
        "info.txt",
        "media-files.sha256",
        "media.tar.gz",
    ]

    destroy(media_root)
    with pytest.raises(ProgrammingError):
        Document.objects.count()
    assert files_under(media_root) == {}

    run("restore.sh", "--yes", str(backup), media_root=media_root)

    after = archive_state(media_root)
    assert after == before
    for attachment in Attachment.objects.all():
        assert sha256(media_root / attachment.file.name) == attachment.checksum
    for version in PublishedVersion.objects.all():
        for entry in version.payload["attachments"]:
            assert sha256(media_root / entry["file"]) == entry["checksum"]
    # The sequences came back too: the archive goes on from where it was.
    revised, _withdrawn, _draft = archive
    revised.refresh_from_db()
    revised.title = "Memorandum on the test ban (corrected)"
    version = publish(revised, approver=second_editor, author=editor, note="Corrected the title.")
    assert version.number == 3


def test_a_damaged_backup_is_refused_before_anything_changes(archive, media_root, tmp_path):
    backup = Path(run("backup.sh", str(tmp_path / "backups"), media_root=media_root).strip().splitlines()[-1])
    with (backup / "media.tar.gz").open("r+b") as damaged:
        damaged.seek(100)
        damaged.write(b"\x00\x00\x00\x00")
    before = archive_state(media_root)

    env = {**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(media_root)}
    result = subprocess.run(
        [str(ROOT / "ops" / "restore.sh"), "--yes", str(backup)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 3
    assert "the backup is damaged" in result.stderr
    assert archive_state(media_root) == before
