"""Small valid records and a folder writer shared by the loader tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SOURCE = {"id": "src", "title": "A work", "kind": "book", "level": "secondary"}
ACTOR = {
    "id": "prc",
    "kind": "state",
    "name": "People's Republic of China",
    "lifespan": "1949-10-01/..",
    "citations": [{"source": "src"}],
}
EVENT = {
    "id": "founding",
    "when": "1949-10-01",
    "title": "The PRC is proclaimed",
    "kind": "founding",
    "participants": [{"actor": "prc", "role": "subject"}],
    "citations": [{"source": "src", "locator": "p. 1"}],
}


def write_folder(folder: Path, **files_: Any) -> Path:
    """A minimal valid dataset folder, with any file replaced by ``files_`` (raw text or JSON)."""
    content: dict[str, Any] = {
        "sources": [SOURCE],
        "actors": [ACTOR],
        "events": [EVENT],
        "relations": [],
        "treaties": [],
        "tenures": [],
    }
    content.update(files_)
    folder.mkdir(parents=True, exist_ok=True)
    for stem, value in content.items():
        if value is None:
            continue
        text = value if isinstance(value, str | bytes) else json.dumps(value)
        path = folder / f"{stem}.json"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return folder
