"""Writes of the yearly self-assessment: questionnaires, answers, indicator values, reminders.

Rules:
- One questionnaire per year; a new one copies last year's sections and questions (or, for the
  first year, the network's standard questionnaire) and is opened for a period.
- A member municipality's engagement officer saves answers as a draft and submits them while
  the questionnaire is open; after the period nothing changes any more.
- A question may be linked to a manual indicator of a fitting unit (yes/no to a yes/no
  indicator, a number to a counted one). On submission its answer becomes the indicator's value
  for the year, recorded as coming from the self-assessment — unless a different value was
  entered by hand: that one stays, and the officer sees the conflict and decides.
- A reminder goes to the officers of every member that has not submitted, at most once in
  `REMINDER_INTERVAL`.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engagiert.core.locking import lock_objects
from engagiert.core.mail import mail_send
from engagiert.core.services import model_create, model_update
from engagiert.registry.models import Authority

from . import assessment_queries, queries
from .assessment_reference import QUESTIONS
from .models import (
    AssessmentAnswer,
    AssessmentQuestion,
    AssessmentReminder,
    AssessmentResponse,
    AssessmentSection,
    Indicator,
    IndicatorValue,
    Questionnaire,
)

#: The least time between two reminders of one questionnaire.
REMINDER_INTERVAL = datetime.timedelta(days=7)

#: An answer: the number (yes/no as 1/0, a scale point, a number) and the free text.
Answer = tuple[Decimal | None, str]


def _check_period(opens_on: datetime.date, closes_on: datetime.date) -> None:
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The end of the period lies before its start.")})


def _copy_questions(questionnaire: Questionnaire, source: Questionnaire | None) -> None:
    if source is not None:
        for section in assessment_queries.sections(source):
            copy = AssessmentSection.objects.create(
                questionnaire=questionnaire, title=section.title, position=section.position
            )
            AssessmentQuestion.objects.bulk_create(
                AssessmentQuestion(
                    section=copy,
                    **{
                        f: getattr(q, f)
                        for f in ("text", "help_text", "kind", "scale_labels", "unit", "position")
                    },
                    indicator=q.indicator,
                )
                for q in section.questions.all()
            )
        return
    manual = {i.key: i for i in Indicator.objects.filter(source=Indicator.Source.MANUAL)}
    for position, (title, rows) in enumerate(QUESTIONS.items(), start=1):
        section = AssessmentSection.objects.create(
            questionnaire=questionnaire, title=title, position=position * 10
        )
        AssessmentQuestion.objects.bulk_create(
            AssessmentQuestion(
                section=section,
                text=text,
                kind=kind,
                help_text=help_text,
                unit=unit,
                scale_labels=labels,
                indicator=manual.get(key),
                position=n * 10,
            )
            for n, (text, kind, help_text, unit, labels, key) in enumerate(rows, start=1)
        )


@transaction.atomic
def questionnaire_create(
    *,
    year: int,
    opens_on: datetime.date,
    closes_on: datetime.date,
    intro: str = "",
    copy_from: Questionnaire | None = None,
) -> Questionnaire:
    """The questionnaire of `year`, with the questions of `copy_from` (or the standard ones)."""
    _check_period(opens_on, closes_on)
    if Questionnaire.objects.filter(year=year).exists():
        raise ValidationError(
            {"year": _("There is a questionnaire for %(year)s already.") % {"year": year}}
        )
    questionnaire = model_create(
        instance=Questionnaire(year=year, opens_on=opens_on, closes_on=closes_on, intro=intro),
        data={},
    )
    _copy_questions(questionnaire, copy_from)
    return questionnaire


def questionnaire_copy_last(*, today: datetime.date) -> Questionnaire:
    """One click: this year's questionnaire as a copy of the latest one, open for two months."""
    latest = assessment_queries.questionnaires().first()
    year = today.year
    return questionnaire_create(
        year=year,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=61),
        intro=latest.intro if latest else "",
        copy_from=latest,
    )


def questionnaire_update(*, questionnaire: Questionnaire, data: dict[str, Any]) -> Questionnaire:
    _check_period(data["opens_on"], data["closes_on"])
    return model_update(
        instance=questionnaire, fields=("opens_on", "closes_on", "intro"), data=data
    )[0]


def _check_link(kind: str, indicator: Indicator | None) -> None:
    if indicator is None:
        return
    if indicator.source != Indicator.Source.MANUAL:
        raise ValidationError({"indicator": _("Only a manual indicator takes answers.")})
    fits = (
        kind == AssessmentQuestion.Kind.YES_NO
        if indicator.unit == Indicator.Unit.YES_NO
        else kind == AssessmentQuestion.Kind.NUMBER
    )
    if not fits:
        raise ValidationError(
            {
                "indicator": _(
                    "A yes/no question fits a yes/no indicator, a number question "
                    "any other unit; a scale or a free text becomes no indicator value."
                )
            }
        )


@transaction.atomic
def question_save(
    *,
    questionnaire: Questionnaire,
    data: dict[str, Any],
    question: AssessmentQuestion | None = None,
) -> AssessmentQuestion:
    """Add or change a question; a new section name adds the section."""
    _check_link(data["kind"], data.get("indicator"))
    section = data.get("section")
    if data.get("new_section"):
        last = questionnaire.sections.order_by("-position").first()
        section = model_create(
            instance=AssessmentSection(
                questionnaire=questionnaire,
                title=data["new_section"],
                position=(last.position if last else 0) + 10,
            ),
            data={},
        )
    if section is None or section.questionnaire_id != questionnaire.pk:
        raise ValidationError({"section": _("Choose a section or name a new one.")})
    fields = ("text", "help_text", "kind", "scale_labels", "unit", "indicator", "position")
    values = {**{f: data.get(f) or "" for f in fields}, "section": section}
    values["indicator"] = data.get("indicator")
    values["position"] = data.get("position") or 100
    if question is None:
        return model_create(instance=AssessmentQuestion(**values), data={})
    return model_update(instance=question, fields=(*fields, "section"), data=values)[0]


