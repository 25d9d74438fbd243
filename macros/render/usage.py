"""Which data files a page shows: the macros record every file they read while rendering.

The renderers take the whole ``SiteData``; handing them a ``TrackedSite`` instead
notes each file behind the attributes they touch (one project file for
``site.projects["x"]``, all of them when they loop over the projects). The page's
"Stand" date then covers exactly the data it shows.
"""

from __future__ import annotations

from typing import Any

from ..data.validate import SiteData

# SiteData attribute -> data file (below the data folder) that holds it.
ATTRIBUTE_FILES = {
    "programme": "programme.yml",
    "organisations": "organisations.yml",
    "contacts": "contacts.yml",
    "published_contacts": "contacts.yml",
    "agreement": "agreement.yml",
    "decision": "decision.yml",
    "asd": "asd.yml",
    "teams": "asd.yml",
    "glossary": "glossary.yml",
    "emergency": "emergency.yml",
    "opendata": "opendata.yml",
    "legal": "legal.yml",
}


class UsedFiles:
    """The files used by the page being rendered; reset before each page."""

    def __init__(self) -> None:
        self._paths: set[str] = set()

    def add(self, *paths: str) -> None:
        self._paths.update(paths)

    def reset(self) -> None:
        self._paths.clear()

    @property
    def paths(self) -> list[str]:
        return sorted(self._paths)


class _TrackedProjects(dict):
    """The projects by id; reading one notes its file, reading all notes every file."""

    def __init__(self, projects: dict, files: dict[str, str], used: UsedFiles):
        super().__init__(projects)
        self._files, self._used = files, used

    def _all(self) -> None:
        self._used.add(*(self._files[key] for key in dict.keys(self) if key in self._files))

    def __getitem__(self, key):
        if key in self._files:
            self._used.add(self._files[key])
        return super().__getitem__(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __iter__(self):
        self._all()
        return super().__iter__()

    def keys(self):
        self._all()
        return super().keys()

    def values(self):
        self._all()
        return super().values()

    def items(self):
        self._all()
        return super().items()


class TrackedSite:
    """Stands in for SiteData in the renderers and records what they read."""

    def __init__(self, site: SiteData, used: UsedFiles):
        self._site, self._used = site, used
        self._documents = sorted(site.documents)
        self._project_files = {
            name.rsplit("/", 1)[1].removesuffix(".yml"): name
            for name in self._documents if "/projects/" in name}

    def _file(self, name: str) -> str | None:
        return next((doc for doc in self._documents if doc.endswith("/" + name)), None)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._site, name)
        if name == "projects":
            return _TrackedProjects(value, self._project_files, self._used)
        known = ATTRIBUTE_FILES.get(name)
        file = self._file(known) if known else None
        # Anything unknown (e.g. the documents themselves, or a data file added later)
        # counts as showing all data: a "Stand" date may be too new, never too old.
        self._used.add(*([file] if file else self._documents))
        return value
