#!/usr/bin/env python
"""Django's command-line utility for the newsroom."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def main():
    # site/ is a source root holding the `newsroom` project package (see README).
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
