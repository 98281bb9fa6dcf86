"""Read-only JSON API for partner sites that re-publish releases (Wagtail API v2).

Only live, public releases are ever serialised: the queryset comes from Wagtail's public
pages queryset, and a page's draft revisions never reach the page row it reads.
"""

import datetime
from collections import defaultdict
from types import SimpleNamespace

from rest_framework.fields import Field, SkipField

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import DateTimeField, Q
from django.http import Http404
from django.utils import timezone

from wagtail.api import APIField
from wagtail.api.v2.filters import BaseFilterBackend, FieldsFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import (
    PageAliasOfField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from core.public_urls import page_url, public_url
from gallery.models import PhotoCredit
from news.distribution.metadata import SOCIAL_IMAGE_FILTER, live_translations
from news.models import NewsArticlePage, Topic

GALLERY_RENDITIONS = {
    "thumbnail": "fill-480x270|format-jpeg",
    "large": "max-1600x1600|format-jpeg",
    "social": SOCIAL_IMAGE_FILTER,
}


def _rendition(image, spec, request):
    rendition = image.get_rendition(spec)
    return {
        "url": public_url(rendition.url, request),
        "width": rendition.width,
        "height": rendition.height,
    }


class GalleryField(Field):
    """Every photo with its caption, alt text and credit, in three ready-made sizes."""

    def to_representation(self, page):
        request = self.context["request"]
        photos = []
        credits = PhotoCredit.localize(
            [item.image.credit for item in page.gallery], page.locale_id
        )
        for item in page.gallery:
            sizes = {
                name: _rendition(item.image, spec, request)
                for name, spec in GALLERY_RENDITIONS.items()
            }
            # A photo whose original is lost, with no sizes made before, is left out.
            if all(size["width"] for size in sizes.values()):
                credit = credits.get(item.image.credit_id)
                photos.append(
                    {
                        "caption": item.caption,
                        "alt": item.alt_text,
                        "credit": credit.name if credit else "",
                        "renditions": sizes,
                    }
                )
        return photos


class CitiesField(Field):
    """Partner cities in the release's language; the slug is the same in every language."""

    def to_representation(self, page):
        return [
            {"slug": city.slug, "name": city.name, "country": city.country} for city in page.cities
        ]


class TagsField(Field):
    """Tag names in the release's language (the source's name where not translated)."""

    def to_representation(self, page):
        return [tag.name for tag in page.tag_list]


class TranslationsField(Field):
    """Links to the live versions of the release in the other languages."""

    def to_representation(self, page):
        request = self.context["request"]
        router = self.context["router"]
        versions = getattr(request, "release_translations", {}).get(page.translation_key)
        if versions is None:
            versions = live_translations(page)
        return [
            {
                "id": other.pk,
                "locale": other.locale.language_code,
                "title": other.title,
                "html_url": page_url(other, request),
                "detail_url": detail_url(router, request, NewsArticlePage, other.pk),
            }
            for other in versions
            if other.pk != page.pk
        ]


def detail_url(router, request, model, pk):
    """The API address of an object, on the public host (Wagtail's own uses the Site's)."""
    path = router.get_object_detail_urlpath(model, pk)
    return public_url(path, request) if path else None


class PublicDetailUrlField(Field):
    def get_attribute(self, instance):
        url = detail_url(
            self.context["router"], self.context["request"], type(instance), instance.pk
        )
        if url is None:
            # As Wagtail does: no field for an object without an endpoint.
            raise SkipField
        return url

    def to_representation(self, url):
        return url


class PublicHtmlUrlField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return page_url(page, self.context["request"])


def _summary(page, context):
    serializer = get_serializer_class(
        type(page),
        ["id", "type", "detail_url", "html_url", "title"],
        meta_fields=["type", "detail_url", "html_url"],
        base=PublicPageSerializer,
    )
    return serializer(context=context).to_representation(page)


class PublicParentField(PageParentField):
    def to_representation(self, value):
        return _summary(value, self.context)


class PublicAliasOfField(PageAliasOfField):
    def to_representation(self, value):
        return _summary(value, self.context)


class PublicPageSerializer(PageSerializer):
    """Wagtail's page serializer with every link on the public host (core.public_urls)."""

    detail_url = PublicDetailUrlField(read_only=True)
    html_url = PublicHtmlUrlField(read_only=True)
    parent = PublicParentField(read_only=True)
    alias_of = PublicAliasOfField(read_only=True)


# Offsets, limits and ids are 64-bit integers in the database; a larger number is not a
# position or a release that can exist, and the database driver refuses it.
LARGEST_INTEGER = 2**63 - 1
SEARCH_OPERATORS = ("and", "or")


def _integer(value):
    try:
        return int(value)
    except ValueError:
        return None


class CityFilter(BaseFilterBackend):
    """?city=minsk: releases about a partner city, by its slug."""

    def filter_queryset(self, request, queryset, view):
        slug = request.GET.get("city")
        if slug:
            queryset = queryset.in_city(slug)
        return queryset


class TagFilter(BaseFilterBackend):
    """?tag=визит: releases with a tag, by its slug or its name in either language."""

    def filter_queryset(self, request, queryset, view):
        tag = request.GET.get("tag")
        if tag:
            slugs = Topic.objects.filter(Q(slug=tag) | Q(name=tag)).values("slug")
            queryset = queryset.tagged(slugs)
        return queryset


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's ?title=, ?date=... filters; a value the field cannot hold is a bad request."""

    def filter_queryset(self, request, queryset, view):
        if "tags" in request.GET:
            # Tags are records now, not a tag field Wagtail knows: ?tags= keeps taking
            # comma-separated names (or slugs), every one required, as it did.
            for name in filter(None, (part.strip() for part in request.GET["tags"].split(","))):
                queryset = queryset.tagged(
                    Topic.objects.filter(Q(slug=name) | Q(name=name)).values("slug")
                )
            params = request.GET.copy()
            del params["tags"]
            request = SimpleNamespace(GET=params)
        try:
            request = self.with_aware_datetimes(request, queryset.model)
            return super().filter_queryset(request, queryset, view)
        except (ValidationError, ValueError) as error:
            # Wagtail converts numbers and booleans itself but leaves dates to the field,
            # which rejects "notadate" with a ValidationError.
            messages = getattr(error, "messages", [str(error)])
            raise BadRequestError("field filter error. " + " ".join(messages)) from error

    @staticmethod
    def with_aware_datetimes(request, model):
        """?first_published_at=2024-03-05T10:00 means the site's time, as the pages show it.

        Django would read a time without an offset the same way, with a warning for each,
        and fail on one that only exists before year 1 in UTC.
        """
        params = None
        for name, value in request.GET.items():
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not isinstance(field, DateTimeField):
                continue
            moment = field.to_python(value)
            if moment is None or not timezone.is_naive(moment):
                continue
            try:
                moment = timezone.make_aware(moment).astimezone(datetime.UTC)
            except OverflowError as error:
                raise ValueError(f"'{value}' is out of range for {name}") from error
            params = params or request.GET.copy()
            params[name] = moment.isoformat()
        return request if params is None else SimpleNamespace(GET=params)


class CheckedSearchFilter(SearchFilter):
    """Wagtail's ?search=, with the query and the operator checked before they reach the
    search backend."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return super().filter_queryset(request, queryset, view)
        query = request.GET["search"]
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be one of: " + ", ".join(SEARCH_OPERATORS))
        # The database backend puts the words inside a quoted SQLite full-text string
        # without escaping quotes, and fails on a query of blanks only; for every backend
        # a quote is only punctuation and blanks only separate words.
        words = " ".join(query.replace('"', " ").split())
        if words != query:
            params = request.GET.copy()
            params["search"] = words
            request = SimpleNamespace(GET=params)
        return super().filter_queryset(request, queryset, view)


class CheckedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        for name in ("offset", "limit"):
            number = _integer(request.GET.get(name, ""))
            if number is not None and number > LARGEST_INTEGER:
                raise BadRequestError(f"{name} is too large")
        return super().paginate_queryset(queryset, request, view)


class ReleasesAPIViewSet(PagesAPIViewSet):
    name = "releases"
    model = NewsArticlePage
    base_serializer_class = PublicPageSerializer
    pagination_class = CheckedPagination
    filter_backends = [
        CityFilter,
        TagFilter,
        *(
            {FieldsFilter: CheckedFieldsFilter, SearchFilter: CheckedSearchFilter}.get(
                backend, backend
            )
            for backend in PagesAPIViewSet.filter_backends
        ),
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union({"city", "tag"})
    body_fields = [
        *PagesAPIViewSet.body_fields,
        "date",
        "lead",
        "body",
        "cities",
        "tags",
        "gallery",
        "translations",
    ]
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "date",
        "lead",
        "cities",
        "translations",
    ]
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, "body"]

    def get_queryset(self):
        if "type" in self.request.GET:
            raise BadRequestError("this endpoint only serves press releases")
        public = self.get_base_queryset().values_list("pk", flat=True)
        return (
            NewsArticlePage.objects.filter(pk__in=public)
            .select_related("locale")
            .prefetch_related("gallery_items__image__credit__locale", "partner_cities", "tags")
            .order_by("-date", "-first_published_at", "-pk")
        )

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # No parameter has a use for a null character, and PostgreSQL refuses text with one.
        if any("\x00" in value for _, values in request.GET.lists() for value in values):
            raise BadRequestError("null characters are not allowed in query parameters")

    def detail_view(self, request, pk):
        if pk > LARGEST_INTEGER:
            raise Http404("not found")
        return super().detail_view(request, pk)

    def find_object(self, queryset, request):
        if "id" in request.GET:
            pk = _integer(request.GET["id"])
            if pk is None or pk < 0:
                raise BadRequestError("id must be a positive integer")
            if pk > LARGEST_INTEGER:
                return None
        return super().find_object(queryset, request)

    def paginate_queryset(self, queryset):
        pages = super().paginate_queryset(queryset)
        # One query for the translations of the whole listing page, not one per release.
        keys = {page.translation_key for page in pages}
        versions = defaultdict(list)
        for version in (
            self.get_base_queryset()
            .filter(translation_key__in=keys)
            .select_related("locale")
            .order_by("locale__language_code")
        ):
            versions[version.translation_key].append(version)
        self.request.release_translations = versions
        return pages

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Public, read-only data: partner sites may read it from their visitors' browsers.
        response["Access-Control-Allow-Origin"] = "*"
        return response


# Declared here rather than in the model module so that the API's contract stays in one file.
NewsArticlePage.api_fields = [
    APIField("date"),
    APIField("lead"),
    APIField("body"),
    APIField("tags", serializer=TagsField(source="*", read_only=True)),
    APIField("cities", serializer=CitiesField(source="*", read_only=True)),
    APIField("gallery", serializer=GalleryField(source="*", read_only=True)),
    APIField("translations", serializer=TranslationsField(source="*", read_only=True)),
]

api_router = WagtailAPIRouter("newsroom_api")
api_router.register_endpoint("releases", ReleasesAPIViewSet)


class APIUrlconfMiddleware:
    """Keeps API 404s as JSON 404s.

    LocaleMiddleware answers a 404 outside the language prefixes with a redirect to
    /ru/<same path> whenever that path resolves, and Wagtail's catch-all page route
    resolves everything; partner sites asking for an unknown or unpublished release would
    be sent to an HTML page. LocaleMiddleware only does so when the request's URLconf has
    language-prefixed patterns, so once the API view has answered (URLs resolved and
    reversed with the project's URLconf), the request is pointed at the API's own URLconf.
    Must come after LocaleMiddleware in MIDDLEWARE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith("/api/"):
            request.urlconf = "news.distribution.api_urls"
        return response
