"""Read ``mkdocs.yml`` with line numbers, for the checks that run without MkDocs.

The publish guard and ``make check`` need a few settings (site_url, repo_url,
extra.review_months, extra.report_url) and the line of each, to point staff at it.
"""

from __future__ import annotations

from pathlib import Path

from .yamlsource import Document, load_document

CONFIG_FILE = "mkdocs.yml"
DEFAULT_REVIEW_MONTHS = 12


def load_config(project_dir: Path) -> Document:
    # The loader only composes nodes, so python tags such as the slugify function stay inert.
    return load_document(Path(project_dir) / CONFIG_FILE, CONFIG_FILE)


def extra(config: Document) -> dict:
    value = config.data.get("extra") if isinstance(config.data, dict) else None
    return value if isinstance(value, dict) else {}


def review_months(config: Document | None) -> int:
    months = extra(config).get("review_months") if config is not None else None
    if isinstance(months, int) and not isinstance(months, bool) and months > 0:
        return months
    return DEFAULT_REVIEW_MONTHS
