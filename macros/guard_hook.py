"""MkDocs hook (mkdocs.yml `hooks:`): tells the guard about each page as MkDocs finishes it.

The macros' adapter (macros/__init__.py) puts an object with a ``page_done(path)`` method into
MkDocs' config under PAGE_DONE; it checks the pages in a child process while the next ones are
rendered. Without it (the benchmark's frozen copy has no macros plugin) this hook does nothing.
Self-contained, as MkDocs loads hooks by file path.
"""

from __future__ import annotations

PAGE_DONE = "ziq_page_done"


def on_post_page(output: str, page, config, **_kwargs) -> str:
    receiver = config.get(PAGE_DONE)
    if receiver is not None:
        # MkDocs writes the page right after this event.
        receiver.page_done(page.file.abs_dest_path)
    return output
