import pytest

from wagtail.users.models import UserProfile


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores its files in a folder of its own, so leftovers can be counted."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.fixture
def stored(media_root):
    return lambda: stored_files(media_root)


@pytest.fixture
def editor_client(client, admin_user):
    """An administrator using the admin in Russian, the site's default language."""
    client.force_login(admin_user)
    return client


@pytest.fixture
def english_editor_client(client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    return client
