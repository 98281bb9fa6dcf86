from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from wagtail.models import Page

from core.public_urls import public_url
from core.templatetags.press_office_tags import press_office
from news.distribution import metadata as seo
from news.distribution.navigation import listing_tail, navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Canonical URL, hreflang alternates, Open Graph, Twitter card and JSON-LD of a page.

    Returns None outside the page tree (error pages), which then carry no metadata.
    """
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or request is None:
        return None
    language = page.locale.language_code
    # A filtered or later page of a listing names itself, and its versions in the other
    # languages where they exist.
    versions = navigation(request, page).translations
    tails = {p.pk: listing_tail(context, p) for p in versions}
    translations = [p for p in versions if tails[p.pk] is not None]
    canonical = seo.absolute_url(page, request) + (listing_tail(context, page) or "")
    alternates = [
        {"lang": p.locale.language_code, "url": seo.absolute_url(p, request) + tails[p.pk]}
        for p in translations
    ]
    source = [a for a in alternates if a["lang"] == settings.LANGUAGE_CODE]
    if len(alternates) > 1 and source:
        alternates.append({"lang": "x-default", "url": source[0]["url"]})
    title = page.seo_title or page.title
    if context.get("listing") is not None and context.get("heading"):
        # A city's or a year's listing is shared under its own name, as its window title.
        title = f"{context['heading']} — {title}"
    # Named as the header names it: the press office's setting, in the page's language.
    site_name = press_office(context).department_name
    description = (
        page.search_description
        or getattr(page, "lead", "")
        or getattr(page, "intro", "")
        or site_name
    )
    meta = {
        "canonical": canonical,
        "alternates": alternates,
        "title": title,
        "description": description,
        "site_name": site_name,
        "og_type": "website",
        "og_locale": seo.OG_LOCALES.get(language, language),
        "og_locale_alternates": [
            seo.OG_LOCALES.get(p.locale.language_code, p.locale.language_code)
            for p in translations
            if p.locale.language_code != language
        ],
        "feeds": {
            "rss": public_url(reverse("news_feed", args=["rss"]), request),
            "atom": public_url(reverse("news_feed", args=["atom"]), request),
        },
        "image": None,
        "json_ld": "",
    }
    rendition = seo.social_image(page)
    if rendition is not None:
        meta["image"] = {
            "url": public_url(rendition.url, request),
            "width": rendition.width,
            "height": rendition.height,
            "alt": page.gallery[0].alt_text,
        }
    if hasattr(page, "lead"):
        meta["og_type"] = "article"
        meta["published"] = seo.published_at(page)
        meta["modified"] = timezone.localtime(page.last_published_at or meta["published"])
        meta["json_ld"] = seo.json_ld(_news_article(page, request, meta, translations))
    return meta


def _news_article(page, request, meta, translations):
    home = navigation(request, page).home_of(page)
    publisher = {
        "@type": "GovernmentOrganization",
        "name": meta["site_name"],
        "url": seo.absolute_url(home, request) if home else public_url("/", request),
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": meta["canonical"],
        "url": meta["canonical"],
        "mainEntityOfPage": meta["canonical"],
        "headline": page.title[:110],
        "description": page.lead,
        "datePublished": meta["published"],
        "dateModified": meta["modified"],
        "inLanguage": page.locale.language_code,
        "publisher": publisher,
        "author": publisher,
        "about": [
            {
                "@type": "City",
                "name": city.name,
                "containedInPlace": {"@type": "Country", "name": city.country},
            }
            for city in page.cities
        ],
        "keywords": [tag.name for tag in page.tag_list],
    }
    if meta["image"]:
        data["image"] = [meta["image"]["url"]]
    others = [p for p in translations if p.pk != page.pk]
    if page.locale.language_code == settings.LANGUAGE_CODE:
        if others:
            data["workTranslation"] = [{"@id": seo.absolute_url(p, request)} for p in others]
    else:
        data["translationOfWork"] = [
            {"@id": seo.absolute_url(p, request)}
            for p in others
            if p.locale.language_code == settings.LANGUAGE_CODE
        ]
    return data


@register.simple_tag(takes_context=True)
def document_title(context, *parts):
    """The window title: the page's own parts, then the press office, each named once.

    A home page whose title is the press office's name would otherwise read "Press
    office — Press office": the department's name follows it instead.
    """
    names = []
    for part in (*parts, gettext("Press office")):
        text = str(part or "").strip()
        if text and text.casefold() not in {name.casefold() for name in names}:
            names.append(text)
    if len(names) == 1:
        office = context.get("office")
        department = getattr(office, "department_name", "") or gettext(
            "International Relations Department"
        )
        names.append(str(department))
    return " — ".join(names)
