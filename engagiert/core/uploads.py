"""Checks for uploaded documents (by content, not by name, limited in size) and their safe
serving: as a download with a fixed content type, never rendered by the browser as a page."""

import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.translation import gettext as _

from engagiert.core.exports import attachment_name

#: Largest document accepted, in bytes.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
#: The file types a document or photo may be: how each begins, its content type and ending.
SCAN_OR_PHOTO_TYPES = (
    (PDF_MAGIC, "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)


class ImportProblemsError(Exception):
    """An uploaded file cannot be imported; `problems` name each bad line, in German."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def check_pdf(file: UploadedFile, *, field: str = "file", max_bytes: int | None = None) -> None:
    """Raise a German ValidationError at `field` unless the upload is a PDF within the limit."""
    limit = max_bytes if max_bytes is not None else MAX_DOCUMENT_BYTES
    if file.size is not None and file.size > limit:
        raise ValidationError(
            {field: _("The file is larger than %(mb)d MB.") % {"mb": max(limit // 2**20, 1)}}
        )
    file.seek(0)
    head = file.read(len(PDF_MAGIC))
    file.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError({field: _("This is not a PDF file. Please upload a PDF.")})


def check_pdf_or_image(file: UploadedFile, *, field: str = "file") -> tuple[str, str]:
    """The content type and ending of an accepted PDF, PNG or JPEG, else a German error at
    `field`."""
    if file.size is not None and file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            {
                field: _("The file is larger than %(mb)d MB.")
                % {"mb": max(MAX_DOCUMENT_BYTES // 2**20, 1)}
            }
        )
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    for magic, content_type, ending in SCAN_OR_PHOTO_TYPES:
        if head.startswith(magic):
            return content_type, ending
    raise ValidationError({field: _("Upload a PDF, PNG or JPEG file.")})


#: Office documents by extension: each is a ZIP archive whose content is checked on upload.
OFFICE_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
DOCUMENT_TYPES = {"pdf": "application/pdf", **OFFICE_TYPES}


def document_extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_document(file: UploadedFile, *, field: str = "file") -> str:
    """A PDF or an office document (Word, Excel, PowerPoint, OpenDocument), checked by its
    content and size; returns its extension. A German ValidationError at `field` otherwise."""
    extension = document_extension(file.name or "")
    if extension not in DOCUMENT_TYPES:
        raise ValidationError(
            {
                field: _(
                    "Please upload a PDF or an office document "
                    "(Word, Excel, PowerPoint, OpenDocument)."
                )
            }
        )
    if extension == "pdf":
        check_pdf(file, field=field)
        return extension
    if file.size is not None and file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            {field: _("The file is larger than %(mb)d MB.") % {"mb": MAX_DOCUMENT_BYTES // 2**20}}
        )
    file.seek(0)
    try:
        valid = zipfile.is_zipfile(file) and bool(zipfile.ZipFile(file).namelist())
    except zipfile.BadZipFile:
        valid = False
    file.seek(0)
    if not valid:
        raise ValidationError(
            {field: _("This file is damaged or not what its name says. Please upload it again.")}
        )
    return extension


def document_response(file: FieldFile, *, title: str) -> FileResponse:
    """Serve a stored document as a download named after its title, with the content type of
    its checked kind (never sniffed), so that no upload is ever shown as a web page."""
    extension = document_extension(file.name or "")
    content_type = DOCUMENT_TYPES.get(extension, "application/octet-stream")
    response = FileResponse(
        file.open("rb"),
        as_attachment=True,
        content_type=content_type,
        filename=attachment_name(f"{title}.{extension}" if extension else title),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def spreadsheet_text(data: bytes) -> str:
    """The text of an uploaded CSV file: UTF-8 (with or without the BOM Excel writes), else
    Windows-1252, which German Excel uses for »CSV (Trennzeichen-getrennt)«."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


#: Largest photo accepted, in bytes, and its largest size in pixels (a decompression bomb, a
#: small file that unpacks to a huge image, is refused before it is decoded).
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
#: The photo formats accepted, by what Pillow reads in the file, with the file name ending.
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def check_image(file: UploadedFile, *, field: str = "photo") -> str:
    """Raise a German ValidationError at `field` unless the upload is a JPEG, PNG or WebP
    photo (by content, not by name) within the limits; answer the file name ending."""
    from PIL import Image, UnidentifiedImageError

    if file.size is not None and file.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            {field: _("The photo is larger than %(mb)d MB.") % {"mb": MAX_IMAGE_BYTES // 2**20}}
        )
    refused = ValidationError({field: _("This is not a photo. Please upload a JPEG, PNG or WebP.")})
    file.seek(0)
    try:
        with Image.open(file) as image:
            kind, (width, height) = image.format or "", image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError({field: _("The photo has too many pixels.")})
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        raise refused from None
    finally:
        file.seek(0)
    if kind not in IMAGE_FORMATS:
        raise refused
    return IMAGE_FORMATS[kind]
