import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

# The people of the knowledge base's tests: a member's officer, a non-member's officer.
from engagiert.knowledge.tests.conftest import _immediate_tasks, member, membership, outsider

__all__ = ["_immediate_tasks", "member", "membership", "outsider"]


def photo_upload(name: str = "foto.jpg", kind: str = "JPEG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 180)).save(buffer, kind)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
