"""Network news as people use them: an officer writes an article with a photo, the office
releases it or sends it back, it appears on the list, the start page, the municipality's page,
in search, the feeds and the digest; members-only articles stay hidden from the public."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from engagiert.accounts.models import Role, User
from engagiert.accounts.services import role_grant
from engagiert.accounts.tests.factories import UserFactory
from engagiert.core.extensions import DataSubject, inbox_items, personal_data
from engagiert.core.models import OutboundMail
from engagiert.events.tests.factories import EventFactory
from engagiert.mailings.digest import digest_send
from engagiert.mailings.models import NotificationPreference
from engagiert.membership.tests.factories import MembershipFactory
from engagiert.news.models import Article, Visibility
from engagiert.registry.models import Authority
from engagiert.registry.tests.factories import AuthorityFactory, TopicFactory
from engagiert.search.indexing import rebuild

from .conftest import photo_upload
from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def logged_in(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def error_at(response: HttpResponse, field: str) -> str:
    found = re.search(
        rf'<p class="kern-error" id="id_{field}_error">(.*?)</p>', response.text, re.S
    )
    return re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else ""


def article_form(authority: Authority, **changes: object) -> dict[str, object]:
    return {
        "title": "Kamp-Lintfort sucht Lotsinnen",
        "teaser": "Ab dem Frühjahr bilden wir Ehrenamtliche aus.",
        "body": "Vier Abende, dann begleiten sie neue Engagierte.",
        "authority": authority.pk,
        "visibility": Visibility.PUBLIC,
        **changes,
    }


def mails_to(address: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [address]]


# --- Writing and the release -----------------------------------------------------------------


def test_an_officer_writes_with_a_photo_and_the_office_releases_it(
    member, office_user, authority, django_capture_on_commit_callbacks
):
    officer = logged_in(member)
    response = officer.post(
        "/aktuelles/neu/",
        article_form(
            authority,
            photo=photo_upload(),
            photo_credit="Foto: Stadt Kamp-Lintfort",
            photo_description="Ehrenamtliche vor dem Rathaus",
        ),
        follow=True,
    )
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.author == member
    assert article.photo.name.endswith(".jpg")
    assert "Gespeichert." in response.text

    sent = officer.post(f"/aktuelles/{article.pk}/status/", {"action": "submit"}, follow=True)
    assert "wartet auf die Freigabe durch das Netzwerkbüro" in sent.text
    assert Client().get(f"/aktuelles/{article.pk}/").status_code == 404
    assert [item.title for item in inbox_items()] == [article.title]

    office = logged_in(office_user)
    with django_capture_on_commit_callbacks(execute=True):
        office.post(f"/aktuelles/{article.pk}/status/", {"action": "release"})

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    public = Client().get(f"/aktuelles/{article.pk}/")
    assert "Foto: Stadt Kamp-Lintfort" in public.text
    assert 'alt="Ehrenamtliche vor dem Rathaus"' in public.text
    assert Client().get(f"/aktuelles/{article.pk}/foto/")["Content-Type"] == "image/jpeg"
    assert [m.subject for m in mails_to(member.email)] == [
        "Ihre Meldung ist veröffentlicht: Kamp-Lintfort sucht Lotsinnen"
    ]
    assert inbox_items() == []


def test_the_office_sends_an_article_back_with_a_note(
    member, office_user, authority, django_capture_on_commit_callbacks
):
    article = ArticleFactory(
        authority=authority, author=member, status=Article.Status.WAITING, published_at=None
    )
    office = logged_in(office_user)
    empty = office.post(
        f"/aktuelles/{article.pk}/status/", {"action": "return", "note": " "}, follow=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        office.post(
            f"/aktuelles/{article.pk}/status/",
            {"action": "return", "note": "Bitte das Datum der Ausbildung nennen."},
        )

    assert "Bitte schreiben Sie, was geändert werden soll." in empty.text
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    [message] = mails_to(member.email)
    assert message.subject.startswith("Ihre Meldung kommt mit einem Hinweis zurück")
    assert "Bitte das Datum der Ausbildung nennen." in message.body
    form = logged_in(member).get(f"/aktuelles/{article.pk}/bearbeiten/")
    assert "Bitte das Datum der Ausbildung nennen." in form.text


def test_without_release_required_an_officer_publishes_at_once(settings, member, authority):
    settings.NEWS_RELEASE_REQUIRED = False
    article = ArticleFactory(authority=authority, status=Article.Status.DRAFT, published_at=None)

    logged_in(member).post(f"/aktuelles/{article.pk}/status/", {"action": "submit"})

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_an_officers_change_to_a_published_article_waits_for_release_again(member, authority):
    article = ArticleFactory(authority=authority)

    logged_in(member).post(
        f"/aktuelles/{article.pk}/bearbeiten/", article_form(authority, title="Neuer Titel")
    )

    article.refresh_from_db()
    assert (article.title, article.status) == ("Neuer Titel", Article.Status.WAITING)


def test_a_photo_without_its_credit_line_is_refused_at_the_field(member, authority):
    response = logged_in(member).post(
        "/aktuelles/neu/",
        article_form(authority, photo=photo_upload(), photo_description="Rathaus"),
    )

    assert response.status_code == 200
    assert error_at(response, "photo_credit").startswith("Ein Foto braucht seinen Bildnachweis")
    assert error_at(response, "photo") == "Bitte wählen Sie das Foto noch einmal aus."
    assert not Article.objects.exists()


def test_a_file_that_is_no_photo_is_refused(member, authority):
    fake = SimpleUploadedFile("foto.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = logged_in(member).post(
        "/aktuelles/neu/",
        article_form(authority, photo=fake, photo_credit="Foto: X", photo_description="X"),
    )

    assert (
        error_at(response, "photo")
        == "Dies ist kein Foto. Bitte laden Sie ein JPEG, PNG oder WebP hoch."
    )
    assert not Article.objects.exists()


def test_an_officer_writes_and_edits_only_for_their_own_municipality(member, authority):
    other = AuthorityFactory(name="Anderstadt")
    MembershipFactory(authority=other)
    foreign = ArticleFactory(authority=other, status=Article.Status.DRAFT, published_at=None)
    client = logged_in(member)

    smuggled = client.post("/aktuelles/neu/", article_form(other))
    edit = client.get(f"/aktuelles/{foreign.pk}/bearbeiten/")
    action = client.post(f"/aktuelles/{foreign.pk}/status/", {"action": "submit"})

    assert error_at(smuggled, "authority").startswith("Bitte eine gültige Auswahl treffen")
    assert (edit.status_code, action.status_code) == (403, 403)
    assert client.get(f"/aktuelles/{foreign.pk}/").status_code == 404


def test_an_officer_cannot_release_their_own_article(member, authority):
    article = ArticleFactory(authority=authority, status=Article.Status.WAITING, published_at=None)

    response = logged_in(member).post(f"/aktuelles/{article.pk}/status/", {"action": "release"})

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.WAITING


def test_people_outside_the_network_write_no_news(outsider):
    assert logged_in(outsider).get("/aktuelles/neu/").status_code == 403


def test_attachments_are_pdfs_with_the_articles_visibility(member, authority, tmp_path):
    article = ArticleFactory(authority=authority, visibility=Visibility.MEMBERS)
    client = logged_in(member)
    pdf = SimpleUploadedFile("flyer.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")

    refused = client.post(
        f"/aktuelles/{article.pk}/anhang/",
        {"title": "Flyer", "file": SimpleUploadedFile("x.pdf", b"MZ...")},
    )
    client.post(f"/aktuelles/{article.pk}/anhang/", {"title": "Flyer", "file": pdf})

    attachment = article.files.get()
    assert "Diese Datei ist kein PDF." in refused.text
    assert client.get(attachment.get_absolute_url()).status_code == 200
    assert Client().get(attachment.get_absolute_url()).status_code == 404


# --- Where news appear -----------------------------------------------------------------------


def test_the_list_is_paged_and_filtered_by_topic(django_assert_max_num_queries):
    topic = TopicFactory(slug="ehrenamtskarte", name="Ehrenamtskarte")
    ArticleFactory(title="Karte kommt", topics=[topic])
    for number in range(12):
        ArticleFactory(
            title=f"Älter {number}",
            published_at=timezone.now() - datetime.timedelta(days=number + 1),
        )

    with django_assert_max_num_queries(8):
        first = Client().get("/aktuelles/")
    filtered = Client().get("/aktuelles/?thema=ehrenamtskarte")

    assert first.text.count('class="kern-card news-card"') == 10
    assert "Seite 1 von 2" in first.text
    assert "Karte kommt" in filtered.text
    assert "Älter 0" not in filtered.text


def test_members_only_news_are_hidden_from_the_public_everywhere(member, authority):
    ArticleFactory(title="Öffentliche Meldung", authority=authority)
    secret = ArticleFactory(
        title="Interne Vorbereitung Spitzentreffen",
        body="Geheimwort Zwetschgenkuchen",
        visibility=Visibility.MEMBERS,
        authority=authority,
    )
    rebuild()
    public, members = Client(), logged_in(member)

    for path in ("/aktuelles/", "/", f"/kommunen/{authority.ags}/", "/aktuelles/feed.rss"):
        assert "Öffentliche Meldung" in public.get(path).text, path
        assert secret.title not in public.get(path).text, path
    assert public.get(secret.get_absolute_url()).status_code == 404
    assert secret.title not in public.get("/suche/?q=Zwetschgenkuchen").text
    assert secret.title in members.get("/suche/?q=Zwetschgenkuchen").text
    assert secret.title in members.get("/aktuelles/").text
    assert secret.title in members.get(f"/kommunen/{authority.ags}/").text


def test_the_start_page_shows_the_latest_three():
    for number in range(4):
        ArticleFactory(
            title=f"Meldung vom Tag {number}",
            published_at=timezone.now() - datetime.timedelta(days=number),
        )

    page = Client().get("/").text

    assert [f"Meldung vom Tag {n}" in page for n in range(4)] == [True, True, True, False]


def test_the_feeds_carry_public_articles():
    ArticleFactory(title="Spitzentreffen in Düsseldorf", teaser="25 Bürgermeister trafen sich.")
    ArticleFactory(title="Nur intern", visibility=Visibility.MEMBERS)
    ArticleFactory(title="Entwurf", status=Article.Status.DRAFT, published_at=None)

    rss = Client().get("/aktuelles/feed.rss")
    atom = Client().get("/aktuelles/feed.atom")

    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    for feed in (rss.text, atom.text):
        assert "Spitzentreffen in Düsseldorf" in feed
        assert "25 Bürgermeister trafen sich." in feed
        assert "Nur intern" not in feed
        assert "Entwurf" not in feed


def test_the_weekly_digest_tells_of_new_articles(member):
    ArticleFactory(title="Öffentlich neu")
    ArticleFactory(title="Für Mitglieder neu", visibility=Visibility.MEMBERS)
    volunteer = UserFactory(email="freiwillig@example.org")
    role_grant(user=volunteer, role=Role.VOLUNTEER)

    digest_send(frequency=NotificationPreference.Frequency.DIGEST)

    member_mail = OutboundMail.objects.get(to_email=member.email).text
    volunteer_mail = OutboundMail.objects.get(to_email=volunteer.email).text
    assert "Öffentlich neu" in member_mail
    assert "Für Mitglieder neu" in member_mail
    assert "Öffentlich neu" in volunteer_mail
    assert "Für Mitglieder neu" not in volunteer_mail


def test_the_office_puts_an_article_into_an_info_mail_with_one_click(office_user):
    article = ArticleFactory(title="Kongress 2027", teaser="Jetzt anmelden.")
    office = logged_in(office_user)

    detail = office.get(article.get_absolute_url())
    link = re.search(
        r'href="(/infomail/neu/\?[^"]+)"[^>]*>.*?In Infomail übernehmen', detail.text, re.S
    )
    assert link is not None
    url = link.group(1).replace("&amp;", "&")
    form = office.get(url)

    query = parse_qs(urlsplit(url).query)
    assert query["subject"] == ["Kongress 2027"]
    assert 'value="Kongress 2027"' in form.text
    assert "Jetzt anmelden." in form.text
    assert f"/aktuelles/{article.pk}/" in form.text


def test_the_article_names_its_event():
    event = EventFactory(title="Engagementkongress NRW")
    article = ArticleFactory(event=event)

    assert "Engagementkongress NRW" in Client().get(article.get_absolute_url()).text


# --- Personal data ---------------------------------------------------------------------------


def test_erasing_the_author_keeps_the_article_and_its_photo_credit(member, authority):
    article = ArticleFactory(author=member, authority=authority, photo_credit="Foto: MFKJKS")
    declaration = personal_data.get("news.article")
    assert declaration is not None
    subject = DataSubject(user=member, email=member.email)

    assert list(declaration.rows_of(subject)) == [article]
    declaration.erase(subject)

    article.refresh_from_db()
    assert (article.author, article.photo_credit) == (None, "Foto: MFKJKS")
