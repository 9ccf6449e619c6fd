"""The closed cohort space: workshops, topics and votes, appointments, resources, discussions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagiert.accounts.permissions import is_office
from engagiert.core.forms import saved
from engagiert.core.http import AuthenticatedHttpRequest

from .. import permissions, queries, services
from ..forms import (
    AdoptForm,
    ExpertInputForm,
    PostForm,
    ProposalForm,
    ResourceForm,
    SessionForm,
    SlotForm,
    ThreadForm,
)
from ..models import ConsultationSlot, Thread, TopicProposal
from .common import _render_space, _space


@login_required
def space_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    cohort = _space(request, number)
    form = SessionForm(request.POST or None)
    if (
        request.method == "POST"
        and permissions.can_run_cohort(request.user, cohort)
        and saved(form, lambda: services.session_create(cohort=cohort, **form.cleaned_data))
    ):
        return redirect("workshop:space", number=number)
    return _render_space(
        request,
        cohort,
        "space.html",
        sessions=queries.sessions(cohort),
        teams=queries.teams(cohort),
        form=form,
    )


@login_required
def topics_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    cohort = _space(request, number)
    team = permissions.team_authority(request.user, cohort)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and saved(
        form,
        lambda: services.proposal_create(
            cohort=cohort, user=request.user, authority=team, **form.cleaned_data
        ),
    ):
        return redirect("workshop:topics", number=number)
    return _render_space(
        request,
        cohort,
        "topics.html",
        form=form,
        proposals=queries.proposals(cohort, team),
        votes_used=queries.votes_used(cohort, team),
    )


@login_required
@require_POST
def vote_view(request: AuthenticatedHttpRequest, number: int, pk: int) -> HttpResponse:
    cohort = _space(request, number)
    team = permissions.team_authority(request.user, cohort)
    proposal = get_object_or_404(TopicProposal, pk=pk, cohort=cohort)
    if team is None:
        raise PermissionDenied(_("Only development teams vote."))
    try:
        if request.POST.get("withdraw"):
            services.vote_withdraw(proposal=proposal, authority=team)
        else:
            services.vote_cast(proposal=proposal, authority=team, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("workshop:topics", number=number)


@login_required
def session_view(request: AuthenticatedHttpRequest, number: int, session: int) -> HttpResponse:
    """One workshop: its topics and expert inputs; the organisers add both here."""
    cohort = _space(request, number)
    item = get_object_or_404(queries.sessions(cohort), number=session)
    can_run = permissions.can_run_cohort(request.user, cohort)
    adding_input = request.method == "POST" and "speaker" in request.POST
    form = AdoptForm(
        request.POST if request.method == "POST" and not adding_input else None,
        proposals=queries.proposals(cohort, None),
    )
    input_form = ExpertInputForm(request.POST if adding_input else None)
    if (
        can_run
        and adding_input
        and saved(
            input_form,
            lambda: services.expert_input_add(session=item, **input_form.cleaned_data),
        )
    ):
        return redirect("workshop:session", number=number, session=session)
    if (
        can_run
        and request.method == "POST"
        and not adding_input
        and saved(
            form,
            lambda: services.session_adopt_topics(
                session=item, proposals=list(form.cleaned_data["proposals"])
            ),
        )
    ):
        return redirect("workshop:session", number=number, session=session)
    return _render_space(
        request, cohort, "session.html", session=item, form=form, input_form=input_form
    )


@login_required
def slots_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    cohort = _space(request, number)
    form = SlotForm(request.POST or None)
    if (
        request.method == "POST"
        and permissions.can_run_cohort(request.user, cohort)
        and saved(form, lambda: services.slot_create(cohort=cohort, **form.cleaned_data))
    ):
        return redirect("workshop:slots", number=number)
    return _render_space(request, cohort, "slots.html", slots=queries.slots(cohort), form=form)


@login_required
@require_POST
def slot_action_view(request: AuthenticatedHttpRequest, number: int, pk: int) -> HttpResponse:
    cohort = _space(request, number)
    slot = get_object_or_404(ConsultationSlot, pk=pk, cohort=cohort)
    team = permissions.team_authority(request.user, cohort)
    try:
        if request.POST.get("cancel"):
            if slot.booked_by_id != (team.pk if team else None) and not permissions.can_run_cohort(
                request.user, cohort
            ):
                raise PermissionDenied
            services.slot_cancel(slot=slot)
            messages.success(request, _("The appointment is free again."))
        elif team is not None:
            services.slot_book(slot=slot, authority=team, user=request.user)
            messages.success(request, _("The appointment is booked for your team."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("workshop:slots", number=number)


@login_required
def resources_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    cohort = _space(request, number)
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and saved(
        form,
        lambda: services.resource_add(cohort=cohort, user=request.user, **form.cleaned_data),
    ):
        return redirect("workshop:resources", number=number)
    tag = request.GET.get("tag", "")[:50]
    return _render_space(
        request,
        cohort,
        "resources.html",
        is_office=is_office(request.user),
        form=form,
        tag=tag,
        resources=queries.resources(cohort, tag),
    )


@login_required
@require_POST
def resource_publish_view(request: AuthenticatedHttpRequest, number: int, pk: int) -> HttpResponse:
    cohort = _space(request, number)
    resource = get_object_or_404(cohort.resources, pk=pk)
    if not is_office(request.user):
        raise PermissionDenied(_("The network office releases resources to the knowledge base."))
    try:
        item = services.resource_publish(resource=resource, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workshop:resources", number=number)
    messages.success(request, _("The resource is now in the knowledge base (for members)."))
    return redirect(item)


@login_required
def threads_view(request: AuthenticatedHttpRequest, number: int) -> HttpResponse:
    cohort = _space(request, number)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and saved(
        form, lambda: services.thread_start(cohort=cohort, user=request.user, **form.cleaned_data)
    ):
        return redirect("workshop:threads", number=number)
    return _render_space(
        request, cohort, "threads.html", form=form, threads=queries.threads(cohort)
    )


@login_required
def thread_view(request: AuthenticatedHttpRequest, number: int, pk: int) -> HttpResponse:
    cohort = _space(request, number)
    thread = get_object_or_404(
        Thread.objects.prefetch_related("posts__author"), pk=pk, cohort=cohort
    )
    form = PostForm(request.POST or None)
    if request.method == "POST" and saved(
        form,
        lambda: services.post_add(thread=thread, user=request.user, body=form.cleaned_data["body"]),
    ):
        return redirect("workshop:thread", number=number, pk=pk)
    return _render_space(request, cohort, "thread.html", thread=thread, form=form)