def _apply_answer(*, answer: AssessmentAnswer, authority: Authority, year: int, user: Any) -> bool:
    """Turn a linked answer into the indicator value; False when a hand-entered value differs."""
    indicator = answer.question.indicator
    if indicator is None or answer.number is None:
        return True
    row = IndicatorValue.objects.filter(indicator=indicator, authority=authority, year=year).first()
    source_ref = f"self-assessment:{year}"
    if row is None:
        indicator = queries.indicators().get(pk=indicator.pk)
        model_create(
            instance=IndicatorValue(
                indicator=indicator,
                version=queries.version_for(indicator, year),
                authority=authority,
                year=year,
                value=answer.number,
                origin=IndicatorValue.Origin.ASSESSMENT,
                source_ref=source_ref,
                recorded_by=user,
            ),
            data={},
        )
        return True
    if row.value == answer.number:
        return True
    if row.origin != IndicatorValue.Origin.ASSESSMENT:
        return False
    model_update(
        instance=row,
        fields=("value", "recorded_by"),
        data={"value": answer.number, "recorded_by": user},
    )
    return True


def _store_answers(response: AssessmentResponse, answers: dict[AssessmentQuestion, Answer]) -> None:
    existing = assessment_queries.answers_by_question(response)
    for question, (number, text) in answers.items():
        row = existing.get(question.pk)
        if row is None:
            if number is not None or text:
                AssessmentAnswer.objects.create(
                    response=response, question=question, number=number, text=text
                )
        elif row.number != number or row.text != text:
            model_update(
                instance=row,
                fields=("number", "text", "kept_entered_value"),
                data={"number": number, "text": text, "kept_entered_value": False},
            )


@transaction.atomic
def response_save(
    *,
    questionnaire: Questionnaire,
    authority: Authority,
    answers: dict[AssessmentQuestion, Answer],
    submit: bool,
    user: Any = None,
    today: datetime.date | None = None,
) -> list[assessment_queries.Conflict]:
    """Save a municipality's answers (a draft, or submitted); returns the conflicts left."""
    today = today or timezone.localdate()
    if not questionnaire.is_open_on(today):
        raise ValidationError(
            _("The self-assessment %(year)s is open from %(start)s to %(end)s.")
            % {
                "year": questionnaire.year,
                "start": f"{questionnaire.opens_on:%d.%m.%Y}",
                "end": f"{questionnaire.closes_on:%d.%m.%Y}",
            }
        )
    lock_objects([authority])
    response, _created = AssessmentResponse.objects.get_or_create(
        questionnaire=questionnaire, authority=authority
    )
    _store_answers(response, answers)
    if submit:
        model_update(
            instance=response,
            fields=("status", "submitted_at", "submitted_by"),
            data={
                "status": AssessmentResponse.Status.SUBMITTED,
                "submitted_at": timezone.now(),
                "submitted_by": user,
            },
        )
        for answer in response.answers.select_related("question__indicator"):
            _apply_answer(answer=answer, authority=authority, year=questionnaire.year, user=user)
    return assessment_queries.conflicts(response)


@transaction.atomic
def conflict_resolve(
    *, response: AssessmentResponse, question: AssessmentQuestion, take_answer: bool, user: Any
) -> None:
    """The officer's decision: the answer replaces the entered value, or the value stays."""
    conflict = next(
        (c for c in assessment_queries.conflicts(response) if c.answer.question_id == question.pk),
        None,
    )
    if conflict is None:
        raise ValidationError(_("There is no such conflict (any more)."))
    if not take_answer:
        model_update(
            instance=conflict.answer,
            fields=("kept_entered_value",),
            data={"kept_entered_value": True},
        )
        return
    model_update(
        instance=conflict.entered,
        fields=("value", "origin", "source_ref", "recorded_by"),
        data={
            "value": conflict.answer.number,
            "origin": IndicatorValue.Origin.ASSESSMENT,
            "source_ref": f"self-assessment:{response.questionnaire.year}",
            "recorded_by": user,
        },
    )


@transaction.atomic
def reminder_send(*, questionnaire: Questionnaire, user: Any = None) -> AssessmentReminder:
    """Remind the officers of every member that has not submitted (once per interval)."""
    now = timezone.now()
    lock_objects([questionnaire])
    last = questionnaire.reminders.first()
    if last is not None and now - last.sent_at < REMINDER_INTERVAL:
        raise ValidationError(
            _("A reminder went out on %(date)s; the next one is possible from %(next)s.")
            % {
                "date": f"{timezone.localtime(last.sent_at):%d.%m.%Y}",
                "next": f"{timezone.localtime(last.sent_at + REMINDER_INTERVAL):%d.%m.%Y}",
            }
        )
    missing = assessment_queries.progress(questionnaire).missing
    addresses = assessment_queries.officer_addresses(missing)
    if not addresses:
        raise ValidationError(_("Every member municipality has answered; nobody to remind."))
    mail_send(
        to=addresses,
        template="impact/email/assessment_reminder.txt",
        context={"questionnaire": questionnaire},
    )
    return AssessmentReminder.objects.create(
        questionnaire=questionnaire, sent_by=user, recipients=len(addresses)
    )
