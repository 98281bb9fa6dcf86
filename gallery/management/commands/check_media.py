from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gallery.models import NewsImage


class Command(BaseCommand):
    help = _("List photos whose original or ready-made sizes are missing from storage.")

    def handle(self, *args, **options):
        broken = 0
        images = NewsImage.objects.order_by("pk").prefetch_related("renditions")
        for image in images.iterator(chunk_size=500):
            missing = [image.file.name] if not _exists(image.file) else []
            missing += [r.file.name for r in image.renditions.all() if not _exists(r.file)]
            if missing:
                broken += 1
                self.stdout.write(
                    _("Photo %(pk)s “%(title)s”: missing %(files)s")
                    % {"pk": image.pk, "title": image.title, "files": ", ".join(missing)}
                )
        if broken:
            # A non-zero exit code, so that monitoring can act on it.
            raise CommandError(_("%(count)s photos have missing files.") % {"count": broken})
        self.stdout.write(_("Every photo has its files."))


def _exists(field_file):
    return bool(field_file.name) and field_file.storage.exists(field_file.name)
