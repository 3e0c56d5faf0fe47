"""The agreements and consent notices: versioned Markdown files with a small front matter.

Each file in ``mcert/consent/documents`` (or in ``MCERT_PRIVACY_DOCUMENTS_DIR``, which
replaces them file by file) starts with ``---`` lines of ``key: value`` (``title``,
``version``; consent notices also ``purpose``, ``retention``, ``recipients``) and then the
Markdown text the app shows. Publishing a new version is editing the file and its
``version``: holders are asked again (at their next login for an agreement, before the next
collection for a consent). Files are read when asked for, so a new version takes effect
without a restart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from mcert.settings import Settings

PACKAGED = Path(__file__).with_name("documents")


class Document(StrEnum):
    USER_AGREEMENT = "user_agreement"
    PRIVACY_POLICY = "privacy_policy"
    FACE = "face"
    REALNAME = "realname"
    COMPANY_DOCUMENTS = "company_documents"


#: Agreed to at login; withdrawn only by cancelling the account.
AGREEMENTS = (Document.USER_AGREEMENT, Document.PRIVACY_POLICY)
#: Separate consents before sensitive data is collected; withdrawable at any time.
CONSENTS = (Document.FACE, Document.REALNAME, Document.COMPANY_DOCUMENTS)


@dataclass(frozen=True)
class Notice:
    document: Document
    title: str
    version: str
    content: str
    purpose: str | None = None
    retention: str | None = None
    recipients: str | None = None


def _path(settings: Settings, document: Document) -> Path:
    name = f"{document.value}.md"
    if settings.privacy_documents_dir is not None:
        override = settings.privacy_documents_dir / name
        if override.is_file():
            return override
    return PACKAGED / name


def _parse(document: Document, text: str) -> Notice:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ValueError(f"{document.value}.md: no front matter")
    meta: dict[str, str] = {}
    end = 1
    for end in range(1, len(lines)):
        line = lines[end]
        if line.strip() == "---":
            break
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip()] = value.strip()
    else:
        raise ValueError(f"{document.value}.md: front matter not closed")
    if not meta.get("title") or not meta.get("version"):
        raise ValueError(f"{document.value}.md: title and version are required")
    return Notice(
        document=document,
        title=meta["title"],
        version=meta["version"],
        content="\n".join(lines[end + 1 :]).strip() + "\n",
        purpose=meta.get("purpose"),
        retention=meta.get("retention"),
        recipients=meta.get("recipients"),
    )


def packaged(document: Document) -> Notice:
    """The version shipped with mCert (what ``load`` gives without an override)."""
    return _parse(document, (PACKAGED / f"{document.value}.md").read_text(encoding="utf-8"))


def load(settings: Settings, document: Document) -> Notice:
    """The current version of ``document``."""
    return _parse(document, _path(settings, document).read_text(encoding="utf-8"))
