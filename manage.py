#!/usr/bin/env python
"""Django's command-line utility for the newsroom."""

import gc
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def main():
    # site/ is a source root holding the `newsroom` project package (see README).
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.dev")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    finally:
        # The interpreter's last collections walk every object of Django, Wagtail and the
        # project, about 0.4 s per command on a 2-core server, to free memory the end of
        # the process frees anyway; they skip frozen objects. The command has committed
        # its work, and atexit handlers (logging's flush among them) still run.
        gc.freeze()


if __name__ == "__main__":
    main()
