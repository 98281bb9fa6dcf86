import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from news.importer.reader import Export, ExportError
from news.importer.run import CREATED, SKIPPED, UNCHANGED, UPDATED, Importer

# Without a terminal, one progress line per this many records (and at the end).
PLAIN_PROGRESS_EVERY = 500


class Command(BaseCommand):
    help = (
        "Import releases, translations and photos from an archive export (a folder or .zip "
        "with a .jsonl file of releases). Safe to run again: unchanged records are skipped, "
        "changed ones updated, and an interrupted import resumes."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="export folder or .zip file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the export and report what would change, without writing anything",
        )
        parser.add_argument(
            "--user", help="username recorded as the author of the imported revisions"
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="no progress bar or progress lines"
        )

    def handle(self, *args, path, dry_run, user, no_progress, verbosity, **options):
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(_("There is no user “%(user)s”.") % {"user": user})
        try:
            export = Export(path)
        except ExportError as exc:
            raise CommandError(str(exc)) from None
        with export:
            importer = Importer(export, dry_run=dry_run, user=author)
            bar = None
            if not no_progress and verbosity > 0:
                total = importer.count()
                bar = self.progress_reporter(total)
                importer.progress = bar
            interrupted = False
            try:
                summary = importer.run()
            except KeyboardInterrupt:
                interrupted = True
                summary = importer.summary
            finally:
                if bar is not None:
                    bar.close()
        self.report(path, summary, dry_run, interrupted, verbosity)
        if interrupted:
            raise CommandError(
                _(
                    "Interrupted. Records imported so far are kept; "
                    "run the same command again to continue."
                )
            )

    def progress_reporter(self, total):
        stream = self.stderr._out
        if stream.isatty():
            from tqdm import tqdm

            return _TqdmProgress(tqdm(total=total, unit=_("records"), file=stream))
        return _PlainProgress(self.stderr, total)

    def report(self, path, summary, dry_run, interrupted, verbosity):
        out = self.stdout
        if dry_run:
            out.write(_("Dry run: nothing was written. The import would give:"))
        elif interrupted:
            out.write(_("Partial import of %(path)s:") % {"path": path})
        else:
            out.write(_("Import of %(path)s:") % {"path": path})
        labels = {
            CREATED: _("created"),
            UPDATED: _("updated"),
            UNCHANGED: _("unchanged"),
            SKIPPED: _("skipped"),
        }
        for key in (CREATED, UPDATED, UNCHANGED, SKIPPED):
            languages = sorted(
                f"{language} {count}"
                for (language, outcome), count in summary.by_language.items()
                if outcome == key and count
            )
            detail = f" ({', '.join(languages)})" if languages else ""
            out.write(f"  {labels[key]}: {summary.counts[key]}{detail}")
        if summary.skipped:
            self.stderr.write(_("Skipped records (file:line [id] reason):"))
            for issue in summary.skipped:
                self.stderr.write(f"  {issue}")
        if summary.warnings and verbosity > 0:
            self.stderr.write(_("Imported with warnings (file:line [id] warning):"))
            for issue in summary.warnings:
                self.stderr.write(f"  {issue}")
        if not dry_run and not interrupted:
            style = self.style.WARNING if summary.skipped else self.style.SUCCESS
            out.write(
                style(
                    _("Done: %(ok)s of %(total)s records are on the site.")
                    % {
                        "ok": summary.total - summary.counts[SKIPPED],
                        "total": summary.total,
                    }
                )
            )


class _TqdmProgress:
    def __init__(self, bar):
        self.bar = bar

    def __call__(self, n=1):
        self.bar.update(n)

    def close(self):
        self.bar.close()


class _PlainProgress:
    """Progress as plain lines, for logs and pipes where a bar would be noise."""

    def __init__(self, stream, total):
        self.stream = stream
        self.total = total
        self.done = 0

    def __call__(self, n=1):
        self.done += n
        if self.done % PLAIN_PROGRESS_EVERY == 0 or self.done == self.total:
            percent = 100 * self.done // self.total if self.total else 100
            self.stream.write(
                _("%(done)s of %(total)s records (%(percent)s%%)")
                % {"done": self.done, "total": self.total, "percent": percent}
            )

    def close(self):
        sys.stderr.flush()
