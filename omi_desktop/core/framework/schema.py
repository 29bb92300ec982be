"""The JSON Schema of framework files, generated from the models so it always matches the loader.

``python -m omi_desktop.core.framework.schema`` rewrites ``data/schemas/framework.schema.json``; a test
fails if the committed file differs from what the models say.
"""

from __future__ import annotations

import json
from typing import Any

from omi_desktop.core.framework.model import FrameworkFile
from omi_desktop.paths import data_path

SCHEMA_ID = "https://omi-desktop.invalid/schemas/framework.schema.json"


def framework_json_schema() -> dict[str, Any]:
    schema = FrameworkFile.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "description": "An OMI Desktop framework file (TOML), as documented in docs/framework-format.md.",
        **schema,
    }


def render() -> str:
    return json.dumps(framework_json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    data_path("schemas", "framework.schema.json").write_text(render(), encoding="utf-8")
