"""Demo of spontaneous help in shifts (seed 002: spontaneous, unbound engagement, as in the
refugee help of 2015; the municipality names a contact person): a collection of winter
clothes run by the Kamp-Lintfort volunteer agency, with shifts in the coming two weeks."""

import datetime

from django.utils import timezone

from engagiert.accounts.models import User
from engagiert.opportunities import shifts as services
from engagiert.opportunities.models import Action, Provider
from engagiert.registry.models import Organisation

ORGANISATION = "Freiwilligenagentur Kamp-Lintfort"
ORGANISER = "verein@engagiert.example"
TITLE = "Winterkleidersammlung für Geflüchtete"
HELPERS = [
    ("Lea Brinkmann", "freiwillige@engagiert.example"),
    ("Murat Demir", "murat.demir@engagiert.example"),
    ("Anna Schulte", "anna.schulte@engagiert.example"),
    ("Jonas Peters", "jonas.peters@engagiert.example"),
]


def _provider() -> Provider:
    organisation = Organisation.objects.get(name=ORGANISATION)
    assert organisation.authority is not None
    provider, _created = Provider.objects.get_or_create(
        organisation=organisation,
        defaults={
            "authority": organisation.authority,
            "status": Provider.Status.VERIFIED,
            "verified_at": timezone.now(),
            "contact_name": "Tobias Wellmann",
            "contact_email": ORGANISER,
            "municipal_contact_name": "Koordinierungsstelle Ehrenamt der Stadt Kamp-Lintfort",
            "municipal_contact_email": "ehrenamt@kamp-lintfort.example",
        },
    )
    return provider


def shifts_demo_load() -> None:
    """One action with two places, three tasks and shifts on the coming weekdays (8–12, 12–16),
    a few confirmed helpers. Safe to call again (the action is made once)."""
    if Action.objects.filter(title=TITLE, is_demo=True).exists():
        return
    provider = _provider()
    authority = provider.authority
    action = services.action_create(
        provider=provider,
        title=TITLE,
        authority=authority,
        description=(
            "Der Winter kommt, und in den Unterkünften fehlen warme Jacken, Schuhe und Decken. "
            "Wir sammeln, sortieren und geben aus – helfen Sie spontan mit, auch nur für eine "
            "Schicht. Keine Mitgliedschaft nötig: Schicht wählen, Name und E-Mail angeben."
        ),
        status=Action.Status.PUBLISHED,
        user=User.objects.filter(email=ORGANISER).first(),
        is_demo=True,
    )
    hall = services.place_create(
        action=action,
        name="Sporthalle Moerser Straße",
        address="Moerser Straße 167, 47475 Kamp-Lintfort",
        authority=authority,
        latitude=authority.latitude,
        longitude=authority.longitude,
    )
    shop = services.place_create(
        action=action,
        name="Kleiderstube am Prinzenplatz",
        address="Prinzenplatz 8, 47475 Kamp-Lintfort",
        authority=authority,
    )
    sorting = services.task_create(
        place=hall,
        title="Spenden annehmen und sortieren",
        description="Kleidung nach Größe und Jahreszeit sortieren, Kartons beschriften.",
        requirements="Feste Schuhe; Heben bis 10 kg.",
    )
    serving = services.task_create(
        place=shop,
        title="Ausgabe in der Kleiderstube",
        description="Menschen beim Aussuchen helfen, Regale auffüllen.",
        requirements="Arabisch, Ukrainisch oder Englisch sind hilfreich.",
    )
    services.task_create(
        place=hall,
        title="Transport zur Kleiderstube",
        description="Sortierte Kartons mit dem Vereinsbus bringen.",
        requirements="Führerschein Klasse B.",
    )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    slots = [(datetime.time(8), datetime.time(12)), (datetime.time(12), datetime.time(16))]
    made = services.shifts_generate(
        task=sorting,
        first_day=tomorrow,
        last_day=tomorrow + datetime.timedelta(days=13),
        weekdays=[0, 1, 2, 3, 4],
        slots=slots,
        needed=6,
    )
    services.shifts_generate(
        task=serving,
        first_day=tomorrow,
        last_day=tomorrow + datetime.timedelta(days=13),
        weekdays=[1, 3, 5],
        slots=[(datetime.time(14), datetime.time(18))],
        needed=3,
    )
    for (name, email), shift in zip(HELPERS, made[:4], strict=True):
        signup = services.signup_create(shift=shift, name=name, email=email)
        services.signup_confirm(token=signup.token)
