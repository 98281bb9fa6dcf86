"""Autouse fixtures for tests of the import and archive commands; a test module takes them
with `from tests.command_fixtures import *`."""

import pytest

from django.utils import translation

__all__ = ["english_output", "media_in_tmp"]


@pytest.fixture(autouse=True)
def english_output():
    # Commands speak the site's language (Russian); these tests read the English messages.
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
