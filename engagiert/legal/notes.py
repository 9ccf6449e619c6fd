"""The first version of the privacy note of every form that collects personal data.

`{% privacy_note "events.registration" %}` renders the note of that form: the purpose, the
legal basis and how long the data are kept, with a link to the privacy policy (Art. 13 DSGVO:
the person learns this when the data are collected). The notes live in the database
(`NoteVersion`), edited by the office at /rechtstexte/; these texts are their first versions,
created by a `post_migrate` receiver (`reference.notes_seed`) for every key without one. Keys
read "<app label>.<form>"; a form without an entry here cannot render a note (the template tag
fails loudly in tests).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PrivacyNote:
    purpose: str
    legal_basis: str
    retention: str


CONSENT = "Art. 6 Abs. 1 lit. a DSGVO (Einwilligung, jederzeit widerrufbar)"
PUBLIC_TASK = "Art. 6 Abs. 1 lit. e DSGVO (Aufgabe im öffentlichen Interesse: Netzwerkarbeit)"
CONTRACT = "Art. 6 Abs. 1 lit. b DSGVO (Durchführung Ihrer Anfrage oder Anmeldung)"

NOTES: dict[str, PrivacyNote] = {
    "events.registration": PrivacyNote(
        "Anmeldung zur Veranstaltung, Einlass und Nachrichten zur Veranstaltung. Angaben zu "
        "Barrierefreiheit oder Verpflegung sehen nur die Organisierenden; sie können "
        "Gesundheitsdaten sein und werden nur mit Ihrer ausdrücklichen Einwilligung verarbeitet "
        "(Art. 9 Abs. 2 lit. a DSGVO).",
        CONTRACT,
        "Bis ein Jahr nach der Veranstaltung; Angaben zu Bedarfen werden nach der "
        "Veranstaltung gelöscht.",
    ),
    "membership.application": PrivacyNote(
        "Prüfung des Mitgliedsantrags der Kommune und Kontakt zur Ansprechperson.",
        PUBLIC_TASK,
        "Für die Dauer der Mitgliedschaft; abgelehnte Anträge ein Jahr nach der Entscheidung.",
    ),
    "membership.contact": PrivacyNote(
        "Kontaktdaten der Ansprechpersonen einer Mitgliedskommune im Netzwerk; öffentlich "
        "sichtbar sind nur die Angaben, die als öffentlich markiert sind, E-Mail-Adresse und "
        "Telefonnummer nur mit Einwilligung der Person selbst.",
        PUBLIC_TASK,
        "Bis die Person nicht mehr Ansprechperson ist oder die Mitgliedschaft endet.",
    ),
    "membership.leader": PrivacyNote(
        "Name, Amt und Kontaktdaten der Verwaltungsspitze einer Mitgliedskommune: für die "
        "Einladung zum jährlichen Spitzentreffen und die Unterzeichnung der gemeinsamen "
        "Erklärung; die E-Mail-Adresse wird nie veröffentlicht.",
        PUBLIC_TASK,
        "Bis die Person das Amt nicht mehr innehat oder die Mitgliedschaft endet.",
    ),
    "membership.partner": PrivacyNote(
        "Name und Kontaktdaten der Ansprechperson einer Partnerinstitution für die "
        "Zusammenarbeit mit der Netzwerkstelle.",
        PUBLIC_TASK,
        "Bis die Partnerschaft endet.",
    ),
    "contacts.person": PrivacyNote(
        "Kontaktpflege der Netzwerkstelle: Ansprechpersonen der Mitgliedskommunen und "
        "Partnerinstitutionen mit Funktion, Kontaktdaten, Schlagworten, Notizen und "
        "Wiedervorlagen; nur die Netzwerkstelle sieht diese Angaben.",
        PUBLIC_TASK,
        "Solange die Person Ansprechperson ist; nach dem Ausscheiden bleiben Name und Funktion "
        "(Nachfolge), E-Mail und Telefon werden nach zwei Jahren gelöscht; Notizen nach fünf "
        "Jahren.",
    ),
    "knowledge.question": PrivacyNote(
        "Ihre Frage und Ihr Name im kollegialen Austausch der Mitgliedskommunen.",
        PUBLIC_TASK,
        "Solange die Frage im Austausch steht; mit Ihrem Konto werden Ihre Angaben gelöscht "
        "oder anonymisiert.",
    ),
    "knowledge.assistance": PrivacyNote(
        "Weitergabe Ihrer Anfrage und Ihrer Kontaktdaten an die anbietende Kommune.",
        PUBLIC_TASK,
        "Zwei Jahre nach der Anfrage.",
    ),
    "workshop.application": PrivacyNote(
        "Bewerbung der Kommune für die Entwicklungswerkstatt, Auswahl und Begleitung des Teams.",
        PUBLIC_TASK,
        "Bis zum Ende des Durchgangs; nicht ausgewählte Bewerbungen ein Jahr nach der Auswahl.",
    ),
    "volunteercard.application": PrivacyNote(
        "Entscheidung über Ihre Ehrenamtskarte und ihre Ausstellung. Ihre ausgebende Kommune "
        "und die Organisationen, die Sie nennen (nur Ihr Name und das Engagement bei ihnen), "
        "sehen Ihre Angaben.",
        "Art. 6 Abs. 1 lit. a und e DSGVO (Ihre Einwilligung und die Aufgabe der ausgebenden "
        "Kommune)",
        "Ein abgelehnter Antrag wird nach der Frist Ihrer Kommune gelöscht, die Daten einer "
        "Karte nach ihrem Ablauf. Karte und Prüfung zeigen weder Anschrift noch Geburtsdatum.",
    ),
    "volunteercard.staff": PrivacyNote(
        "Zugang der Mitarbeitenden einer Ausgabestelle zur Bearbeitung der Anträge.",
        PUBLIC_TASK,
        "Bis die Rolle entzogen wird; das Konto bleibt, bis die Person es löscht.",
    ),
    "volunteercard.issuer": PrivacyNote(
        "Kontaktadresse der Ausgabestelle für Antragstellende und das Netzwerkbüro; sie steht "
        "in den E-Mails zum Antrag.",
        PUBLIC_TASK,
        "Bis die Kommune keine Karten mehr ausgibt oder eine andere Adresse einträgt.",
    ),
    "volunteercard.partner": PrivacyNote(
        "Registrierung als Akzeptanzstelle und Veröffentlichung der Vorteile und Standorte; "
        "Ihre Kontaktdaten sieht nur die Verwaltung.",
        CONTRACT,
        "Bis zum Ende der Teilnahme als Akzeptanzstelle.",
    ),
    "opportunities.interest": PrivacyNote(
        "Weitergabe Ihres Interesses und Ihrer Kontaktdaten an den Anbieter des "
        "Engagementangebots.",
        CONSENT,
        "Sechs Monate nach Ihrer Nachricht, sofern kein Engagement zustande kommt.",
    ),
    "opportunities.opportunity": PrivacyNote(
        "Veröffentlichung des Engagementangebots mit der Ansprechperson, die Interessierte "
        "erreichen.",
        "Art. 6 Abs. 1 lit. b DSGVO (Veröffentlichung Ihres Angebots)",
        "Bis das Angebot gelöscht wird; beendete Angebote ein Jahr nach ihrem Ende.",
    ),
    "opportunities.shift_signup": PrivacyNote(
        "Eintragung in die Schicht, Nachrichten der Organisierenden und Nachweis Ihrer Stunden.",
        CONTRACT,
        "Ein Jahr nach der Aktion; bestätigte Stunden so lange, wie Sie den Nachweis brauchen.",
    ),
    "opportunities.provider": PrivacyNote(
        "Registrierung der Organisation als Anbieter von Engagementangeboten und Prüfung durch "
        "die Kommune.",
        CONTRACT,
        "Bis die Organisation nicht mehr anbietet.",
    ),
    "opportunities.municipal_contact": PrivacyNote(
        "Benennung der Ansprechperson der Kommune für den Anbieter; der Anbieter sieht Name "
        "und Adresse.",
        PUBLIC_TASK,
        "Bis eine andere Ansprechperson benannt wird oder der Anbieter nicht mehr anbietet.",
    ),
    "opportunities.corporate": PrivacyNote(
        "Vermittlung zwischen Unternehmen und gemeinnützigen Organisationen; Ihre Kontaktdaten "
        "erhält die Gegenseite erst, wenn eine Vermittlung zustande kommt.",
        CONTRACT,
        "Bis zum Ende der Kooperation oder ein Jahr nach der letzten Nachricht.",
    ),
    "mailings.preferences": PrivacyNote(
        "Versand der Info-Mails und Benachrichtigungen des Netzwerks an Ihre Adresse.",
        CONSENT,
        "Bis Sie sich abmelden oder Ihr Konto löschen.",
    ),
    "mailings.newsletter": PrivacyNote(
        "Versand des Newsletters (der öffentlichen Info-Mails) des Netzwerks an Ihre Adresse. "
        "Sie erhalten zuerst eine E-Mail mit einem Bestätigungslink; erst danach senden wir "
        "Ihnen den Newsletter.",
        CONSENT,
        "Bis Sie sich abmelden (Link in jedem Newsletter); nicht bestätigte Anmeldungen "
        "löschen wir nach wenigen Tagen.",
    ),
    "legal.feedback": PrivacyNote(
        "Bearbeitung Ihrer Rückmeldung zur Barrierefreiheit und Antwort an Ihre Adresse.",
        "Art. 6 Abs. 1 lit. c DSGVO in Verbindung mit § 10 BITV NRW (Feedback-Mechanismus)",
        "Zwei Jahre nach der Antwort.",
    ),
}
