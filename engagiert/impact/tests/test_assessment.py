import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from engagiert.accounts.models import Role
from engagiert.membership.tests.factories import MembershipFactory

from .. import assessment_queries, assessment_services, services
from ..models import (
    AssessmentQuestion,
    AssessmentReminder,
    AssessmentResponse,
    Indicator,
    IndicatorValue,
    Questionnaire,
)
from .conftest import user_with

TODAY = timezone.localdate()
YEAR = TODAY.year


@pytest.fixture
def questionnaire(db):
    """This year's questionnaire with the standard questions, open now."""
    return assessment_services.questionnaire_create(
        year=YEAR,
        opens_on=TODAY - datetime.timedelta(days=10),
        closes_on=TODAY + datetime.timedelta(days=30),
    )


def _question(questionnaire, text):
    return AssessmentQuestion.objects.get(section__questionnaire=questionnaire, text=text)


AGENCY = "Gibt es eine Freiwilligenagentur?"
STAFF = "Wie viele Stellenanteile hat die Verwaltung für Engagementförderung?"


def _full_answers(questionnaire, *, agency="1", staff="1,5"):
    data = {}
    for question in assessment_queries.questions(questionnaire):
        value = {"yes_no": "1", "scale": "4", "number": "2", "text": "Ein Dankesabend."}
        data[f"q{question.pk}"] = value[question.kind]
    data[f"q{_question(questionnaire, AGENCY).pk}"] = agency
    data[f"q{_question(questionnaire, STAFF).pk}"] = staff
    return data


def _url(member, questionnaire):
    return reverse("impact:response", args=[member.ags, questionnaire.year])


def test_standard_questionnaire_has_the_three_sections_and_linked_questions(questionnaire):
    sections = assessment_queries.sections(questionnaire)

    assert [s.title for s in sections] == [
        "Strukturen",
        "Engagementförderung als Querschnittsaufgabe",
        "Anerkennungskultur",
    ]
    assert _question(questionnaire, AGENCY).indicator.key == "volunteer-agency"


def test_officer_saves_a_draft_then_submits_and_answers_become_indicator_values(
    client, member, officer, questionnaire
):
    client.force_login(officer)
    page = client.get(_url(member, questionnaire))
    assert "Gibt es eine Anlaufstelle für Engagement" in page.content.decode()

    client.post(_url(member, questionnaire), {"draft": "", **_full_answers(questionnaire)})
    response = AssessmentResponse.objects.get(authority=member)
    assert response.status == "draft"
    assert not IndicatorValue.objects.filter(authority=member).exists()

    page = client.post(
        _url(member, questionnaire), {"submit": "", **_full_answers(questionnaire)}, follow=True
    )

    assert "Ihre Selbstauskunft wurde eingereicht" in page.content.decode()
    response.refresh_from_db()
    assert response.status == "submitted"
    values = {
        v.indicator.key: v for v in IndicatorValue.objects.filter(authority=member, year=YEAR)
    }
    assert values["volunteer-agency"].value == 1
    assert values["staff-fte"].value == Decimal("1.5")
    assert values["staff-fte"].origin == IndicatorValue.Origin.ASSESSMENT


def test_submitting_requires_every_question_but_free_text_with_a_german_message(
    client, member, officer, questionnaire
):
    client.force_login(officer)
    data = _full_answers(questionnaire)
    data[f"q{_question(questionnaire, AGENCY).pk}"] = ""
    data[f"q{_question(questionnaire, STAFF).pk}"] = "viel"

    page = client.post(_url(member, questionnaire), {"submit": "", **data})

    text = page.content.decode()
    assert page.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben" in text  # the error summary
    assert "Bitte beantworten Sie diese Frage." in text
    assert "Bitte eine Zahl eingeben." in text
    assert not AssessmentResponse.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_municipalitys_officer_is_refused(client, member, questionnaire, method):
    other = MembershipFactory().authority
    stranger = user_with(Role.OFFICER, authority=other)
    client.force_login(stranger)

    page = getattr(client, method)(_url(member, questionnaire), _full_answers(questionnaire))

    assert page.status_code == 403
    assert not AssessmentResponse.objects.exists()


