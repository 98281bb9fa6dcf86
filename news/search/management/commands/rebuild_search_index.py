from django.core.management.base import BaseCommand

from news.search import index


class Command(BaseCommand):
    help = "Build the archive's search index again from every live, public release."

    def handle(self, *args, **options):
        def progress(done, total):
            if options["verbosity"] > 1:
                self.stdout.write(f"{done}/{total}")

        count = index.rebuild(progress)
        self.stdout.write(f"Search index: {count} releases.")
