from django.utils import translation


def test_russian_catalog_is_compiled_and_used():
    with translation.override("ru"):
        assert translation.gettext("Skip to main content") == "Перейти к основному содержанию"
        assert (
            translation.gettext("Image %(n)s of %(m)s") % {"n": 1, "m": 3} == "Изображение 1 из 3"
        )
    with translation.override("en"):
        assert translation.gettext("Skip to main content") == "Skip to main content"
