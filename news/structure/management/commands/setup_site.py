from django.core.management.base import BaseCommand

from news.structure.tree import ensure_site_structure


class Command(BaseCommand):
    help = "Create the home page and news archive in every language, if missing."

    def handle(self, *args, **options):
        home, archive = ensure_site_structure()
        self.stdout.write(f"Site ready: {home.url_path} and {archive.url_path}")
