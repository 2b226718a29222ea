"""The demo accounts and the file that remembers their passwords.

Passwords are generated on the first run and kept in a file only the owner can read, so that a second
run prints the same ones. An account that already exists is never changed: if the stored password no
longer opens it (someone changed it in the admin) or the demo never knew it (the account was there
before the demo), the report says so instead of resetting it.
"""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from curation.roles import EDITORS, TRANSLATORS


@dataclass(frozen=True)
class DemoUser:
    key: str
    username: str
    first_name: str
    last_name: str
    role: str
    group: str = ""
    superuser: bool = False

    @property
    def email(self) -> str:
        return f"{self.username}@example.org"


DEMO_USERS = (
    DemoUser("admin", "admin", "Ada", "Administrator", gettext_lazy("administrator"), superuser=True),
    DemoUser("translator", "translator", "Tanya", "Translator", gettext_lazy("translator"), TRANSLATORS),
    DemoUser("editor", "editor", "Edith", "Editor", gettext_lazy("editor"), EDITORS),
    DemoUser(
        "reviewer",
        "reviewer",
        "Emil",
        "Reviewer",
        gettext_lazy("second editor, approves the editor's own revisions"),
        EDITORS,
    ),
)


class AccountState:
    CREATED = "created"
    KEPT = "kept"
    PASSWORD_CHANGED = "password changed"
    NOT_DEMO = "not created by the demo"


@dataclass(frozen=True)
class Account:
    spec: DemoUser
    user: AbstractBaseUser
    state: str
    password: str | None

    @property
    def password_display(self) -> str:
        if self.password:
            return self.password
        if self.state == AccountState.PASSWORD_CHANGED:
            return _("(changed since the demo was loaded)")
        return _("(existing account, password unknown to the demo)")


def read_credentials(path: Path) -> dict[str, str]:
    """username -> password from the credentials file; {} if there is none yet."""
    if not path.exists():
        return {}
    stored = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#") and "\t" in line:
            username, password = line.split("\t", 1)
            stored[username.strip()] = password.strip()
    return stored


def write_credentials(path: Path, credentials: dict[str, str]) -> None:
    """Write the file readable by its owner only (0600), replacing any earlier one atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Demo accounts created by `manage.py load_demo`. Keep this file private.",
        *(f"{username}\t{password}" for username, password in credentials.items()),
    ]
    partial = path.with_name(f".{path.name}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    os.chmod(partial, 0o600)
    os.replace(partial, path)


def ensure_demo_users(credentials_path: Path) -> list[Account]:
    """Create the demo accounts that do not exist yet; report on every one of them."""
    stored = read_credentials(credentials_path)
    accounts = [_ensure(spec, stored.get(spec.username)) for spec in DEMO_USERS]
    known = {**stored, **{a.spec.username: a.password for a in accounts if a.password}}
    if known != stored or not credentials_path.exists():
        write_credentials(credentials_path, known)
    return accounts


def _ensure(spec: DemoUser, stored_password: str | None) -> Account:
    user = get_user_model().objects.filter(username=spec.username).first()
    if user is None:
        password = stored_password or secrets.token_urlsafe(12)
        return Account(spec, _create(spec, password), AccountState.CREATED, password)
    if stored_password is None:
        return Account(spec, user, AccountState.NOT_DEMO, None)
    if not user.check_password(stored_password):
        return Account(spec, user, AccountState.PASSWORD_CHANGED, None)
    return Account(spec, user, AccountState.KEPT, stored_password)


def _create(spec: DemoUser, password: str) -> AbstractBaseUser:
    user = get_user_model().objects.create_user(
        username=spec.username,
        email=spec.email,
        password=password,
        first_name=spec.first_name,
        last_name=spec.last_name,
        is_staff=True,
        is_superuser=spec.superuser,
    )
    if spec.group:
        user.groups.add(Group.objects.get(name=spec.group))
    return user
