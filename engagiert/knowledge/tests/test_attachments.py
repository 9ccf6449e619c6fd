"""PDF attachments: their text becomes searchable in the background, within limits, and no
crafted PDF keeps a request busy or ends in an error page (issue #11, defect 11).

The PDFs are real ones, written with pypdf: a page with text, a font whose /ToUnicode map
makes pypdf give up (LimitReachedError), and pages that share one big compressed content
stream (a few kilobytes that take minutes to read)."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfReader, PdfWriter
from pypdf.errors import LimitReachedError
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, StreamObject

from engagiert.knowledge import pdftext
from engagiert.knowledge.models import Attachment
from engagiert.knowledge.tests.factories import KnowledgeItemFactory
from engagiert.search import engine

pytestmark = pytest.mark.django_db

#: A ToUnicode map of a million codes: pypdf refuses maps above 100,000 (LimitReachedError).
HUGE_TO_UNICODE = (
    b"begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
    b"1 beginbfrange\n<000000> <0FFFFF> <0041>\nendbfrange\nendcmap\n"
)


def _stream(writer: PdfWriter, data: bytes, *, compress: bool = False) -> object:
    stream: StreamObject = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream.flate_encode() if compress else stream)


def crafted_pdf(
    content: bytes, *, pages: int = 1, to_unicode: bytes = b"", compress: bool = False
) -> bytes:
    """A PDF whose pages all draw the one content stream `content` in Helvetica."""
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    if to_unicode:
        font[NameObject("/ToUnicode")] = _stream(writer, to_unicode)
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    resources = DictionaryObject({NameObject("/Font"): fonts})
    contents = _stream(writer, content, compress=compress)
    for _ in range(pages):
        page = writer.add_blank_page(595, 842)
        page[NameObject("/Resources")] = resources
        page[NameObject("/Contents")] = contents
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def text_pdf(text: str, *, pages: int = 1) -> bytes:
    return crafted_pdf(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"), pages=pages)


def slow_pdf() -> bytes:
    """Pages sharing one compressed stream of 30,000 text operations: a few kilobytes."""
    return crafted_pdf(
        b"BT /F1 1 Tf " + b"0 0 Td (x) Tj " * 30_000 + b"ET", pages=40, compress=True
    )


@pytest.fixture
def upload(settings, tmp_path, office_user, django_capture_on_commit_callbacks):
    """Upload a PDF as the office, with the background task run at commit; returns the
    response and how long the request took."""
    settings.MEDIA_ROOT = tmp_path
    client = Client()
    client.force_login(office_user)

    def post(item, data: bytes) -> tuple[object, float]:
        start = time.perf_counter()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/wissen/{item.pk}/anhang/",
                {"title": "Leitfaden", "file": SimpleUploadedFile("leitfaden.pdf", data)},
                follow=True,
            )
        return response, time.perf_counter() - start

    return post


def found(query: str) -> list[str]:
    return [entry.title for entry in engine.search(query, members=False).entries]


def test_the_text_of_an_uploaded_pdf_becomes_searchable(upload):
    item = KnowledgeItemFactory(title="Stiftungen gruenden")

    response, _seconds = upload(item, text_pdf("Mustersatzung fuer Treuhandstiftungen"))

    assert response.status_code == 200
    assert "Die PDF-Datei ist angehängt; ihr Text ist in Kürze durchsuchbar." in response.text
    assert Attachment.objects.get(item=item).text == "Mustersatzung fuer Treuhandstiftungen"
    assert found("Treuhandstiftungen") == ["Stiftungen gruenden"]


def test_a_pdf_that_makes_pypdf_give_up_is_stored_with_empty_text(upload):
    data = crafted_pdf(b"BT /F1 12 Tf 72 720 Td (Hallo) Tj ET", to_unicode=HUGE_TO_UNICODE)
    with pytest.raises(LimitReachedError):  # what answered 500 before
        PdfReader(io.BytesIO(data)).pages[0].extract_text()
    item = KnowledgeItemFactory(title="Leitfaden")

    response, _seconds = upload(item, data)

    assert response.status_code == 200
    attachment = Attachment.objects.get(item=item)
    assert (attachment.title, attachment.text) == ("Leitfaden", "")
    assert "Leitfaden" in Client().get(item.get_absolute_url()).text


def test_a_pdf_that_takes_too_long_to_read_keeps_no_request_busy(upload, monkeypatch):
    monkeypatch.setattr(pdftext, "MAX_SECONDS", 2.0)
    data = slow_pdf()
    assert len(data) < 20_000
    item = KnowledgeItemFactory(title="Leitfaden")

    response, seconds = upload(item, data)

    assert response.status_code == 200
    assert seconds < 15  # reading all its pages takes minutes
    assert Attachment.objects.get(item=item).text == ""


def test_only_the_first_pages_are_read(monkeypatch):
    monkeypatch.setattr(pdftext, "MAX_PAGES", 2)

    assert pdftext.pdf_text(text_pdf("Seite", pages=5)) == "Seite\nSeite"


def test_something_that_is_no_pdf_at_all_has_no_text():
    assert pdftext.pdf_text(b"%PDF-1.7\n nothing else") == ""
