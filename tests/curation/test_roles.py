"""The role groups exist after migrate and come back after a flush (post_migrate)."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from curation.roles import EDITORS, ROLE_PERMISSIONS, TRANSLATORS, ensure_roles


def _permissions(group_name: str) -> set[tuple[str, str]]:
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


@pytest.mark.django_db
def test_groups_have_exactly_their_role_permissions():
    assert _permissions(TRANSLATORS) == ROLE_PERMISSIONS[TRANSLATORS]
    assert _permissions(EDITORS) == ROLE_PERMISSIONS[EDITORS]


@pytest.mark.django_db
def test_ensure_roles_is_idempotent():
    ensure_roles()
    ensure_roles()
    assert Group.objects.filter(name__in=[TRANSLATORS, EDITORS]).count() == 2
    assert _permissions(EDITORS) == ROLE_PERMISSIONS[EDITORS]


@pytest.mark.django_db(transaction=True)
def test_roles_come_back_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)
    assert _permissions(TRANSLATORS) == ROLE_PERMISSIONS[TRANSLATORS]
