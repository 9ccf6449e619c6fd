"""Demo news (»Aktuelles«): the seeds are the network's news – a member town's press release
about its mayor at the top meeting, a report from a workshop of the congress and a note on a
conference; one invented article of a member officer waits for the office's release."""

import datetime

from django.utils import timezone

from engagiert.accounts.models import User
from engagiert.events.models import Event
from engagiert.news.models import Article, Visibility
from engagiert.registry.models import Authority, Topic

#: (title, published, municipality, event, topics, teaser, body)
ARTICLES = [
    (
        "Bürgermeister Wächter nimmt an Spitzentreffen teil",
        "2016-06-28T10:00",
        "Menden (Sauerland)",
        "Spitzentreffen des Kommunen-Netzwerks in Düsseldorf",
        ["Engagementstrategie"],
        "Auf Einladung von Staatssekretär Bernd Neuendorf aus dem NRW-Familienministerium trafen "
        "sich Anfang Juni 2016 in Düsseldorf 25 Bürgermeister, Landräte und Beigeordnete der "
        "Städte, Gemeinden und Kreise des »Kommunen-Netzwerk: engagiert in NRW« zu einem "
        "interkommunalen Erfahrungsaustausch zum Thema »Bürgerschaftliches Engagement«.",
        "Diese einmal jährlich stattfindenden Spitzentreffen bieten gute Anregungen für die "
        "eigene Entwicklung und Gestaltung des bürgerschaftlichen Engagements vor Ort. Ziel ist "
        "es, voneinander zu lernen und miteinander zu wirken. Bei dem diesjährigen "
        "Erfahrungsaustausch wurde über die Weiterentwicklung des Netzwerks und die damit "
        "verbundenen Perspektiven diskutiert. Außerdem wurden Themen wie die Entwicklung "
        "gemeinsamer Strategien, Leitlinien und politischer Grundsätze zur Stärkung des "
        "bürgerschaftlichen Engagements auf kommunaler wie auf Landesebene erörtert.\n\n"
        "Erklärtes Ziel der Landesregierung ist es, Kommunen bei der Förderung des "
        "bürgerschaftlichen Engagements zu unterstützen. Zu diesem Zweck hat das Ministerium für "
        "Familie, Kinder, Jugend, Kultur und Sport begonnen, ein kommunales Netzwerk zur Förderung "
        "des bürgerschaftlichen Engagements aufzubauen. Es soll den Austausch und die Vernetzung "
        "zwischen Städten, Gemeinden und Kreisen ermöglichen und die Entwicklung von lokalen "
        "Engagementstrategien anregen und begleiten.\n\n"
        "Basis der gemeinsamen Zusammenarbeit ist die »Gemeinsame Erklärung«, die mittlerweile von "
        "über 30 Städten, Gemeinden, Kreisen und der Bezirksregierung Arnsberg unterzeichnet "
        "wurde.\n\n"
        "Pressemitteilung der Stadt Menden (Sauerland), Bürgermeisterbüro, vom 28.06.2016.",
    ),
    (
        "Freies Engagement: Bericht aus dem Workshop beim Engagementkongress",
        "2019-11-09T18:00",
        "",
        "Engagementkongress NRW",
        ["Freies Engagement"],
        "Alle zwei Jahre lädt die Landesregierung NRW in Kooperation mit dem »Kommunen-Netzwerk: "
        "engagiert in NRW« zum Engagementkongress ein: Rund 200 Teilnehmende aus "
        "Zivilgesellschaft, Verwaltung und Wirtschaft kamen in der Stadthalle Bad Godesberg "
        "zusammen. Ein Workshop fragte, wie spontanes, ungebundenes Engagement gelingt.",
        "Ganz oben auf der Agenda standen die Themen »Entwicklung einer Engagementstrategie NRW«, "
        "»sozialen Zusammenhalt und Demokratie stärken« sowie »Digitalisierung«.\n\n"
        "Der Workshop »Freies Engagement« ging von der Beobachtung aus, dass spontanes, "
        "ungebundenes Engagement zwar keine neue Erfindung ist, aufgrund aktueller Geschehnisse "
        "wie der Flüchtlingskrise jedoch neue Aktualität gewinnt. Sechs Dialogpartner – selbst "
        "ungebunden engagiert, forschend, vermittelnd oder aus Sicht der Kommune – steuerten "
        "unterschiedliche Facetten bei; gemeinsam mit den Teilnehmenden wurden Herausforderungen, "
        "Gelingensfaktoren und Handlungsansätze herausgearbeitet.\n\n"
        "**Fünf zentrale Ergebnisse**\n\n"
        "- **Potential:** Es gibt bereits viele gute Beispiele in NRW, wo sich Menschen spontan "
        "engagieren und dabei etwas bewegen.\n"
        "- **Motivation:** Die Erfahrung, selbst wirksam werden zu können, steckt oftmals hinter "
        "der Übernahme eines spontanen Engagements.\n"
        "- **Netzwerke:** Virtuelle und reale Netzwerke sind wichtig, um spontanes Engagement "
        "aufzubauen, Engagierte zu gewinnen und Unterstützung zu bekommen.\n"
        "- **Zusammenarbeit mit der Kommune:** Sie sollte auf Augenhöhe stattfinden; es braucht "
        "einen Ansprechpartner von Seiten der Verwaltung.\n"
        "- **Strukturen:** Ganz ohne Strukturen kommt selbst freies Engagement kaum aus, z. B. "
        "wenn es darum geht, finanzielle Mittel einzuwerben.",
    ),
    (
        "Nur gemeinsam geht’s: Fachkonferenz des BBE in Kassel",
        "2023-05-12T12:00",
        "",
        "Herausforderungen in Kommunen – gemeinsam bewältigen",
        ["Sozialer Zusammenhalt und Demokratie"],
        "Über 80 Teilnehmende tauschten sich im Rathaus Kassel zwei Tage lang darüber aus, wie "
        "Politik, Verwaltung, aktive Bürgerschaft und Zivilgesellschaft die Herausforderungen der "
        "Kommunen gemeinsam bewältigen – bei der Fachkonferenz des Bundesnetzwerks "
        "Bürgerschaftliches Engagement (BBE).",
        "Bürgermeisterinnen und Bürgermeister, Mitarbeitende aus kommunalen Koordinierungsstellen, "
        "Freiwilligenagenturen und Stabsstellen sowie Vertreterinnen und Vertreter der "
        "Zivilgesellschaft arbeiteten an Lösungen, die zusammen mit den Bürgerinnen und Bürgern "
        "angegangen werden können. Die BBE-Arbeitsgruppe »Bürgerschaftliches Engagement und "
        "Kommune« mit ihrer Sprecherin Ute Bertel und ihrem Sprecher Dieter Schöffmann hatte die "
        "Idee für den Fachtag; er entstand in Kooperation mit dem Programmbüro der Engagierten "
        "Stadt, der LandesEhrenamtsagentur Hessen, dem Gemeindenetzwerk Bürgerschaftliches "
        "Engagement und der Stadt Kassel.\n\n"
        "Zu Gast war Prof. Dr. Gesine Schwan. Sie plädierte dafür, die Teilhabe auf kommunaler "
        "Ebene weiterzuentwickeln: »In einem Entwicklungsbeirat können sich Vertreter und "
        "Vertreterinnen der Kommunalverwaltung, von Unternehmen und der organisierten "
        "Zivilgesellschaft gegenseitig auf pfiffige Gedanken bringen.«\n\n"
        "Bürgermeisterin Ilona Friedrich verwies auf den Kasseler Pakt gegen Armut vom September "
        "2022: »Netzwerke werden geknüpft, aber Pakte werden geschmiedet.« Deutlich wurde in den "
        "Workshops auch: Erfolgreiche Engagementförderung setzt verlässliche und nachhaltig "
        "finanzierte Unterstützung hauptamtlicher Akteure voraus.",
    ),
]