def test_a_leader_sees_the_answers_but_cannot_submit(client, member, questionnaire):
    leader = user_with(Role.LEADER, authority=member)
    client.force_login(leader)

    assert client.get(_url(member, questionnaire)).status_code == 200
    assert client.post(_url(member, questionnaire), {"submit": ""}).status_code == 403


def test_conflict_with_a_hand_entered_value_is_shown_and_never_overwritten(
    client, member, officer, questionnaire
):
    staff = Indicator.objects.get(key="staff-fte")
    services.values_enter(authority=member, year=YEAR, values={staff: Decimal("2.0")})
    client.force_login(officer)

    page = client.post(
        _url(member, questionnaire), {"submit": "", **_full_answers(questionnaire)}, follow=True
    )

    assert IndicatorValue.objects.get(indicator=staff, authority=member).value == Decimal("2.0")
    text = page.content.decode()
    assert "von den eingetragenen Werten abweichen" in text
    question = _question(questionnaire, STAFF)
    conflict_url = reverse("impact:response_conflict", args=[member.ags, YEAR, question.pk])

    client.post(conflict_url, {"entscheidung": "antwort"})

    value = IndicatorValue.objects.get(indicator=staff, authority=member)
    assert value.value == Decimal("1.5")
    assert value.origin == IndicatorValue.Origin.ASSESSMENT
    assert assessment_queries.conflicts(AssessmentResponse.objects.get()) == []


def test_keeping_the_entered_value_ends_the_conflict(member, officer, questionnaire):
    staff = Indicator.objects.get(key="staff-fte")
    services.values_enter(authority=member, year=YEAR, values={staff: Decimal("2.0")})
    question = _question(questionnaire, STAFF)
    conflicts = assessment_services.response_save(
        questionnaire=questionnaire,
        authority=member,
        answers={question: (Decimal("1.5"), "")},
        submit=True,
    )
    assert [c.entered.value for c in conflicts] == [Decimal("2.0")]

    response = AssessmentResponse.objects.get()
    assessment_services.conflict_resolve(
        response=response, question=question, take_answer=False, user=officer
    )

    assert assessment_queries.conflicts(response) == []
    assert IndicatorValue.objects.get(indicator=staff, authority=member).value == Decimal("2.0")


def test_a_resubmitted_answer_updates_its_own_value_and_a_hand_edit_becomes_manual(
    member, questionnaire
):
    question = _question(questionnaire, STAFF)
    staff = Indicator.objects.get(key="staff-fte")
    for answer in ("1.5", "2.5"):
        assessment_services.response_save(
            questionnaire=questionnaire,
            authority=member,
            answers={question: (Decimal(answer), "")},
            submit=True,
        )
    value = IndicatorValue.objects.get(indicator=staff, authority=member)
    assert value.value == Decimal("2.5")

    services.values_enter(authority=member, year=YEAR, values={staff: Decimal("3.0")})

    value.refresh_from_db()
    assert (value.origin, value.source_ref) == (IndicatorValue.Origin.MANUAL, "")


def test_answers_are_refused_outside_the_period(member, questionnaire):
    with pytest.raises(ValidationError, match="geöffnet vom"):
        assessment_services.response_save(
            questionnaire=questionnaire,
            authority=member,
            answers={},
            submit=False,
            today=questionnaire.closes_on + datetime.timedelta(days=1),
        )


def test_progress_counts_submitted_members_only(member, questionnaire):
    MembershipFactory.create_batch(2)
    assessment_services.response_save(
        questionnaire=questionnaire, authority=member, answers={}, submit=True
    )

    progress = assessment_queries.progress(questionnaire)

    assert (progress.submitted, progress.total, progress.drafts) == (1, 3, 0)
    assert member not in progress.missing


