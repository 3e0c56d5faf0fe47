"""The README lists every document in docs/: a new doc nobody can find is a bug."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_doc_is_linked_from_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\((docs/[^)#\s]+)", readme))
    docs = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "docs").iterdir()
        if p.is_file() and p.suffix in (".md", ".json")
    }
    assert docs, "no docs found"
    assert sorted(docs - linked) == [], "docs/ files the README does not link"
    assert sorted(p for p in linked if not (ROOT / p).exists()) == [], "README links to no file"
