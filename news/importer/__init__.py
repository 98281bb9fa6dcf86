"""Bringing an archive of releases from a previous site in: reading, cleaning, importing."""
