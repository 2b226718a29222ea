"""manage.py import_records: one report line per record, a summary, and a failing exit on rejections."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version

from archive.models import Document
from tests.archive.test_import_wcda import wcda_text

pytestmark = pytest.mark.django_db

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_records", *args, stdout=out)
    return out.getvalue()


def test_samples_report(samples_dir):
    output = run(*(str(path) for path in sorted(samples_dir.iterdir())))
    assert "skipped: README.md: file: not a record file in a format this archive reads." in output
    assert (
        "created: wcda-300240-kohl-kuchma-1997.txt: wcda:300240: The Chancellor's [Helmut Kohl's] Conversation"
        in output
    )
    assert "created: frus1961-63v06-d09-d10-kennedy-khrushchev-1961.tei.xml: frus1961-63v06:d10:" in output
    assert output.splitlines()[-1] == "7 created, 0 updated, 0 unchanged, 0 rejected, 1 skipped."


def test_second_run_reports_unchanged(tmp_path):
    path = tmp_path / "record.txt"
    path.write_text(wcda_text())
    run(str(path))
    assert "unchanged: record.txt: wcda:900001: Memorandum of Conversation on the Test Ban" in run(str(path))


def test_rejection_fails_the_command_after_importing_the_good_records(tmp_path):
    (tmp_path / "good.txt").write_text(wcda_text())
    (tmp_path / "bad.txt").write_text(wcda_text(record_id="2", language='["Elvish"]'))
    out = StringIO()
    with pytest.raises(CommandError, match=r"^1 record\(s\) rejected; the others were imported\.$"):
        call_command("import_records", str(tmp_path), stdout=out)
    assert 'rejected: bad.txt: record 2: language: "Elvish" is not a language name' in out.getvalue()
    assert Document.objects.filter(external_id="wcda:900001").exists()


def test_user_is_recorded_on_the_revision(tmp_path, translator):
    path = tmp_path / "record.txt"
    path.write_text(wcda_text())
    run(str(path), "--user", translator.username)
    [version] = Version.objects.get_for_object(Document.objects.get())
    assert version.revision.user == translator
    assert version.revision.comment == "Imported from record.txt"


def test_unknown_user(tmp_path):
    with pytest.raises(CommandError, match='No user named "nobody"'):
        run(str(tmp_path), "--user", "nobody")


def test_exit_status_is_non_zero_on_rejection(tmp_path):
    """The process a shell or CI sees: status 1 and the reason on stderr."""
    (tmp_path / "bad.json").write_text("{not json")
    database = tmp_path / "cli.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{database}", "PATH": "/usr/bin:/bin"}
    manage = [sys.executable, str(PROJECT_ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, capture_output=True, cwd=PROJECT_ROOT)
    result = subprocess.run(
        [*manage, "import_records", str(tmp_path / "bad.json")], env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "rejected: bad.json: file: not valid JSON: line 1, column 2" in result.stdout
    assert "1 record(s) rejected" in result.stderr


def test_an_internal_fault_on_one_record_is_reported_and_the_others_import(tmp_path, monkeypatch):
    """One record that trips a bug in the importer is rejected with a reason; the rest still import."""
    from archive.importers import core

    real_apply = core.apply_record

    def apply_or_fail(record, **kwargs):
        if record["title"] == "Second":
            raise KeyError("boom")
        return real_apply(record, **kwargs)

    monkeypatch.setattr(core, "apply_record", apply_or_fail)
    for index, title in enumerate(("First", "Second", "Third")):
        (tmp_path / f"r{index}.txt").write_text(wcda_text(record_id=str(index), title=title))
    report = core.import_paths(sorted(tmp_path.iterdir()))
    assert [outcome.status for outcome in report.outcomes] == ["created", "rejected", "created"]
    assert "internal error (KeyError)" in report.outcomes[1].detail
