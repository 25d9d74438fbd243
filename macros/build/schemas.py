"""JSON Schemas for editors, generated from the models (``make schemas``).

Every data file names its schema on its first line, so editors with YAML support
complete and check fields while typing. A test keeps the committed files in step.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..data import models
from ..render.fieldguide import FIELDS


def _describe(schema: dict) -> dict:
    """Add the editors' German explanation to every property that lacks one."""
    for definition in [schema, *schema.get("$defs", {}).values()]:
        for name, prop in definition.get("properties", {}).items():
            prop.setdefault("description", FIELDS.get(name, ""))
    return schema


def schema_text(model: type[models.Model]) -> str:
    schema = _describe(model.model_json_schema(by_alias=True))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def generate() -> dict[str, str]:
    targets = {name.removesuffix(".yml"): model for name, model in models.FILES.items()}
    targets["project"] = models.Project
    return {f"{name}.schema.json": schema_text(model) for name, model in targets.items()}


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "schemas")
    folder.mkdir(exist_ok=True)
    for name, text in generate().items():
        (folder / name).write_text(text, encoding="utf-8")
    print(f"{len(generate())} Schemas in {folder}/ geschrieben.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
