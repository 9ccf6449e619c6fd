"""Pages of the yearly self-assessment: the office keeps the questionnaires and follows who has
answered; a member municipality's engagement officer answers for their own municipality."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from engagiert.registry.models import Authority

from . import assessment_queries, assessment_services, permissions
from .assessment_forms import QuestionForm, QuestionnaireForm, ResponseForm
from .models import AssessmentQuestion, AssessmentResponse, Questionnaire
from .viewutils import office_only, run_service


def _back() -> dict[str, str]:
    return {"back_url": reverse("impact:assessment_list"), "back_label": _("Self-assessment")}


@login_required
def assessment_list_view(request: HttpRequest) -> HttpResponse:
    office_only(request)
    rows = [(q, assessment_queries.progress(q)) for q in assessment_queries.questionnaires()]
    this_year = timezone.localdate().year
    context = {"rows": rows, "may_copy": not any(q.year == this_year for q, _p in rows)}
    return render(request, "impact/assessment_list.html", context)


@login_required
def questionnaire_create_view(request: HttpRequest) -> HttpResponse:
    office_only(request)
    form = QuestionnaireForm(request.POST or None)
    if form.is_valid() and run_service(
        form, lambda: assessment_services.questionnaire_create(**form.cleaned_data)
    ):
        messages.success(request, _("The questionnaire has been created."))
        return redirect("impact:questionnaire", year=form.cleaned_data["year"])
    context = {"form": form, "title": _("New self-assessment"), **_back()}
    return render(request, "components/form_page.html", context)


@login_required
@require_POST
def questionnaire_copy_view(request: HttpRequest) -> HttpResponse:
    office_only(request)
    try:
        questionnaire = assessment_services.questionnaire_copy_last(today=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("impact:assessment_list")
    messages.success(
        request, _("Last year's questions have been copied; the questionnaire is open.")
    )
    return redirect("impact:questionnaire", year=questionnaire.year)


@login_required
def questionnaire_view(request: HttpRequest, year: int) -> HttpResponse:
    office_only(request)
    questionnaire = get_object_or_404(Questionnaire, year=year)
    context = {
        "questionnaire": questionnaire,
        "progress": assessment_queries.progress(questionnaire),
        "sections": assessment_queries.sections(questionnaire),
        "last_reminder": questionnaire.reminders.first(),
    }
    return render(request, "impact/questionnaire.html", context)


@login_required
def questionnaire_edit_view(request: HttpRequest, year: int) -> HttpResponse:
    office_only(request)
    questionnaire = get_object_or_404(Questionnaire, year=year)
    form = QuestionnaireForm(
        request.POST or None,
        questionnaire=questionnaire,
        initial={f: getattr(questionnaire, f) for f in ("opens_on", "closes_on", "intro")},
    )
    if form.is_valid() and run_service(
        form,
        lambda: assessment_services.questionnaire_update(
            questionnaire=questionnaire, data=form.cleaned_data
        ),
    ):
        messages.success(request, _("The questionnaire has been saved."))
        return redirect("impact:questionnaire", year=year)
    back = {"back_url": reverse("impact:questionnaire", args=[year]), "back_label": str(year)}
    title = _("Self-assessment %(year)s") % {"year": year}
    return render(request, "components/form_page.html", {"form": form, "title": title, **back})


@login_required
@require_POST
def questionnaire_remind_view(request: HttpRequest, year: int) -> HttpResponse:
    office_only(request)
    questionnaire = get_object_or_404(Questionnaire, year=year)
    try:
        reminder = assessment_services.reminder_send(questionnaire=questionnaire, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "A reminder has gone to %(count)s engagement officer.",
                "A reminder has gone to %(count)s engagement officers.",
                reminder.recipients,
            )
            % {"count": reminder.recipients},
        )
    return redirect("impact:questionnaire", year=year)


@login_required
def questionnaire_results_view(request: HttpRequest, year: int) -> HttpResponse:
    office_only(request)
    questionnaire = get_object_or_404(Questionnaire, year=year)
    context = {
        "questionnaire": questionnaire,
        "progress": assessment_queries.progress(questionnaire),
        "results": assessment_queries.results(questionnaire, with_texts=True),
    }
    return render(request, "impact/assessment_results.html", context)


@login_required
def question_edit_view(request: HttpRequest, year: int, pk: int | None = None) -> HttpResponse:
    office_only(request)
    questionnaire = get_object_or_404(Questionnaire, year=year)
    question = None
    if pk is not None:
        question = get_object_or_404(
            AssessmentQuestion, pk=pk, section__questionnaire=questionnaire
        )
    form = QuestionForm(
        request.POST or None,
        questionnaire=questionnaire,
        initial=QuestionForm.initial_for(question) if question else {},
    )
    if form.is_valid() and run_service(
        form,
        lambda: assessment_services.question_save(
            questionnaire=questionnaire, question=question, data=form.cleaned_data
        ),
    ):
        messages.success(request, _("The question has been saved."))
        return redirect("impact:questionnaire", year=year)
    context = {
        "form": form,
        "title": question.text if question else _("New question"),
        "back_url": reverse("impact:questionnaire", args=[year]),
        "back_label": _("Self-assessment %(year)s") % {"year": year},
    }
    return render(request, "components/form_page.html", context)


def _response_target(request: HttpRequest, ags: str, year: int) -> tuple[Authority, Questionnaire]:
    authority = get_object_or_404(Authority, ags=ags)
    if not permissions.can_view_authority(request.user, authority):
        raise PermissionDenied(_("You see only your own municipality's self-assessment."))
    return authority, get_object_or_404(Questionnaire, year=year)


@login_required
def response_view(request: HttpRequest, ags: str, year: int) -> HttpResponse:
    authority, questionnaire = _response_target(request, ags, year)
    response = assessment_queries.response_for(questionnaire, authority)
    may_answer = permissions.can_enter_values(request.user, authority) and (
        questionnaire.is_open_on(timezone.localdate())
    )
    if request.method == "POST" and not may_answer:
        raise PermissionDenied(_("Only the engagement officer answers, while the period is open."))
    submitting = "submit" in request.POST
    form = ResponseForm(
        request.POST or None,
        sections=assessment_queries.sections(questionnaire),
        submitting=submitting,
        initial=ResponseForm.initial_for(assessment_queries.answers_by_question(response)),
    )
    if form.is_valid() and run_service(
        form,
        lambda: assessment_services.response_save(
            questionnaire=questionnaire,
            authority=authority,
            answers=form.answers(),
            submit=submitting,
            user=request.user,
        ),
    ):
        messages.success(
            request,
            _("Your self-assessment has been submitted. Thank you!")
            if submitting
            else _("Your answers have been saved as a draft."),
        )
        return redirect("impact:response", ags=ags, year=year)
    context = {
        "authority": authority,
        "questionnaire": questionnaire,
        "response": response,
        "form": form,
        "may_answer": may_answer,
        "conflicts": assessment_queries.conflicts(response) if may_answer else [],
    }
    return render(request, "impact/response_form.html", context)


@login_required
@require_POST
def response_conflict_view(
    request: HttpRequest, ags: str, year: int, question: int
) -> HttpResponse:
    authority, questionnaire = _response_target(request, ags, year)
    if not permissions.can_enter_values(request.user, authority):
        raise PermissionDenied(_("Only the municipality's engagement officer enters its values."))
    response = get_object_or_404(
        AssessmentResponse, questionnaire=questionnaire, authority=authority
    )
    asked = get_object_or_404(AssessmentQuestion, pk=question, section__questionnaire=questionnaire)
    take = request.POST.get("entscheidung") == "antwort"
    try:
        assessment_services.conflict_resolve(
            response=response, question=asked, take_answer=take, user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The answer is now the indicator's value.")
            if take
            else _("The value you entered stays."),
        )
    return redirect("impact:response", ags=ags, year=year)
