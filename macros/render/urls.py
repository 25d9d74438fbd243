"""Where things live on the built site: pages, anchors and the files beside the pages.

Renderers link to these addresses and the build writes files to them, so each is named once.
"""

from __future__ import annotations

from ..data import models
from .i18n import page_base

DATA_DIR = "daten"
# The compact street list the ASD lookup loads in the browser.
LOOKUP = f"{DATA_DIR}/asd-suche.json"
ALL_VCARDS = "kontakte/vcard/alle-kontakte.vcf"

# Published file name -> (model the JSON follows, what it holds)
DATASETS = {
    "projekte": (models.ProjectList, "Projekte"),
    "kontakte": (models.ContactList, "veröffentlichte Kontakte"),
    "asd-strassen": (models.AsdDirectory, "ASD-Teams und Straßenverzeichnis"),
}


def project_url(project: models.Project, base: str = "") -> str:
    """The project's page; in another language the German one if it is not translated."""
    return f"{page_base(f'projekte/{project.id}.md', base)}projekte/{project.id}/"


def anchor(contact_id: str) -> str:
    return f"kontakt-{contact_id}"


def vcard_path(contact_id: str) -> str:
    return f"kontakte/vcard/{contact_id}.vcf"
