import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from news.roles import groups as roles
from news.structure.tree import ensure_site_structure
from news.translation.from_texts import translate_instance

from .chromium import browser_page, chromium  # noqa: F401 - fixtures for browser tests
from .factories import locale


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def queued(settings, monkeypatch):
    """The worker's tasks go through the database queue, as in production."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "worker": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    # The worker recycles database connections between tasks; inside this test's
    # transaction that would close the test's own connection (PostgreSQL).
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )


@pytest.fixture
def site_tree(db):
    """The home page and archive in both languages; returns the Russian archive."""
    _home, archive = ensure_site_structure()
    return archive


@pytest.fixture
def ru(db):
    return locale("ru")


@pytest.fixture
def en(db):
    return locale("en")


@pytest.fixture
def translate(en):
    """Translate a Russian page or snippet into English from a {russian: english} dict."""

    def _translate(instance, texts, publish=True):
        return translate_instance(instance, en, texts.get, publish=publish)

    return _translate


def make_user(username, group_name=None, superuser=False):
    user = get_user_model().objects.create_user(
        username=username,
        password="pw",  # noqa: S106
        email=f"{username}@example.org",
        is_staff=True,
        is_superuser=superuser,
    )
    if group_name:
        # The groups come from the data migration, not from the test.
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def staff(db):
    """One account per role, in the groups the migration created."""
    return {
        "press": make_user("press", roles.PRESS_OFFICERS),
        "press2": make_user("press2", roles.PRESS_OFFICERS),
        "translator": make_user("translator", roles.TRANSLATORS),
        "editor": make_user("editor", roles.EDITORS),
        "editor2": make_user("editor2", roles.EDITORS),
        "admin": make_user("admin", roles.ADMINISTRATORS, superuser=True),
    }


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
