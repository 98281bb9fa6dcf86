import datetime
from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify

from wagtail.images.rect import Rect
from wagtail.models import Locale
from wagtail.rich_text import RichText

from gallery.models import NewsImage, PhotoCredit
from news.demo.content import (
    AWAITING_TRANSLATION,
    CITIES,
    LATE_PARAGRAPH,
    OUT_OF_DATE,
    RELEASES,
    RUSSIAN_DRAFTS,
    TAGS,
    TRANSLATION_SUBMITTED,
    WORKFLOW_STATES,
)
from news.demo.images import SCENES, SIZES, demo_drawing
from news.models import NewsArticleGalleryItem, NewsArticlePage, PartnerCity, Topic
from news.roles import groups as roles
from news.structure.tree import ensure_site_structure
from news.translation.from_texts import translate_instance

# Local-only accounts, one per role; listed in the README. Never created without DEBUG.
DEMO_ACCOUNTS = [
    ("press", "press-demo", roles.PRESS_OFFICERS, "Мария", "Иванова"),
    ("translator", "translator-demo", roles.TRANSLATORS, "Helen", "Brooks"),
    ("editor", "editor-demo", roles.EDITORS, "Олег", "Смирнов"),
    ("admin", "admin-demo", roles.ADMINISTRATORS, "Ирина", "Кузнецова"),
]

PHOTO_CREDIT = ("Пресс-служба департамента", "Department press office")


