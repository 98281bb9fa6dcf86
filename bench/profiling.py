"""Shares of a cProfile run, for the profile_*.py scripts: how much of the time went
through some entry points, and whose code the time was spent in."""

import pstats

# Where the code that runs lives; own time only, so these add up to the whole.
AREAS = [
    ("database driver", ("sqlite3", "psycopg", "django/db/backends")),
    ("ORM", ("django/db/",)),
    ("templates", ("django/template/",)),
    ("wagtail images", ("wagtail/images/", "willow/")),
    ("wagtail", ("wagtail/", "wagtail_localize/", "modelcluster/", "treebeard/", "taggit/")),
    ("redis client", ("redis/",)),
    ("site code", ("news/", "gallery/", "core/")),
    ("django other", ("django/",)),
]


def _area(path):
    for label, markers in AREAS:
        if any(marker in path for marker in markers):
            return label
    return "python and other"


def shares(profiler, entry_points):
    """`entry_points` are (label, file ending, function name); their cumulative time, and
    every area's own time, as percentages of the profiled time."""
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    entries = {}
    for label, filename, function in entry_points:
        cumulative = max(
            (
                entry[3]
                for (path, _line, name), entry in stats.stats.items()
                if path.endswith(filename) and name == function
            ),
            default=0,
        )
        entries[label] = f"{100 * cumulative / total:.0f}%"
    areas = {}
    for (path, _line, _name), entry in stats.stats.items():
        area = _area(path)
        areas[area] = areas.get(area, 0) + entry[2]
    return {
        "share_of_time": entries,
        "own_time_by_area": {
            area: f"{100 * seconds / total:.0f}%"
            for area, seconds in sorted(areas.items(), key=lambda item: -item[1])
        },
    }
