"""`manage.py create_api_token --user NAME --name NAME [--days N]`: a personal API token, for scripts.

Prints the key on standard output, alone on its line (`TOKEN=$(manage.py create_api_token …)`), and
what it is to standard error. The key is shown only this once; the archive keeps its hash. The same as
creating a token in the admin under "API tokens".
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from curation import permissions
from curation.models import API_TOKEN_DEFAULT_LIFETIME, API_TOKEN_MAX_LIFETIME, ApiToken


class Command(BaseCommand):
    help = "Create a personal API token for a translator or an editor and print its key (shown only once)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--user", required=True, help="The username the token acts as.")
        parser.add_argument("--name", required=True, help='What the token is for, e.g. "import script".')
        parser.add_argument(
            "--days",
            type=int,
            default=API_TOKEN_DEFAULT_LIFETIME.days,
            help=f"How long it lasts (default {API_TOKEN_DEFAULT_LIFETIME.days}, at most "
            f"{API_TOKEN_MAX_LIFETIME.days}).",
        )

    def handle(self, *args, user: str, name: str, days: int, **options) -> None:
        owner = get_user_model().objects.filter(username=user).first()
        if owner is None:
            raise CommandError(f'There is no user "{user}".')
        if not owner.is_active or not permissions.has_role(owner):
            raise CommandError(f'"{user}" is not an active translator, editor or administrator.')
        if not 0 < days <= API_TOKEN_MAX_LIFETIME.days:
            raise CommandError(f"--days must be between 1 and {API_TOKEN_MAX_LIFETIME.days}.")
        token = ApiToken(user=owner, name=name, expires_at=timezone.now() + dt.timedelta(days=days))
        key = token.set_new_key()
        try:
            token.full_clean()
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        token.save()
        self.stderr.write(f'Token "{name}" for {user}, valid until {token.expires_at:%Y-%m-%d %H:%M %Z}:')
        self.stdout.write(key)
