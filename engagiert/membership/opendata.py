"""The network's open datasets: every local authority with its membership, the members' public
profiles, and the joint declaration's signatories.

Only what the public pages show: no contact persons, no leaders, no signing person's name, no
members-only document; the profile's public fields (structures, Ehrenamtskarte, focus topics,
website, engagement in brief).
"""

from typing import Any

from engagiert.core.extensions import Column, ColumnType, OpenDataset
from engagiert.core.site import absolute_url
from engagiert.registry.models import Authority, Topic

from .models import Profile, known_part
from .queries import MemberFilter, members, waves_with_signatures, with_membership

T = ColumnType

AUTHORITY_COLUMNS = (
    Column(
        "ags",
        "AGS",
        T.STRING,
        "Amtlicher Gemeindeschlüssel: 8 Stellen für Gemeinden, 5 für Kreise, 3 für Bezirke",
    ),
    Column("name", "Name", T.STRING, "Name der Gebietskörperschaft"),
    Column(
        "kind",
        "Art (Schlüssel)",
        T.STRING,
        "regierungsbezirk, kreis, staedteregion, kreisfreie_stadt, stadt oder gemeinde",
    ),
    Column("kind_label", "Art", T.STRING, "Art der Gebietskörperschaft in Worten"),
)


def _authority_cells(authority: Authority) -> dict[str, Any]:
    return {
        "ags": authority.ags,
        "name": authority.name,
        "kind": authority.kind,
        "kind_label": str(authority.get_kind_display()),
    }


def _district(authority: Authority) -> dict[str, Any]:
    district = authority.district
    return {
        "district_ags": district.ags if district else None,
        "district": district.name if district else None,
    }


def authority_rows() -> list[dict[str, Any]]:
    authorities = with_membership(Authority.objects.select_related("district", "region"))
    return [
        {
            **_authority_cells(authority),
            **_district(authority),
            "region": authority.region.name if authority.region else None,
            "population": authority.population,
            "is_member": authority.is_member,  # type: ignore[attr-defined]
            "member_since": authority.member_since.year  # type: ignore[attr-defined]
            if authority.member_since  # type: ignore[attr-defined]
            else None,
            "url": absolute_url(authority.get_absolute_url()),
        }
        for authority in authorities.order_by("ags")
    ]


def member_rows() -> list[dict[str, Any]]:
    rows = []
    for authority in members(MemberFilter()).order_by("ags"):
        profile: Profile | None = getattr(authority, "profile", None)
        topics: list[Topic] = list(profile.topics.all()) if profile else []
        rows.append(
            {
                **_authority_cells(authority),
                **_district(authority),
                "member_since": known_part(
                    authority.member_since,  # type: ignore[attr-defined]
                    authority.member_since_precision,  # type: ignore[attr-defined]
                ),
                "member_since_precision": authority.member_since_precision,  # type: ignore[attr-defined]
                "website": profile.website or None if profile else None,
                "has_staff_unit": profile.has_staff_unit if profile else False,
                "has_round_table": profile.has_round_table if profile else False,
                "has_volunteer_agency": profile.has_volunteer_agency if profile else False,
                "volunteer_card": profile.volunteer_card if profile else "no",
                "volunteer_card_since": profile.volunteer_card_since if profile else None,
                "topics": "; ".join(sorted(topic.name for topic in topics)),
                "description": profile.description if profile else "",
                "url": absolute_url(authority.get_absolute_url()),
            }
        )
    return rows


def signatory_rows() -> list[dict[str, Any]]:
    return [
        {
            "declaration": wave.declaration.title,
            "version": wave.declaration.version,
            "wave_date": wave.date,
            "wave_year": wave.date.year,
            "wave_date_precision": wave.date_precision,
            "occasion": wave.occasion,
            "place": wave.place,
            "signatory": str(signature),
            "signatory_kind": "authority" if signature.authority_id else "organisation",
            "ags": signature.authority_id,
        }
        for wave in waves_with_signatures()
        for signature in wave.signatures.all()
    ]


def _district_columns() -> tuple[Column, ...]:
    return (
        Column(
            "district_ags",
            "AGS des Kreises",
            T.STRING,
            "Kreis oder Städteregion, leer für kreisfreie Städte, Kreise und Bezirke",
        ),
        Column("district", "Kreis", T.STRING, "Name des Kreises oder der Städteregion"),
    )


