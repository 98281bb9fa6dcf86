from django.core.management.base import BaseCommand, CommandError

from news.demo.archive import make_archive


class Command(BaseCommand):
    help = (
        "Write a realistic archive export of Russian/English release pairs with photos, "
        "for trying the importer and for benchmarks (a folder, or a .zip for a .zip path)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--releases", type=int, required=True, help="number of pairs")
        parser.add_argument("--out", required=True, help="folder or .zip file to write")
        parser.add_argument(
            "--images", type=int, default=3, help="at most this many photos per release (0: none)"
        )
        parser.add_argument("--seed", type=int, default=0, help="same seed, same archive")

    def handle(self, *args, releases, out, images, seed, verbosity, **options):
        if releases < 1:
            raise CommandError("--releases must be at least 1.")
        if images < 0:
            raise CommandError("--images cannot be negative.")
        bar = None
        if verbosity > 0 and self.stderr._out.isatty():
            from tqdm import tqdm

            bar = tqdm(total=releases, unit="pairs", file=self.stderr._out)
        try:
            written = make_archive(
                out, releases, images_max=images, seed=seed, progress=bar.update if bar else None
            )
        finally:
            if bar is not None:
                bar.close()
        self.stdout.write(f"Wrote {written} records ({releases} pairs) to {out}.")
