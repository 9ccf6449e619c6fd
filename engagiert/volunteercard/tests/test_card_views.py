"""The holder's card page, the PDF, the verification page and the staff's card pages."""

import datetime
import io
import re

import pypdfium2
import pytest
import zxingcpp
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.accounts.tests.test_views import mailbox  # noqa: F401 (the real SMTP sink)
from engagiert.core.models import OutboundMail
from engagiert.volunteercard import signing
from engagiert.volunteercard.cards import card_code, card_path, card_revoke
from engagiert.volunteercard.models import Card

from .card_factories import CardFactory, CardIssuerFactory

pytestmark = pytest.mark.django_db

NAMES = ("Đorđe", "Šćepanović-Łukasiewicz")


def _staff(issuer, email="kartenstelle@example.org"):
    user = UserFactory(email=email)
    role_grant(user=user, role=Role.CARD_STAFF, authority=issuer.authority)
    return user


def _qr_texts(png_or_image):
    return [result.text for result in zxingcpp.read_barcodes(png_or_image)]


def test_card_page_shows_the_card_and_a_qr_code_that_verifies(client):
    card = CardFactory(first_name=NAMES[0], last_name=NAMES[1])
    response = client.get(card_path(card))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đorđe Šćepanović-Łukasiewicz" in html
    assert card.display_number in html
    assert "/ehrenamtskarte/vorteile/" in html
    assert "<svg" in html
    assert 'rel="manifest"' in html
    assert "no-store" in response["Cache-Control"]
    assert str(card.birth_year) not in html


def test_card_page_is_not_reachable_by_number_or_a_forged_link(client):
    card = CardFactory()
    assert client.get(f"/ehrenamtskarte/karte/{card.number}/").status_code == 404
    token = card_path(card).split("/")[-2]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/ehrenamtskarte/karte/{forged}/").status_code == 404


