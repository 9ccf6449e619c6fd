"""What `make run` shows a developer: the demo logins (again with `make logins` and once the
server answers), one line per mail, no lines for static files; demo dates on working days."""

import datetime
import io
import logging
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import CommandError, call_command
from django.utils import timezone

from engagiert.accounts.models import Role
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.logs import QuietStaticFilter
from engagiert.demo.dates import easter_sunday, in_office_hours, on_working_day, working_day
from engagiert.registry.tests.factories import AuthorityFactory


def server_record(request_line: str, status: int) -> logging.LogRecord:
    """A line as the development server logs it (django.core.servers.basehttp)."""
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        (request_line, str(status), "9"),
        None,
    )
    record.status_code = status
    return record


@pytest.mark.parametrize(
    ("request_line", "status", "shown"),
    [
        ("GET /static/engagiert.css HTTP/1.1", 200, False),
        ("GET /static/vendor/kern/kern.min.css HTTP/1.1", 304, False),
        ("GET /static/missing.css HTTP/1.1", 404, True),  # a missing file is worth a line
        ("GET /netzwerk/ HTTP/1.1", 200, True),
        ("POST /konto/anmelden/ HTTP/1.1", 302, True),
    ],
)
def test_the_development_server_leaves_out_static_files_served_fine(request_line, status, shown):
    assert QuietStaticFilter().filter(server_record(request_line, status)) is shown


@pytest.mark.django_db
def test_a_sent_mail_is_one_line_on_the_console(settings):
    settings.EMAIL_BACKEND = "engagiert.core.mail_console.SummaryEmailBackend"
    stream = io.StringIO()
    connection = mail.get_connection(stream=stream)
    message = EmailMessage(
        "Ihre Anmeldung", "Ein langer Text\n" * 40, to=["a@example.org"], connection=connection
    )

    message.send()

    assert stream.getvalue() == "Mail an a@example.org: Ihre Anmeldung\n"


@pytest.mark.django_db
def test_make_logins_prints_every_demo_login_by_role():
    office = UserFactory(email="buero@engagiert.example", first_name="Petra", last_name="Hollmann")
    office.is_demo = True
    office.save()
    role_grant(user=office, role=Role.OFFICE)
    officer = UserFactory(email="stadt@engagiert.example", first_name="Jonas", last_name="T")
    officer.is_demo = True
    officer.save()
    role_grant(user=officer, role=Role.OFFICER, authority=AuthorityFactory(name="Lintfort"))
    UserFactory(email="echt@example.org")  # not a demo account
    out = io.StringIO()

    call_command("demo_logins", stdout=out)

    lines = out.getvalue().splitlines()
    assert "Demo-Zugänge (Passwort für alle: engagiert-demo)" in lines
    office_line = next(n for n, line in enumerate(lines) if "buero@engagiert.example" in line)
    officer_line = next(n for n, line in enumerate(lines) if "stadt@engagiert.example" in line)
    assert office_line < officer_line  # the office first
    assert "Netzwerkbüro (Petra Hollmann)" in lines[office_line]
    assert "– Lintfort (Jonas T)" in lines[officer_line]
    assert "echt@example.org" not in out.getvalue()
    assert "zweitem Faktor" in out.getvalue()


@pytest.mark.django_db
def test_make_run_prints_the_logins_again_once_the_server_answers():
    user = UserFactory(email="buero@engagiert.example", is_demo=True)
    role_grant(user=user, role=Role.OFFICE)

    class Health(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            self.send_response(200 if self.path == "/healthz" else 404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    out = io.StringIO()
    try:
        call_command("demo_logins", wait=url, stdout=out)
    finally:
        server.shutdown()

    assert "buero@engagiert.example" in out.getvalue()
    assert f"engagiert ist bereit: {url}" in out.getvalue()


@pytest.mark.django_db
def test_without_demo_data_make_logins_says_how_to_load_it():
    with pytest.raises(CommandError, match="manage.py load_demo"):
        call_command("demo_logins", stdout=io.StringIO())


def test_easter_and_the_holidays_that_follow_it():
    assert easter_sunday(2026) == datetime.date(2026, 4, 5)
    assert easter_sunday(2027) == datetime.date(2027, 3, 28)
    assert working_day(datetime.date(2027, 3, 26)) == datetime.date(2027, 3, 30)  # Good Friday


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2027, 1, 1), datetime.date(2027, 1, 4)),  # New Year's Day, then a weekend
        (datetime.date(2026, 12, 24), datetime.date(2026, 12, 28)),
        (datetime.date(2026, 12, 5), datetime.date(2026, 12, 7)),  # a Saturday
        (datetime.date(2026, 12, 8), datetime.date(2026, 12, 8)),  # a Tuesday
    ],
)
def test_demo_events_fall_on_working_days(day, expected):
    assert working_day(day) == expected


def test_demo_events_begin_at_ten_and_mails_went_out_in_office_hours_on_a_quarter_hour():
    start = timezone.localtime(on_working_day(30))
    sent = timezone.localtime(
        in_office_hours(timezone.make_aware(datetime.datetime(2026, 11, 1, 23, 37)))  # a Sunday
    )

    assert (start.hour, start.minute, start.weekday() < 5) == (10, 0, True)
    assert sent == timezone.make_aware(datetime.datetime(2026, 10, 30, 16, 30))
