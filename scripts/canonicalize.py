"""Rewrite data files in canonical form (record order, key order, indentation).

Run: python scripts/canonicalize.py [FOLDER]   (default: src/sinosoviet/data)
Prints the files it changed; exits 1 on a malformed file (nothing is written then).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sinosoviet import DataError
from sinosoviet._convert import FILE_TYPES, dumps_records, structure_records
from sinosoviet.dataset import Dataset

DEFAULT = Path(__file__).resolve().parent.parent / "src" / "sinosoviet" / "data"


def canonical_text(path: Path) -> str:
    """The canonical text of one data file."""
    stem = path.name.removesuffix(".json").split("-", 1)[0]
    records = structure_records(json.loads(path.read_text(encoding="utf-8")), FILE_TYPES[stem], path.name)
    ordered = getattr(Dataset(**{stem: records}), stem)
    return dumps_records(ordered)


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    try:
        texts = {p: canonical_text(p) for p in sorted(folder.glob("*.json"))}
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    for path, text in texts.items():
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"rewrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
