"""An association posts a shift plan, three residents sign up (one on a phone), one cancels,
the organiser confirms the hours, the volunteer downloads the evidence."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from engagiert.core.extensions import hours_evidence_for
from engagiert.core.models import OutboundMail
from engagiert.demo.opportunity_shifts import shifts_demo_load
from engagiert.demo.services import demo_load
from engagiert.opportunities.models import Shift, ShiftSignup
from engagiert.registry.services import registry_import_file
from engagiert.registry.tests.conftest import REGISTRY_FILE
from tests.e2e.logins import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACTION = "Hochwasserhilfe Kamp-Lintfort"


@pytest.fixture
def demo(transactional_db):
    registry_import_file(path=REGISTRY_FILE)
    demo_load()
    shifts_demo_load()


def confirm_link(email: str) -> str:
    text = OutboundMail.objects.filter(to_email=email).latest("pk").text
    return re.search(r"https?://\S+/bestaetigen/", text).group(0)


def sign_up(page, base: str, name: str, email: str) -> None:
    page.goto(base)
    page.get_by_role("link", name=ACTION).click()
    page.get_by_role("link", name=re.compile("^Eintragen")).first.click()
    page.get_by_label("Name").fill(name)
    page.get_by_label("E-Mail").fill(email)
    page.get_by_role("button", name="Für diese Schicht eintragen").click()
    page.get_by_text("Fast geschafft").wait_for()
    path = confirm_link(email).split("/mitmachen/", 1)[1]
    page.goto(f"{base.split('/mitmachen/')[0]}/mitmachen/{path}")
    page.get_by_role("button", name="Anmeldung bestätigen").click()
    page.get_by_text("Sie sind für diese Schicht eingetragen").wait_for()


def test_shift_plan_sign_ups_cancel_hours_and_evidence(
    page, browser, live_server, demo, screenshot
):
    # The association plans the action with a recurring template.
    log_in(page, live_server, "verein@engagiert.example")
    page.goto(f"{live_server.url}/mitmachen/aktionen/verwalten/")
    page.locator("#id_title").fill(ACTION)
    page.locator("#id_description").fill("Keller auspumpen, Sandsäcke füllen, Essen ausgeben.")
    page.locator("#id_status").select_option("published")
    page.get_by_role("button", name="Aktion anlegen").click()
    page.get_by_text("Die Aktion ist angelegt").wait_for()
    page.get_by_text("Neuer Einsatzort").click()
    page.locator("#id_place-name").fill("Feuerwache Nord")
    page.locator("#id_place-address").fill("Ringstraße 1")
    page.get_by_role("button", name="Einsatzort hinzufügen").click()
    page.get_by_text("Der Einsatzort ist hinzugefügt").wait_for()
    page.get_by_text("Neue Aufgabe").click()
    page.locator("#id_task-place").select_option(label="Feuerwache Nord")
    page.locator("#id_task-title").fill("Sandsäcke füllen")
    page.locator("#id_task-requirements").fill("Feste Schuhe")
    page.get_by_role("button", name="Aufgabe hinzufügen").click()
    page.get_by_text("Die Aufgabe ist hinzugefügt").wait_for()
    # A working day at least two days ahead (the template's weekdays are Monday to Friday).
    first = timezone.localdate() + datetime.timedelta(days=2)
    while first.weekday() >= 5:
        first += datetime.timedelta(days=1)
    page.locator("#id_template-task").select_option(label="Sandsäcke füllen")
    page.locator("#id_template-first_day").fill(first.isoformat())
    page.locator("#id_template-last_day").fill(first.isoformat())
    page.locator("#id_template-times").fill("08:00-12:00, 12:00-16:00")
    page.locator("#id_template-needed").fill("3")
    page.get_by_role("button", name="Schichten anlegen").click()
    page.get_by_text("2 Schichten sind hinzugefügt").wait_for()
    screenshot(page, "60-shift-plan")
    log_out(page)

    # Three residents sign up without an account; one from a phone.
    base = f"{live_server.url}/mitmachen/aktionen/"
    sign_up(page, base, "Jana Kowalski", "jana@example.org")
    screenshot(page, "61-shift-signed-up")
    sign_up(page, base, "Ole Hansen", "ole@example.org")
    phone = browser.new_context(locale="de-DE", viewport={"width": 375, "height": 800})
    mobile = phone.new_page()
    mobile.set_default_timeout(20_000)
    mobile.goto(base)
    screenshot(mobile, "64-shift-action-list-375")
    mobile.get_by_role("link", name=ACTION).click()
    screenshot(mobile, "62-shift-action-375")
    sign_up(mobile, base, "Şükrü Güneş", "sukru@example.org")
    width = mobile.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    phone.close()

    # One cancels by the personal link.
    ole = ShiftSignup.objects.get(email="ole@example.org")
    page.goto(live_server.url + ole.get_absolute_url())
    page.get_by_role("button", name="Meine Anmeldung stornieren").click()
    page.get_by_text("Ihre Anmeldung ist storniert").wait_for()
    ole.refresh_from_db()
    assert ole.status == ShiftSignup.Status.CANCELLED
    shift = Shift.objects.filter(task__title="Sandsäcke füllen").earliest("starts_at")
    assert shift.signups.filter(status=ShiftSignup.Status.CONFIRMED).count() == 2

    # The day after: the organiser confirms the hours (one corrected).
    back = datetime.timedelta(days=(first - timezone.localdate()).days + 1)
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=shift.starts_at - back, ends_at=shift.ends_at - back
    )
    log_in(page, live_server, "verein@engagiert.example")
    page.goto(f"{live_server.url}/mitmachen/aktionen/{shift.task.place.action_id}/verwalten/")
    page.get_by_role("link", name=re.compile("Helfende und Stunden")).first.click()
    expect(page.get_by_text("jana@example.org")).to_be_visible()
    jana = ShiftSignup.objects.get(email="jana@example.org")
    page.locator(f"#h{jana.pk}-hours").fill("3.5")
    page.get_by_role("button", name="Bestätigen – Jana Kowalski").click()
    page.get_by_text("Für Jana Kowalski gespeichert").wait_for()
    sukru = ShiftSignup.objects.get(email="sukru@example.org")
    page.get_by_role("button", name="Bestätigen – Şükrü Güneş").click()
    page.get_by_text("Für Şükrü Güneş gespeichert").wait_for()
    screenshot(page, "63-shift-helpers-hours")
    log_out(page)

    # The volunteer downloads the evidence by the personal link.
    page.goto(live_server.url + jana.get_absolute_url())
    with page.expect_download() as download:
        page.get_by_role("link", name="Stundennachweis herunterladen (PDF)").click()
    text = PdfReader(download.value.path()).pages[0].extract_text()
    assert "Jana Kowalski" in text
    assert "3,50 Stunden" in text
    code = re.search(r"STD-[A-Z0-9-]{23}", text).group(0)
    assert hours_evidence_for(code).hours == 3.5
    sukru.refresh_from_db()
    assert sukru.hours == shift.hours
    assert page.foreign_requests == []