def test_office_sees_progress_n_of_m(client, office, member, questionnaire):
    MembershipFactory.create_batch(3)
    assessment_services.response_save(
        questionnaire=questionnaire, authority=member, answers={}, submit=True
    )
    client.force_login(office)

    page = client.get(reverse("impact:questionnaire", args=[YEAR]))

    assert "1 von 4 Mitgliedern hat eingereicht" in page.content.decode()


def test_reminder_goes_to_missing_officers_once_per_interval(
    member, officer, questionnaire, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    answered = MembershipFactory().authority
    user_with(Role.OFFICER, authority=answered)
    assessment_services.response_save(
        questionnaire=questionnaire, authority=answered, answers={}, submit=True
    )

    with django_capture_on_commit_callbacks(execute=True):
        reminder = assessment_services.reminder_send(questionnaire=questionnaire)

    assert reminder.recipients == 1
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert "Selbstauskunft" in mail.outbox[0].subject
    with pytest.raises(ValidationError, match="Erinnerung"):
        assessment_services.reminder_send(questionnaire=questionnaire)
    assert AssessmentReminder.objects.count() == 1

    AssessmentReminder.objects.update(sent_at=timezone.now() - datetime.timedelta(days=8))
    assessment_services.reminder_send(questionnaire=questionnaire)
    assert AssessmentReminder.objects.count() == 2


def test_results_aggregate_submitted_answers_and_keep_free_texts_to_the_office(
    client, office, member, questionnaire
):
    scale = _question(questionnaire, "Engagierte werden in unserer Kommune sichtbar gewürdigt.")
    text = _question(questionnaire, "Was hat sich in diesem Jahr bei der Anerkennung bewährt?")
    others = [MembershipFactory().authority for _ in range(2)]
    for authority, point in zip([member, *others], ("2", "4", "5"), strict=True):
        assessment_services.response_save(
            questionnaire=questionnaire,
            authority=authority,
            answers={scale: (Decimal(point), ""), text: (None, f"Ehrung in {authority.name}")},
            submit=True,
        )

    results = {
        r.question.pk: r for r in assessment_queries.results(questionnaire, with_texts=False)
    }

    assert results[scale.pk].median == 4
    assert results[scale.pk].counts[3] == ("4 trifft eher zu", 1)
    assert results[text.pk].count == 3
    assert results[text.pk].texts == []
    client.force_login(office)
    page = client.get(reverse("impact:questionnaire_results", args=[YEAR]))
    assert f"Ehrung in {member.name}" in page.content.decode()


def test_copy_last_year_in_one_click(client, office, db):
    assessment_services.questionnaire_create(
        year=YEAR - 1,
        opens_on=datetime.date(YEAR - 1, 3, 1),
        closes_on=datetime.date(YEAR - 1, 4, 30),
    )
    client.force_login(office)

    client.post(reverse("impact:questionnaire_copy"))

    copy = Questionnaire.objects.get(year=YEAR)
    assert len(assessment_queries.questions(copy)) == 7
    assert copy.is_open_on(TODAY)


def test_a_scale_question_cannot_feed_an_indicator(questionnaire):
    with pytest.raises(ValidationError):
        assessment_services.question_save(
            questionnaire=questionnaire,
            data={
                "section": questionnaire.sections.first(),
                "text": "Wie zufrieden?",
                "kind": "scale",
                "indicator": Indicator.objects.get(key="staff-fte"),
            },
        )


def test_office_adds_a_question_in_a_new_section(client, office, questionnaire):
    client.force_login(office)

    client.post(
        reverse("impact:question_create", args=[YEAR]),
        {
            "new_section": "Digitales Engagement",
            "text": "Wie viele Vereine nutzen die Plattform?",
            "kind": "number",
            "unit": "Vereine",
            "position": "10",
        },
    )

    question = AssessmentQuestion.objects.get(text="Wie viele Vereine nutzen die Plattform?")
    assert question.section.title == "Digitales Engagement"
