"""The packaged agreements and consent notices parse and say what they must; IP masking."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcert.consent.documents import CONSENTS, Document, _parse, load, packaged
from mcert.pii import mask_ip
from mcert.settings import Settings


@pytest.mark.parametrize("document", list(Document))
def test_every_packaged_document_has_a_title_version_and_text(document: Document) -> None:
    notice = packaged(document)
    assert notice.title
    assert notice.version
    assert notice.content.startswith("# ") or notice.content.startswith("#")
    assert "---" not in notice.content.splitlines()[0]
    if document in CONSENTS:
        # PIPL art. 30: purpose, retention and recipients, each on the consent sheet.
        assert notice.purpose
        assert notice.retention
        assert notice.recipients
        assert "撤回" in notice.content


def test_an_override_directory_replaces_file_by_file(tmp_path: Path) -> None:
    (tmp_path / "face.md").write_text(
        "---\ntitle: 人脸\nversion: 2099-01-01\npurpose: p\n---\n# 人脸\n", encoding="utf-8"
    )
    settings = Settings(env="test", privacy_documents_dir=tmp_path)  # type: ignore[call-arg]
    assert load(settings, Document.FACE).version == "2099-01-01"
    assert load(settings, Document.REALNAME) == packaged(Document.REALNAME)


@pytest.mark.parametrize(
    "text",
    [
        "# no front matter\n",
        "---\ntitle: x\n# never closed\n",
        "---\ntitle: x\n---\n# no version\n",
    ],
)
def test_a_broken_document_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"face\.md"):
        _parse(Document.FACE, text)


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("203.0.113.45", "203.0.113.*"),
        ("10.0.0.1", "10.0.0.*"),
        ("2001:db8:1:2::5", "2001:db8:1:*"),
        ("testclient", "*"),
    ],
)
def test_mask_ip(address: str, masked: str) -> None:
    assert mask_ip(address) == masked
