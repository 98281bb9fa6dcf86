import json
import re

import pytest

from django.urls import reverse
from django.utils import translation


def test_russian_catalog_is_compiled_and_used():
    with translation.override("ru"):
        assert translation.gettext("Skip to main content") == "Перейти к основному содержанию"
        assert (
            translation.gettext("Image %(n)s of %(m)s") % {"n": 1, "m": 3} == "Изображение 1 из 3"
        )
    with translation.override("en"):
        assert translation.gettext("Skip to main content") == "Skip to main content"


@pytest.mark.django_db
def test_the_translation_editors_buttons_read_as_russian(client, staff):
    # The editor's script puts the translator's or the language's name right after these.
    client.force_login(staff["translator"])
    script = client.get(
        reverse("wagtail_localize:javascript_catalog"), HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalog["Translate with "] == "Перевести с помощью: "
    assert (
        catalog["Translate all missing strings with "]
        == "Перевести все непереведённые строки с помощью: "
    )
    assert catalog["Publish in "] == "Опубликовать перевод: "


@pytest.mark.django_db
def test_the_admin_s_page_search_counts_its_results_in_russian(client, staff, site_tree):
    client.force_login(staff["editor"])
    response = client.get("/admin/pages/search/?q=Новости", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    page = response.content.decode()
    # The search gives the listing no model name: the count stands alone.
    assert re.search(r"1–\d+ из \d+\s*</", page)
    assert not re.search(r"из \d+\s*\(?None", page)
