from django.core.management.base import BaseCommand

from news.caching.generations import purge_site


class Command(BaseCommand):
    help = (
        "Make every cached public page stale, in every web process and in the CDN: after "
        "changes made while the cache was unreachable, or behind the site's back."
    )

    def handle(self, *args, **options):
        purge_site("purge_page_cache command")
        self.stdout.write("Page cache purged.")
