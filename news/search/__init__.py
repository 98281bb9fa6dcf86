"""Full-text search of the release archive in Russian and English (see docs/search.md)."""