#: Invented: an officer's article waiting for the office's release (shows the release).
WAITING = (
    "kamp-lintfort@engagiert.example",
    "Kamp-Lintfort sucht Engagementlotsinnen und -lotsen",
    "Die Stadt Kamp-Lintfort bildet ab dem Frühjahr Ehrenamtliche aus, die neue Engagierte in "
    "Vereine und Initiativen begleiten. Erste Erfahrungen teilen wir gern im Netzwerk.",
    "Die Ausbildung umfasst vier Abende; danach begleiten die Lotsinnen und Lotsen Menschen, die "
    "sich engagieren möchten, bei den ersten Schritten.\n\n"
    "Erfundene Meldung für die Demo.",
)


def _at(value: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(value))


def news_load() -> None:
    """The seeds' news, published on their days, and one article waiting for release."""
    topics = {t.name: t for t in Topic.objects.all()}
    for title, published, town, event, names, teaser, body in ARTICLES:
        article, created = Article.objects.get_or_create(
            title=title,
            defaults={
                "teaser": teaser,
                "body": body,
                "authority": Authority.objects.filter(name=town).first() if town else None,
                "event": Event.objects.filter(title=event).first(),
                "visibility": Visibility.PUBLIC,
                "status": Article.Status.PUBLISHED,
                "published_at": _at(published),
            },
        )
        if created:
            article.topics.set([topics[name] for name in names if name in topics])
    email, title, teaser, body = WAITING
    author = User.objects.get(email=email)
    Article.objects.get_or_create(
        title=title,
        defaults={
            "teaser": teaser,
            "body": body,
            "author": author,
            "authority": Authority.objects.get(name="Kamp-Lintfort"),
            "status": Article.Status.WAITING,
            "is_demo": True,
        },
    )
