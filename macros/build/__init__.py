"""What the build writes beside the pages and what checks the built site: vCards, open data,
JSON Schemas, the search index, the guard, security headers.

Imports from ``data`` and ``render``."""