def test_card_pdf_has_front_and_back_names_outside_latin1_and_a_valid_qr(client):
    card = CardFactory(first_name=NAMES[0], last_name=NAMES[1])
    jubilee = CardFactory(first_name="Zoë", last_name="Ørsted", kind="jubilee", valid_until=None)
    response = client.get(reverse("volunteercard:card_pdf", args=[card_path(card).split("/")[-2]]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert round(width / 72 * 25.4, 1) == 85.6
    assert round(height / 72 * 25.4, 1) == 54.0
    front = reader.pages[0].extract_text()
    assert "Đorđe" in front
    assert "Šćepanović-Łukasiewicz" in front
    assert card.display_number in front
    assert "Ehrenamtskarte NRW" in front
    assert card.valid_until.strftime("%d.%m.%Y") in front
    assert card.issuer.authority.name in front
    assert "/ehrenamtskarte/pruefen/" in reader.pages[1].extract_text()
    image = pypdfium2.PdfDocument(response.content)[1].render(scale=6).to_pil()
    [text] = _qr_texts(image)
    verification = signing.verify_code(text, today=timezone.localdate())
    assert verification.valid
    assert verification.payload.holder == "Đorđe Šćepanović-Łukasiewicz"
    jubilee_pdf = client.get(card_path(jubilee) + "karte.pdf").content
    jubilee_front = PdfReader(io.BytesIO(jubilee_pdf)).pages[0].extract_text()
    assert "Zoë Ørsted" in jubilee_front
    assert "unbefristet" in jubilee_front


def test_my_cards_lists_only_the_holders_cards(client):
    holder = UserFactory(email="holder@example.org")
    mine = CardFactory(user=holder)
    other = CardFactory()
    client.force_login(holder)
    html = client.get(reverse("volunteercard:my_cards")).content.decode()
    assert card_path(mine) in html
    assert mine.display_number in html
    assert other.display_number not in html


def test_check_page_ships_the_public_keys_and_checks_a_typed_number(client):
    card = CardFactory(first_name="Zoë", last_name="Ørsted")
    page = client.get(reverse("volunteercard:check"))
    assert signing.keys().signing_id in page.content.decode()
    response = client.post(reverse("volunteercard:check"), {"number": card.display_number})
    html = response.content.decode()
    assert "Zoë Ørsted" in html
    assert card.issuer.authority.name in html
    assert "check-result--valid" in html
    unknown = client.post(reverse("volunteercard:check"), {"number": "ZZZZ ZZZZ ZZZZ ZZZZ"})
    assert "check-result--invalid" in unknown.content.decode()
    assert "Zoë" not in unknown.content.decode()


def test_check_status_answers_only_the_reason(client, office_user):
    card = CardFactory()
    code = card_code(card)
    url = reverse("volunteercard:check_status")
    assert client.post(url, {"code": code}).json() == {
        "reason": "valid",
        "valid": True,
        "text": str(signing.REASON_TEXTS[signing.Reason.VALID]),
        "revocation": "",
    }
    card_revoke(card=card, by=office_user, category="ended", reason="Umzug nach Bayern")
    answer = client.post(url, {"code": code}).json()
    assert answer["reason"] == "revoked"
    assert answer["valid"] is False
    assert "Bayern" not in str(answer)
    assert card.first_name not in str(answer)
    assert client.post(url, {"code": code[:-4] + "AAAA"}).json()["reason"] == "signature"


def test_status_and_manual_checks_are_rate_limited(client, settings):
    settings.VOLUNTEERCARD_STATUS_LIMIT = 3
    settings.VOLUNTEERCARD_MANUAL_CHECK_LIMIT = 2
    card = CardFactory()
    url = reverse("volunteercard:check_status")
    answers = [client.post(url, {"code": card_code(card)}).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    check = reverse("volunteercard:check")
    statuses = [client.post(check, {"number": card.number}) for _ in range(3)]
    assert [response.status_code for response in statuses] == [200, 200, 429]
    assert card.issuer.authority.name not in statuses[-1].content.decode()


def test_staff_list_finds_by_name_and_number_in_constant_queries(
    client, django_assert_max_num_queries
):
    issuer = CardIssuerFactory()
    client.force_login(_staff(issuer))
    wanted = CardFactory(issuer=issuer, first_name="Đorđe", last_name="Šćepanović")
    for _ in range(3):
        CardFactory(issuer=issuer, first_name="Anna", last_name="Schmidt")
    url = reverse("volunteercard:staff_card_list")
    with django_assert_max_num_queries(12):
        few = client.get(url)
    for _ in range(20):
        CardFactory(issuer=issuer)
    with django_assert_max_num_queries(12):
        client.get(url)
    assert few.status_code == 200
    by_name = client.get(url, {"q": "Šćepanović"}).content.decode()
    assert wanted.display_number in by_name
    assert "Schmidt" not in by_name
    by_number = client.get(url, {"q": wanted.display_number[:9].lower()}).content.decode()
    assert "Šćepanović" in by_number
    assert "Schmidt" not in by_number


def test_staff_of_one_issuer_cannot_see_or_revoke_anothers_cards(client):
    own, other = CardIssuerFactory(), CardIssuerFactory()
    foreign = CardFactory(issuer=other, last_name="Fremd")
    client.force_login(_staff(own))
    assert "Fremd" not in client.get(reverse("volunteercard:staff_card_list")).content.decode()
    detail = reverse("volunteercard:staff_card_detail", args=[foreign.number])
    assert client.get(detail).status_code == 404
    revoke = reverse("volunteercard:staff_card_revoke", args=[foreign.number])
    assert client.post(revoke, {"category": "misuse", "reason": "x"}).status_code == 404
    replace = reverse("volunteercard:staff_card_replace", args=[foreign.number])
    assert client.post(replace).status_code == 404
    foreign.refresh_from_db()
    assert foreign.revoked_at is None
    assert foreign.replaced_by is None
    volunteer = UserFactory(email="freiwillig@example.org")
    client.force_login(volunteer)
    assert client.get(reverse("volunteercard:staff_card_list")).status_code == 403
    assert client.get(detail).status_code == 403


def test_staff_revokes_with_a_reason_and_replaces_a_lost_card(client):
    issuer = CardIssuerFactory()
    client.force_login(_staff(issuer))
    card = CardFactory(issuer=issuer)
    revoke = reverse("volunteercard:staff_card_revoke", args=[card.number])
    missing = client.post(revoke, {"category": "misuse", "reason": ""})
    assert missing.status_code == 400
    assert 'aria-invalid="true"' in missing.content.decode()
    response = client.post(revoke, {"category": "misuse", "reason": "Weitergegeben"}, follow=True)
    assert "Weitergegeben" in response.content.decode()
    card.refresh_from_db()
    assert card.revocation_category == "misuse"
    lost = CardFactory(issuer=issuer)
    response = client.post(reverse("volunteercard:staff_card_replace", args=[lost.number]))
    lost.refresh_from_db()
    assert response.status_code == 302
    assert lost.replaced_by is not None
    assert response["Location"].endswith(f"/{lost.replaced_by.number}/")
    assert OutboundMail.objects.filter(to_email=lost.email).count() == 1


def test_expired_cards_page_offers_no_pdf(client, office_user):
    today = timezone.localdate()
    card = CardFactory(valid_from=today - datetime.timedelta(days=10))
    card_revoke(card=card, by=office_user, category="other", reason="Test")
    assert client.get(card_path(card) + "karte.pdf").status_code == 404
    assert "<svg" not in client.get(card_path(card)).content.decode()
    assert Card.objects.count() == 1


def test_issued_card_mail_reaches_smtp_and_its_link_opens_the_card(
    client,
    mailbox,  # noqa: F811 (the fixture imported above)
    office_user,
):
    from engagiert.core.outbox import outbox_dispatch
    from engagiert.volunteercard.cards import card_issue

    from .card_factories import ApprovedApplicationFactory

    application = ApprovedApplicationFactory(first_name="Zoë", last_name="Ørsted")
    card_issue(application=application, by=office_user)
    outbox_dispatch()
    [message] = mailbox.messages
    assert message["Subject"] == "Ihre Ehrenamtskarte NRW"
    body = message.get_body(preferencelist=("plain",)).get_content()
    path = re.search(r"https?://[^/\s]+(/ehrenamtskarte/karte/[^/\s]+/)", body).group(1)
    page = client.get(path).content.decode()
    assert "Zoë Ørsted" in page
    assert "<svg" in page
