from django.core.management.base import BaseCommand

from news import page_cache


class Command(BaseCommand):
    help = (
        "Make every cached public page stale, in every web process and in the CDN: after "
        "changes made while the cache was unreachable, or behind the site's back."
    )

    def handle(self, *args, **options):
        page_cache.purge_site("purge_page_cache command")
        self.stdout.write("Page cache purged.")
