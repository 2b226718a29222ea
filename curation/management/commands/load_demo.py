"""`manage.py load_demo`: the demo archive, its users, and the passwords to log in with.

Safe to run again: existing demo records (external identifiers "demo:…") and accounts are left as
they are, and the passwords stored on the first run are printed again.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from curation.demo.loader import Authorities, DocumentOutcome, load_authorities, load_documents
from curation.demo.users import Account, AccountState, ensure_demo_users
from curation.permissions import is_editor, is_translator
from curation.roles import EDITORS, TRANSLATORS

ADMIN_URL = "http://127.0.0.1:8000/admin/"
CONSOLE_EMAIL = "django.core.mail.backends.console.EmailBackend"


def default_credentials_file() -> Path:
    return Path(settings.BASE_DIR) / "var" / "demo-credentials.txt"


class Command(BaseCommand):
    help = _(
        "Load the demo archive (documents in several languages and workflow states) and create an "
        "administrator, a translator and two editors; print their passwords. Safe to run twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--credentials-file",
            type=Path,
            default=None,
            help=_("Where the demo passwords are kept (default: var/demo-credentials.txt)."),
        )

    def handle(self, *args, credentials_file: Path | None = None, **options) -> None:
        if Group.objects.filter(name__in=[TRANSLATORS, EDITORS]).count() != 2:
            raise CommandError(
                _("The Translators and Editors roles are missing: run `manage.py migrate` first.")
            )
        credentials_file = credentials_file or default_credentials_file()
        self.stdout.write(_("Loading the demo archive…"))
        accounts = ensure_demo_users(credentials_file)
        actors = {account.spec.key: account.user for account in accounts}
        ensure_roles(accounts)
        found = load_authorities(actor=actors["editor"])
        # The demo accounts have example.org addresses: the e-mails the workflow sends them while the
        # demo loads are printed here, never handed to a mail server, whatever EMAIL_BACKEND says.
        with override_settings(EMAIL_BACKEND=CONSOLE_EMAIL):
            outcomes = load_documents(found=found, actors=actors)
        self.report_authorities(found)
        self.report_documents(outcomes)
        self.report_accounts(accounts, credentials_file)

    def report_authorities(self, found: Authorities) -> None:
        created = ", ".join(f"{count} {name}" for name, count in found.created.items()) or _("none")
        self.stdout.write(
            _("Authority records: created %(created)s; %(existing)d already present.")
            % {"created": created, "existing": found.existing}
        )

    def report_documents(self, outcomes: list[DocumentOutcome]) -> None:
        created = sum(outcome.created for outcome in outcomes)
        self.stdout.write(
            _("Documents: %(created)d created, %(kept)d already present (left unchanged).")
            % {"created": created, "kept": len(outcomes) - created}
        )
        for outcome in outcomes:
            document = outcome.document
            versions = outcome.versions
            state = document.get_status_display()
            if versions:
                published = ngettext("%(count)d published version", "%(count)d published versions", versions)
                state = f"{state} ({published % {'count': versions}})"
            verb = _("created") if outcome.created else _("present")
            self.stdout.write(f"  {verb:8} {outcome.external_id:44} {state}")
        if created:
            self.stdout.write(
                _("The workflow e-mails to the demo accounts are printed above; none was sent.")
            )

    def report_accounts(self, accounts: list[Account], credentials_file: Path) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(_("Log in at %(url)s as:") % {"url": ADMIN_URL}))
        for account in accounts:
            line = f"  {account.spec.username:11} {account.password_display:24} {account.spec.role}"
            if account.state == AccountState.CREATED:
                line += " " + _("(new)")
            self.stdout.write(line)
        self.stdout.write(
            _("The passwords are kept in %(path)s, readable by you only.") % {"path": credentials_file}
        )


def ensure_roles(accounts: list[Account]) -> None:
    """The demo's actors must hold their roles, or the workflow actions would refuse them."""
    checks = {"admin": lambda user: user.is_superuser, "translator": is_translator}
    for account in accounts:
        holds_role = checks.get(account.spec.key, is_editor)
        if not holds_role(account.user):
            raise CommandError(
                _(
                    'The account "%(username)s" already exists but is not a %(role)s; the demo needs it '
                    "as one. Rename that account or give it the role, then run load_demo again."
                )
                % {"username": account.spec.username, "role": account.spec.role}
            )
