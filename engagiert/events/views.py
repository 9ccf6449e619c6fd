from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagiert.accounts.permissions import acting_authority, is_office
from engagiert.core import throttle
from engagiert.core.exports import attachment, csv_response, xlsx_response
from engagiert.core.http import HtmxHttpRequest
from engagiert.core.lists import filtered_page

from . import outputs, permissions, queries, services
from .forms import (
    EventFilterForm,
    FeedbackForm,
    RegistrationForm,
    WorkshopChangeForm,
)
from .lookups import event_or_404, managed_event
from .models import CalendarFeed, Event, EventFile, Registration

PAGE_SIZE = 20


def event_list_view(request: HtmxHttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    listing = filtered_page(
        request,
        queries.events(form.filters(), request.user),
        per_page=PAGE_SIZE,
        template="events/event_list.html",
        fragment="events/_event_results.html",
    )
    context: dict[str, Any] = {
        "form": form,
        "can_create": permissions.can_edit_events(request.user),
        **listing.context,
    }
    if request.user.is_authenticated:
        context["mine"] = queries.my_registrations(request.user)
    return render(request, listing.template, context)


def _registration_context(
    request: HttpRequest,
    event: Event,
    form: RegistrationForm | None = None,
    *,
    just_registered: bool = False,
) -> dict[str, Any]:
    """What the registration panel shows; after the public registered, the message and no
    second, empty form (`just_registered`, also after the redirect: `?angemeldet=1`)."""
    registration = queries.registration_of(event, request.user)
    may_register = permissions.can_register(request.user, event)
    just_registered = just_registered or request.GET.get("angemeldet") == "1"
    if form is None and registration is None and may_register and not just_registered:
        form = RegistrationForm(event=event, user=request.user)
    return {
        "event": event,
        "form": form,
        "registration": registration,
        "waiting_position": queries.waiting_position(registration) if registration else None,
        "just_registered": just_registered and registration is None,
        "may_register": may_register,
        "show_online_link": permissions.can_see_online_link(registration),
        "seats_left": None
        if event.capacity is None
        else max(event.capacity - getattr(event, "taken", 0), 0),
    }


def _detail_context(
    request: HttpRequest, event: Event, form: RegistrationForm | None = None
) -> dict[str, Any]:
    context = _registration_context(request, event, form)
    context.update(
        can_manage=permissions.can_manage_event(request.user, event),
        can_edit=permissions.can_edit_events(request.user),
        public_participants=queries.public_participants(event),
    )
    return context


def event_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_or_404(request, pk)
    return render(request, "events/event_detail.html", _detail_context(request, event))


@require_POST
def registration_create_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    event = event_or_404(request, pk)
    form: RegistrationForm | None = RegistrationForm(request.POST, event=event, user=request.user)
    assert form is not None
    registered = False
    if form.is_valid() and _registration_allowed(request, form):
        user = request.user if request.user.is_authenticated else None
        data = dict(form.cleaned_data)
        if user is not None:
            data.update(name=user.get_full_name() or user.email, email=user.email)
            data["authority"] = acting_authority(user)
        try:
            registration = services.registration_create(event=event, user=user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _registration_message(registration))
            if not request.htmx:
                after = "?angemeldet=1#registration" if user is None else ""
                return redirect(event.get_absolute_url() + after)
            event = event_or_404(request, pk)  # with the places just taken
            form, registered = None, True
    if request.htmx:
        context = _registration_context(request, event, form, just_registered=registered)
        return render(request, "events/_registration_response.html", context)
    return render(request, "events/event_detail.html", _detail_context(request, event, form))


def _registration_allowed(request: HtmxHttpRequest, form: RegistrationForm) -> bool:
    """The public may register from one address only so often: each registration sends a mail
    to an address nobody has confirmed yet."""
    if request.user.is_authenticated or throttle.public_form_allowed(
        "event-registration", address=request.client_ip
    ):
        return True
    form.add_error(
        None, _("Too many registrations from your connection. Please try again in a while.")
    )
    return False


def _registration_message(registration: Registration) -> str:
    return {
        Registration.Status.PENDING: _(
            "Almost done: please confirm your registration with the link we have sent to %(email)s."
        ),
        Registration.Status.CONFIRMED: _(
            "You are registered. A confirmation is on its way to %(email)s."
        ),
        Registration.Status.WAITING: _(
            "The event is fully booked; you are on the waiting list "
            "and will be told by e-mail (%(email)s) when a place "
            "frees up."
        ),
    }[Registration.Status(registration.status)] % {"email": registration.email}


def registration_confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the confirmation e-mail (double opt-in); GET shows, POST confirms."""
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    if request.method == "POST":
        try:
            registration = services.registration_confirm(token=token)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _registration_message(registration))
        return redirect("events:registration_manage", token=token)
    return render(request, "events/registration_confirm.html", {"registration": registration})


def registration_manage_view(request: HttpRequest, token: str) -> HttpResponse:
    """A person's own registration by its personal link: state, workshops, cancel, feedback."""
    registration = get_object_or_404(
        Registration.objects.select_related("event").prefetch_related("workshops"), token=token
    )
    feedback_form = None
    if (
        registration.status == Registration.Status.CONFIRMED
        and registration.event.is_past
        and not hasattr(registration, "feedback")
    ):
        feedback_form = FeedbackForm(request.POST or None)
        if request.method == "POST" and feedback_form.is_valid():
            try:
                services.feedback_submit(registration=registration, **feedback_form.cleaned_data)
            except ValidationError as error:
                feedback_form.add_error(None, error)
            else:
                messages.success(request, _("Thank you for your feedback."))
                return redirect(registration)
    workshops_form = None
    if registration.status != Registration.Status.CANCELLED and not registration.event.is_past:
        workshops_form = WorkshopChangeForm(registration=registration)
        if not workshops_form.fields["workshops"].queryset.exists():  # type: ignore[attr-defined]
            workshops_form = None
    context = {
        "registration": registration,
        "event": registration.event,
        "waiting_position": queries.waiting_position(registration),
        "feedback_form": feedback_form,
        "workshops_form": workshops_form,
        "has_certificate": outputs.has_certificate(registration),
    }
    return render(request, "events/registration_manage.html", context)


@require_POST
def registration_workshops_view(request: HttpRequest, token: str) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    form = WorkshopChangeForm(request.POST, registration=registration)
    if form.is_valid():
        try:
            services.registration_workshops_change(
                registration=registration, workshops=form.cleaned_data["workshops"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your workshops are saved."))
    return redirect(registration)


def registration_cancel_view(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks »really cancel?« (works without JavaScript), POST cancels."""
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    if request.method != "POST":
        context = {"registration": registration, "event": registration.event}
        return render(request, "events/registration_cancel.html", context)
    try:
        services.registration_cancel(registration=registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Your registration is cancelled. Thank you for letting us "
                "know – your place goes to the next person waiting."
            ),
        )
    return redirect(registration)


def event_ics_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_or_404(request, pk)
    registration = queries.registration_of(event, request.user)
    links = [event.pk] if permissions.can_see_online_link(registration) else []
    calendar = outputs.ics_calendar([event], name=event.title, online_links_for=links)
    return _ics_response(calendar, f"veranstaltung-{pk}")


def calendar_feed_view(request: HttpRequest, token: str) -> HttpResponse:
    """A person's secret calendar address: the events they are registered for."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    registrations = list(queries.my_registrations(feed.user))
    links = {r.event_id for r in registrations if permissions.can_see_online_link(r)}
    calendar = outputs.ics_calendar(
        [r.event for r in registrations], name=_("My network events"), online_links_for=links
    )
    return _ics_response(calendar, "meine")


def _ics_response(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    return attachment(response, f"{name}.ics")


@login_required
def my_events_view(request: HttpRequest) -> HttpResponse:
    feed = services.calendar_feed_for(user=request.user)  # type: ignore[arg-type]
    context = {
        "registrations": queries.my_registrations(request.user),
        "feed_url": request.build_absolute_uri(reverse("events:calendar_feed", args=[feed.token])),
    }
    return render(request, "events/my_events.html", context)


@login_required
@require_POST
def calendar_feed_renew_view(request: HttpRequest) -> HttpResponse:
    services.calendar_feed_renew(user=request.user)  # type: ignore[arg-type]
    messages.success(request, _("Your calendar has a new address; the old one no longer works."))
    return redirect("events:my_events")


@login_required
def event_manage_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisers' page: figures, participants with check-in and their answers, the
    waiting list (the office moves people up), invitations, feedback."""
    event = managed_event(request, pk)
    questions = list(event.questions.all())
    context = {
        "event": event,
        "can_edit": permissions.can_edit_events(request.user),
        "questions": questions,
        "attendance": queries.attendance(event),
        "participants": [
            (p, outputs.answers_of(p, questions)) for p in queries.participants(event)
        ],
        "invitees": queries.invitees(event),
        "office": is_office(request.user),
        "feedback": queries.feedback_summary(event),
    }
    return render(request, "events/event_manage.html", context)


@login_required
@require_POST
def check_in_toggle_view(request: HtmxHttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    event = managed_event(request, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, event=event)
    try:
        services.registration_check_in(
            registration=registration, present=registration.checked_in_at is None
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if request.htmx:
        return render(request, "events/_check_in_cell.html", {"event": event, "p": registration})
    return redirect("events:event_manage", pk=pk)


@login_required
def check_in_scan_view(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Where a badge's QR code leads: the organisers confirm the person at the door."""
    event = managed_event(request, pk)
    registration = get_object_or_404(Registration, event=event, check_in_code=code)
    if request.method == "POST":
        try:
            services.registration_check_in(registration=registration)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
        return redirect("events:check_in_scan", pk=pk, code=code)
    return render(request, "events/check_in.html", {"event": event, "registration": registration})


@login_required
def participants_export_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    event = managed_event(request, pk)
    people = list(queries.participants(event).filter(status=Registration.Status.CONFIRMED))
    questions = list(event.questions.all())
    if fmt == "csv":
        return csv_response(
            outputs.participant_rows(people, questions), filename=f"teilnehmende-{pk}.csv"
        )
    if fmt == "xlsx":
        return xlsx_response(
            outputs.participant_rows(people, questions),
            filename=f"teilnehmende-{pk}.xlsx",
            sheet_title=_("Participants"),
        )
    if fmt == "liste.pdf":
        response = HttpResponse(
            outputs.participants_pdf(event, people), content_type="application/pdf"
        )
        name = f"teilnehmendenliste-{pk}.pdf"
    elif fmt == "namensschilder.pdf":
        pdf = outputs.badges_pdf(
            event,
            people,
            lambda r: request.build_absolute_uri(
                reverse("events:check_in_scan", args=[pk, r.check_in_code])
            ),
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"namensschilder-{pk}.pdf"
    elif fmt == "bescheinigungen.pdf" and event.is_past:
        pdf = outputs.certificates_pdf(event, queries.attended(event).prefetch_related("workshops"))
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"teilnahmebescheinigungen-{pk}.pdf"
    else:
        raise Http404
    return attachment(response, name)


def event_file_view(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    """A documentation file; non-public ones only for the organisers."""
    event = event_or_404(request, pk)
    document = get_object_or_404(EventFile, pk=file_pk, event=event)
    if not document.is_public and not permissions.can_manage_event(request.user, event):
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        as_attachment=False,
        filename=(document.file.name or "").rsplit("/", 1)[-1],
    )
