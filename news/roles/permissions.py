"""Which language each role may write in, and how.

Wagtail's page permissions know nothing of locales, so every role gets its rights on the
root page (a migration cannot rely on the language trees existing) and these rules narrow
them. A role writes its own texts in some languages (creating, deleting, copying, moving and
unpublishing pages there) and may translate into others (editing a translation and
submitting it for approval). Press officers write Russian and translate into English;
translators translate into English. Nobody but editors and administrators approves.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied

from news.roles import groups as roles

SOURCE_LANGUAGE = settings.LANGUAGE_CODE
TARGET_LANGUAGES = {code for code, _name in settings.LANGUAGES} - {SOURCE_LANGUAGE}

# Languages each limited role writes its own texts in; any other group (one an administrator
# made) is held only by its Wagtail permissions and writes in every language.
ROLE_LANGUAGES = {
    roles.PRESS_OFFICERS: {SOURCE_LANGUAGE},
    roles.TRANSLATORS: TARGET_LANGUAGES,
}
# Languages each limited role translates into, on top of those it writes.
TRANSLATION_LANGUAGES = {
    roles.PRESS_OFFICERS: TARGET_LANGUAGES,
    roles.TRANSLATORS: TARGET_LANGUAGES,
}
UNRESTRICTED_ROLES = {roles.EDITORS, roles.ADMINISTRATORS}


def _languages(user, cache_attr, translating):
    every = {code for code, _name in settings.LANGUAGES}
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return every
    if not hasattr(user, cache_attr):
        names = set(user.groups.values_list("name", flat=True))
        if names & UNRESTRICTED_ROLES:
            allowed = every
        else:
            allowed = set()
            for name in names:
                allowed |= ROLE_LANGUAGES.get(name, every)
                if translating:
                    allowed |= TRANSLATION_LANGUAGES.get(name, set())
        setattr(user, cache_attr, allowed)
    return getattr(user, cache_attr)


def original_languages(user):
    """The language codes `user` writes their own texts in: create, delete, copy, move."""
    return _languages(user, "_newsroom_original_languages", translating=False)


def writable_languages(user):
    """The language codes `user` may write in at all: their own texts and translations."""
    return _languages(user, "_newsroom_languages", translating=True)


def can_write(user, locale):
    """May `user` edit text in `locale`, their own or a translation, and submit it."""
    return locale.language_code in writable_languages(user)


def check_can_write(user, locale):
    if not can_write(user, locale):
        raise PermissionDenied


def can_write_original(user, locale):
    """May `user` create, delete, copy, move or unpublish content in `locale`."""
    return locale.language_code in original_languages(user)


def check_can_write_original(user, locale):
    if not can_write_original(user, locale):
        raise PermissionDenied
