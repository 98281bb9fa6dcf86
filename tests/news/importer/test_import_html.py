"""Old-site HTML becomes clean body blocks: checked on imported pages as readers get them."""

import json
from io import StringIO

import pytest

from django.core.management import call_command

from news.models import ImportedRecord, NewsArticlePage
from tests.command_fixtures import *  # noqa: F403 - autouse fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def import_body(tmp_path, client):
    """Import one release with the given body; return (page, rendered HTML)."""

    def _import(body, images=None, lead="Лид."):
        export = tmp_path / "export"
        (export / "images").mkdir(parents=True, exist_ok=True)
        for name, data in (images or {}).items():
            (export / "images" / name).write_bytes(data)
        record = {
            "id": "1",
            "language": "ru",
            "published": "2024-03-14",
            "title": "Проверка текста",
            "lead": lead,
            "body": body,
        }
        (export / "releases.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n")
        call_command("import_news", str(export), stdout=StringIO(), stderr=StringIO())
        page = NewsArticlePage.objects.get(pk=ImportedRecord.objects.get(old_id="1").page_id)
        response = client.get(page.url)
        assert response.status_code == 200
        return page, response.content.decode()

    return _import


def article(html):
    """The part of the page that comes from the release body."""
    return html.split("<article", 1)[1].split("</article>", 1)[0]


def test_structure_becomes_blocks(import_body):
    page, html = import_body(
        "<p>Первый <strong>абзац</strong> и <em>курсив</em>.</p>"
        "<h1>Главное</h1><h4>Подробности</h4>"
        "<ul><li>наука</li><li>образование<ul><li>школы</li></ul></li></ul>"
        "<ol><li>первое</li></ol>"
        "<blockquote><p>Мы продолжим работу.</p>"
        "<cite>Анна Соколова, руководитель</cite></blockquote>"
        '<p>Ссылка на <a href="https://partner.example.org/news?a=1&amp;b=2">сайт</a>.</p>'
    )
    blocks = [(b.block_type, b.value) for b in page.body]
    assert [t for t, _v in blocks] == [
        "paragraph",
        "heading",
        "heading",
        "paragraph",
        "quote",
        "paragraph",
    ]
    assert blocks[1][1]["text"] == "Главное" and blocks[1][1]["level"] == "h2"
    assert blocks[2][1]["level"] == "h3"
    lists = blocks[3][1].source
    assert "<ul><li>наука</li><li>образование</li><li>школы</li></ul>" in lists
    assert "<ol><li>первое</li></ol>" in lists
    assert 'href="https://partner.example.org/news?a=1&amp;b=2"' in blocks[5][1].source
    quote = blocks[4][1]
    assert (quote["text"], quote["speaker"], quote["role"]) == (
        "Мы продолжим работу.",
        "Анна Соколова",
        "руководитель",
    )
    assert "<b>абзац</b>" in blocks[0][1].source and "<i>курсив</i>" in blocks[0][1].source
    body = article(html)
    assert "Мы продолжим работу." in body
    assert 'href="https://partner.example.org/news?a=1&amp;b=2"' in body


@pytest.mark.parametrize(
    ("hostile", "kept"),
    [
        ("<p>До<script>alert('xss')</script>после</p>", "Допосле"),
        ("<p>Текст</p><style>body{display:none}</style>", "Текст"),
        ('<p onclick="steal()" onmouseover="steal()">Нажми</p>', "Нажми"),
        ('<p style="background:url(javascript:alert(1))">Стиль</p>', "Стиль"),
        ('<p><a href="javascript:alert(1)">ссылка</a></p>', "ссылка"),
        ('<p><a href="data:text/html;base64,PHNjcmlwdD4=">данные</a></p>', "данные"),
        ('<img src="x" onerror="alert(1)"><p>Картинка</p>', "Картинка"),
        ("<svg><script>alert(1)</script><text>Вектор</text></svg><p>После</p>", "После"),
        ('<iframe src="https://evil.example.org/"></iframe><p>Рамка</p>', "Рамка"),
        ("<p>Раз<!-- <script>alert(1)</script> -->два</p>", "Раздва"),
        ("<scr<script>ipt>alert(1)</script><p>Склейка</p>", "Склейка"),
        ('<form action="https://evil.example.org/"><input name="q"><p>Форма</p></form>', "Форма"),
        ("<p>Незакрытый <b>жирный", "Незакрытый"),
    ],
)
def test_hostile_html_is_neutralised(import_body, hostile, kept):
    page, html = import_body(hostile)
    body = article(html)
    stored = json.dumps(list(page.body.raw_data), ensure_ascii=False)
    assert kept in stored
    for bad in ("<script", "javascript:", "onclick", "onerror", "onmouseover", "style=", "data:"):
        assert bad not in stored.lower()
        assert bad not in body.lower()
    assert "<iframe" not in body and "<form" not in body and "<svg" not in body


def test_unknown_tags_keep_their_text(import_body):
    page, _html = import_body(
        '<div class="old"><font face="Arial">Шрифт</font> и <span style="color:red">цвет</span>'
        "</div><marquee>Бегущая строка</marquee>"
        "<table><tr><td>Минск</td><td>2024</td></tr></table>"
    )
    text = " ".join(b.value.source for b in page.body if b.block_type == "paragraph")
    assert "Шрифт и цвет" in text
    assert "Бегущая строка" in text
    assert "Минск — 2024" in text
    assert "<font" not in text and "<span" not in text and "<marquee" not in text


def test_quote_without_speaker_stays_text(import_body):
    page, _html = import_body("<blockquote>Слова без автора.</blockquote>")
    [block] = list(page.body)
    assert block.block_type == "paragraph"
    assert "Слова без автора." in block.value.source


def test_body_images_become_image_blocks(import_body):
    from news.demo.images import draw_photo

    page, html = import_body(
        '<p>Текст</p><figure><img src="images/a.jpg"><figcaption>Подпись</figcaption></figure>'
        '<p>Ещё <img src="images/missing.jpg" alt="нет"> текст</p>',
        images={"a.jpg": draw_photo("a", 64, 48)},
    )
    types = [b.block_type for b in page.body]
    assert types == ["paragraph", "image", "paragraph"]
    image_block = list(page.body)[1].value
    assert image_block["caption"] == "Подпись"
    assert image_block["image"].width == 64
    assert "Подпись" in article(html)


def test_missing_lead_comes_from_the_body(import_body):
    page, _html = import_body(
        "<h2>Итоги</h2><p>Первый абзац станет лидом.</p><p>Второй.</p>", lead=""
    )
    assert page.lead == "Первый абзац станет лидом."