class Command(BaseCommand):
    help = "Load demo releases in Russian and English, and demo accounts (idempotent)."

    def handle(self, *args, **options):
        users = self.create_accounts()
        home, archive = ensure_site_structure()
        english = self.english_texts()
        ru = Locale.objects.get(language_code="ru")
        en = Locale.objects.get(language_code="en")
        cities = self.create_cities(ru, en)
        topics = self.create_topics(ru, en)
        credit = self.create_credit(ru, en)

        created = 0
        # Workflow emails would only flood the console while the demo approves its releases.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            for number, release in enumerate(RELEASES):
                if self.exists(archive, release):
                    continue
                with transaction.atomic():
                    page = self.create_release(
                        archive, release, number, cities, topics, credit, users
                    )
                    self.translate_release(page, en, english, users)
                created += 1
            for number, release in enumerate(RUSSIAN_DRAFTS, start=len(RELEASES)):
                if self.exists(archive, release):
                    continue
                with transaction.atomic():
                    self.create_release(archive, release, number, cities, topics, credit, users)
                created += 1

        if created:
            call_command("update_index", verbosity=0)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content: {created} releases created, "
                f"{len(RELEASES) + len(RUSSIAN_DRAFTS) - created} already present."
            )
        )

    def create_accounts(self):
        if not settings.DEBUG:
            self.stderr.write(
                self.style.WARNING(
                    "Demo accounts were not created: DEBUG is off, so this may be a real site."
                )
            )
            return {}
        User = get_user_model()
        users = {}
        self.stdout.write("Demo accounts (for this machine only):")
        for username, password, group_name, first, last in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@localhost",
                },
            )
            if created:
                user.set_password(password)
                user.is_staff = True
                user.is_superuser = group_name == roles.ADMINISTRATORS
                user.save()
            group, _ = Group.objects.get_or_create(name=group_name)
            user.groups.add(group)
            users[username] = user
            self.stdout.write(f"  {username:<11} / {password:<16} {group_name}")
        return users

    def english_texts(self):
        pairs = [text for scene in SCENES.values() for text in (scene.caption, scene.alt)]
        for release in RELEASES:
            pairs += [release["title"], release["lead"], *release["paragraphs"]]
            if "quote" in release:
                ru_quote, en_quote = release["quote"]
                pairs += list(zip(ru_quote, en_quote, strict=True))
        return dict(pairs)

    def create_cities(self, ru, en):
        cities = {}
        for slug, (name_ru, name_en), (country_ru, country_en) in CITIES:
            city, _ = PartnerCity.objects.get_or_create(
                locale=ru, slug=slug, defaults={"name": name_ru, "country": country_ru}
            )
            if city.get_translation_or_none(en) is None:
                translate_instance(city, en, {name_ru: name_en, country_ru: country_en}.get)
            cities[slug] = city
        return cities

    def create_topics(self, ru, en):
        topics = {}
        for name_ru, name_en in TAGS:
            topic = Topic.objects.filter(locale=ru, name=name_ru).first()
            if topic is None:
                # Addresses read in English, as the cities' do: /ru/news/tag/roadmap/.
                topic = Topic.objects.create(locale=ru, name=name_ru, slug=slugify(name_en))
            if topic.get_translation_or_none(en) is None:
                translate_instance(topic, en, {name_ru: name_en}.get)
            topics[name_ru] = topic
        return topics

    def create_credit(self, ru, en):
        name_ru, name_en = PHOTO_CREDIT
        credit = PhotoCredit.named(name_ru, ru)
        if credit.get_translation_or_none(en) is None:
            translate_instance(credit, en, {name_ru: name_en}.get)
        return credit

    def create_release(self, archive, release, number, cities, topics, credit, users):
        title_ru = release["title"][0]
        body = [("paragraph", RichText(f"<p>{ru}</p>")) for ru, _ in release["paragraphs"][:1]]
        if "quote" in release:
            text, speaker, role = release["quote"][0]
            body.append(("quote", {"text": text, "speaker": speaker, "role": role}))
        body += [("paragraph", RichText(f"<p>{ru}</p>")) for ru, _ in release["paragraphs"][1:]]

        date = datetime.date.fromisoformat(release["date"])
        page = NewsArticlePage(
            title=title_ru,
            slug=release["slug"],
            date=date,
            lead=release["lead"][0],
            body=body,
            owner=users.get("press"),
            # Nothing is public until an editor approves it.
            live=False,
        )
        page.partner_cities = [cities[slug] for slug in release["cities"]]
        page.tags = [topics[name] for name in release["tags"]]
        for n in range(release["images"]):
            width, height = SIZES[(number + n) % len(SIZES)]
            drawing, scene = demo_drawing(release["slug"], n, width, height)
            image = NewsImage(
                title=f"{title_ru} — {n + 1}",
                description=scene.alt[0],
                credit=credit,
                file=ImageFile(
                    BytesIO(drawing.data),
                    name=f"{release['slug']}-{n + 1}.jpg",
                ),
            )
            # Where the people are, as an editor marks it: crops keep their heads.
            if drawing.focus is not None:
                image.set_focal_point(Rect(*drawing.focus))
            image.save()
            page.gallery_items.add(
                NewsArticleGalleryItem(
                    image=image,
                    caption=scene.caption[0],
                    alt_text=scene.alt[0],
                    # Stated, not left empty: PostgreSQL returns equal positions in any order.
                    sort_order=n,
                )
            )
        archive.add_child(instance=page)
        page.save_revision(user=users.get("press"))
        state = release.get("state")
        if state == "draft":
            return page
        if state == "submitted":
            self.submit(page, users.get("press"))
            return page
        self.approve(page, users, "press")
        # Releases keep the date they were first published on, not the date of the demo.
        published = timezone.make_aware(datetime.datetime.combine(date, datetime.time(12, 0)))
        NewsArticlePage.objects.filter(pk=page.pk).update(
            first_published_at=published, last_published_at=published
        )
        page.refresh_from_db()
        return page

    def exists(self, archive, release):
        return NewsArticlePage.objects.child_of(archive).filter(slug=release["slug"]).exists()

    def submit(self, page, author):
        workflow = page.get_workflow()
        if workflow is None or author is None:
            return None
        return workflow.start(page, author)

    def approve(self, page, users, author_key):
        """Submit as the author and approve as the editor, as the press office would."""
        editor = users.get("editor")
        state = self.submit(page, users.get(author_key)) if editor else None
        if state is None:
            # Without demo accounts (DEBUG off) nobody can approve: publish as the system.
            page.get_latest_revision().publish(skip_permission_checks=True)
        else:
            task_state = state.current_task_state
            task_state.task.specific.on_action(task_state, editor, "approve")
        page.refresh_from_db()
        return page

    def translate_release(self, page, en, english, users):
        state = WORKFLOW_STATES.get(page.slug)
        if state == AWAITING_TRANSLATION:
            return
        target = translate_instance(
            page, en, english.get, user=users.get("translator"), publish=False
        )
        if state == TRANSLATION_SUBMITTED:
            self.submit(target, users.get("translator"))
            return
        self.approve(target, users, "translator")
        if state == OUT_OF_DATE:
            # The press office adds a paragraph after the translation went live.
            page = NewsArticlePage.objects.get(pk=page.pk)
            page.body.append(("paragraph", RichText(f"<p>{LATE_PARAGRAPH}</p>")))
            page.save_revision(user=users.get("press"))
            self.approve(page, users, "press")
