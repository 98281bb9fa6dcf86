"""Which language each role may write in.

Wagtail's page permissions know nothing of locales, so every role gets its rights on the
root page (a migration cannot rely on the language trees existing) and these rules narrow
them: press officers write Russian only, translators English only.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied

from news.roles import groups as roles

# Roles limited to some languages; any other role writes in every language.
ROLE_LANGUAGES = {
    roles.PRESS_OFFICERS: {settings.LANGUAGE_CODE},
    roles.TRANSLATORS: {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE},
}
UNRESTRICTED_ROLES = {roles.EDITORS, roles.ADMINISTRATORS}


def writable_languages(user):
    """The language codes `user` may create and edit content in."""
    every = {code for code, _name in settings.LANGUAGES}
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return every
    cache_attr = "_newsroom_languages"
    if not hasattr(user, cache_attr):
        names = set(user.groups.values_list("name", flat=True))
        if names & UNRESTRICTED_ROLES:
            allowed = every
        else:
            allowed = set()
            for name in names:
                allowed |= ROLE_LANGUAGES.get(name, every)
        setattr(user, cache_attr, allowed)
    return getattr(user, cache_attr)


def can_write(user, locale):
    return locale.language_code in writable_languages(user)


def check_can_write(user, locale):
    if not can_write(user, locale):
        raise PermissionDenied