def datasets() -> list[OpenDataset]:
    return [
        OpenDataset(
            slug="kommunen",
            title="Kommunen in Nordrhein-Westfalen und ihre Mitgliedschaft im Netzwerk",
            description=(
                "Alle Gebietskörperschaften Nordrhein-Westfalens (Regierungsbezirke, Kreise, "
                "Städteregion, Städte und Gemeinden) mit amtlichem Schlüssel, Art, Kreis, "
                "Einwohnerzahl und der Angabe, ob und seit welchem Jahr sie Mitglied des "
                "Netzwerks sind."
            ),
            keywords=("Kommunen", "Gemeindeverzeichnis", "AGS", "Netzwerk", "Mitglieder"),
            theme="REGI",
            columns=(
                *AUTHORITY_COLUMNS,
                *_district_columns(),
                Column("region", "Regierungsbezirk", T.STRING, "Name des Regierungsbezirks"),
                Column(
                    "population",
                    "Einwohnerzahl",
                    T.INTEGER,
                    "Einwohnerinnen und Einwohner laut "
                    "Gemeindeverzeichnis des Statistischen Bundesamts",
                ),
                Column("is_member", "Mitglied", T.BOOLEAN, "Zurzeit Mitglied des Netzwerks"),
                Column(
                    "member_since",
                    "Mitglied seit (Jahr)",
                    T.INTEGER,
                    "Jahr der Aufnahme der laufenden Mitgliedschaft; leer für Nichtmitglieder",
                ),
                Column("url", "Seite", T.URL, "Seite der Kommune auf dieser Plattform"),
            ),
            rows=authority_rows,
            sources=(
                "Datengrundlage Gebiete und Einwohnerzahlen: Statistisches Bundesamt "
                "(Destatis), Gemeindeverzeichnis GV100AD, dl-de/by-2-0"
            ),
            order=10,
        ),
        OpenDataset(
            slug="mitglieder",
            title="Mitglieder des Netzwerks und ihre Engagementstrukturen",
            description=(
                "Die Mitgliedskommunen des Netzwerks mit Beginn der Mitgliedschaft und den "
                "öffentlichen Angaben ihres Profils: Stabsstelle, Runder Tisch, "
                "Freiwilligenagentur, Teilnahme an der Ehrenamtskarte NRW, Schwerpunktthemen, "
                "Website und Kurzbeschreibung. Ohne Ansprechpersonen."
            ),
            keywords=("Netzwerk", "Mitglieder", "Engagementförderung", "Ehrenamt"),
            theme="GOVE",
            columns=(
                *AUTHORITY_COLUMNS,
                *_district_columns(),
                Column(
                    "member_since",
                    "Mitglied seit",
                    T.STRING,
                    "Beginn der laufenden Mitgliedschaft nach ISO 8601, so genau wie bekannt: "
                    "Tag (2016-09-14), Monat (2016-09) oder nur Jahr (2016)",
                ),
                Column(
                    "member_since_precision",
                    "Genauigkeit des Datums",
                    T.STRING,
                    "day (Tag), month (nur Monat bekannt) oder year (nur Jahr bekannt)",
                ),
                Column("website", "Website", T.URL, "Website der Kommune zum Engagement"),
                Column(
                    "has_staff_unit",
                    "Stabsstelle",
                    T.BOOLEAN,
                    "Stabsstelle für bürgerschaftliches Engagement vorhanden",
                ),
                Column(
                    "has_round_table",
                    "Runder Tisch",
                    T.BOOLEAN,
                    "Runder Tisch Engagement vorhanden",
                ),
                Column(
                    "has_volunteer_agency",
                    "Freiwilligenagentur",
                    T.BOOLEAN,
                    "Freiwilligenagentur oder -zentrum vorhanden",
                ),
                Column(
                    "volunteer_card",
                    "Ehrenamtskarte NRW",
                    T.STRING,
                    "participating (nimmt teil), planned (geplant) oder no (nimmt nicht teil)",
                ),
                Column(
                    "volunteer_card_since",
                    "Ehrenamtskarte seit",
                    T.INTEGER,
                    "Jahr des Beginns",
                ),
                Column("topics", "Schwerpunktthemen", T.STRING, "Themen, durch »; « getrennt"),
                Column(
                    "description",
                    "Engagement in Kürze",
                    T.STRING,
                    "Selbstbeschreibung der Kommune",
                ),
                Column("url", "Seite", T.URL, "Seite der Kommune auf dieser Plattform"),
            ),
            rows=member_rows,
            order=20,
        ),
        OpenDataset(
            slug="erklaerung-unterzeichnende",
            title="Unterzeichnende der gemeinsamen Erklärung",
            description=(
                "Kommunen und Organisationen, die die gemeinsame Erklärung des Netzwerks "
                "unterzeichnet haben, je Unterzeichnungswelle mit Datum, Anlass und Ort. "
                "Ohne Namen der unterzeichnenden Personen."
            ),
            keywords=("Gemeinsame Erklärung", "Bürgerengagement", "Netzwerk"),
            theme="GOVE",
            frequency="IRREG",
            temporal_column="wave_date",
            columns=(
                Column("declaration", "Erklärung", T.STRING, "Titel der Erklärung"),
                Column("version", "Fassung", T.STRING, "Fassung der Erklärung"),
                Column(
                    "wave_date",
                    "Datum der Unterzeichnung",
                    T.DATE,
                    "Tag der Welle; siehe wave_date_precision",
                ),
                Column("wave_year", "Jahr", T.INTEGER, "Jahr der Unterzeichnung"),
                Column(
                    "wave_date_precision",
                    "Genauigkeit des Datums",
                    T.STRING,
                    "day (Tag), month (nur Monat bekannt) oder year (nur Jahr bekannt)",
                ),
                Column("occasion", "Anlass", T.STRING, "Anlass der Unterzeichnung"),
                Column("place", "Ort", T.STRING, "Ort der Unterzeichnung"),
                Column("signatory", "Unterzeichnende", T.STRING, "Kommune oder Organisation"),
                Column("signatory_kind", "Art", T.STRING, "authority (Kommune) oder organisation"),
                Column(
                    "ags",
                    "AGS",
                    T.STRING,
                    "Amtlicher Gemeindeschlüssel, wenn eine Kommune unterzeichnet hat",
                ),
            ),
            rows=signatory_rows,
            order=30,
        ),
    ]
