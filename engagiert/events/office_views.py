"""The network office's own pages of an event: the event itself, a copy, the programme, the
registration questions, invitations, a message to the participants, promotion from the waiting
list, certificates and the documentation."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from engagiert.accounts.permissions import is_office
from engagiert.audiences.queries import recipients_to_mail
from engagiert.core.exports import attachment
from engagiert.core.forms import add_service_error, saved
from engagiert.core.http import HtmxHttpRequest

from . import office_services, outputs, permissions, queries, services
from .forms import (
    AgendaItemForm,
    EventCopyForm,
    EventFileChangeForm,
    EventFileForm,
    EventForm,
    InviteForm,
    ParticipantsMessageForm,
    QuestionForm,
    ResultForm,
)
from .lookups import event_or_404, managed_event
from .models import AgendaItem, Event, EventFile, Question, Registration, Result


def _office_event(request: HttpRequest, pk: int) -> Event:
    event = event_or_404(request, pk)
    if not permissions.can_edit_events(request.user):
        raise PermissionDenied(_("Events are managed by the network office."))
    return event


@login_required
def event_create_view(request: HttpRequest) -> HttpResponse:
    if not permissions.can_edit_events(request.user):
        raise PermissionDenied(_("Events are managed by the network office."))
    return _event_form(request, Event(), _("New event"))


@login_required
def event_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = _office_event(request, pk)
    return _event_form(request, event, _("Edit event"))


def _event_form(request: HttpRequest, event: Event, title: str) -> HttpResponse:
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.event_save(
                event=form.instance,
                topics=form.cleaned_data["topics"],
                organisers=form.cleaned_data["organisers"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:event_edit", pk=saved.pk)
    context = {"form": form, "event": event if event.pk else None, "title": title}
    return render(request, "events/event_form.html", context)


@login_required
@require_POST
def event_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = _office_event(request, pk)
    try:
        office_services.event_publish(event=event)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The event is published: it is in the calendar and open for registration.")
        )
    return redirect("events:event_edit", pk=pk)


@login_required
def event_copy_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Copy an event to a new date (the next congress, the next network meeting)."""
    event = _office_event(request, pk)
    form = EventCopyForm(request.POST or None, initial={"starts_at": next_date(event)})
    if request.method == "POST" and form.is_valid():
        try:
            copy = office_services.event_copy(event=event, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The copy is saved as a draft. Check it, then publish it."),
            )
            return redirect("events:event_edit", pk=copy.pk)
    context = {
        "form": form,
        "title": _("Copy the event"),
        "intro": _(
            "The copy gets the programme and the registration questions, moved to the new date; "
            "registrations, invitations and documentation stay with this event."
        ),
        "back_url": reverse("events:event_edit", args=[pk]),
        "back_label": event.title,
        "submit_label": _("Make the copy"),
    }
    return render(request, "events/office_form.html", context)


def next_date(event: Event) -> datetime.datetime:
    """The suggested date of a copy: the congress every two years, the top meeting every
    year, the network meeting and everything else half a year later."""
    months = {Event.Kind.CONGRESS: 24, Event.Kind.TOP_MEETING: 12}.get(event.kind, 6)  # type: ignore[call-overload]
    start = timezone.localtime(event.starts_at)
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return start.replace(year=year, month=month, day=min(start.day, 28))


def _programme_context(
    event: Event,
    form: AgendaItemForm | None = None,
    note: str = "",
    error: str = "",
    last: AgendaItem | None = None,
) -> dict[str, Any]:
    """The editor; a new item starts where the last one added did (the next parallel
    workshop needs only its title, room and moderation)."""
    if form is None:
        like = last or AgendaItem(starts_at=event.starts_at, ends_at=event.starts_at)
        form = AgendaItemForm(
            initial={
                "kind": like.kind,
                "starts_at": timezone.localtime(like.starts_at),
                "ends_at": timezone.localtime(like.ends_at),
                "capacity": like.capacity,
            },
            instance=AgendaItem(event=event),
        )
    return {
        "event": event,
        "slots": queries.programme(event),
        "form": form,
        "note": note,
        "error": error,
    }


def _programme_response(request: HtmxHttpRequest, event: Event, **context: Any) -> HttpResponse:
    """After an action on the programme: the editor again (HTMX) or the page with a message."""
    if request.htmx:
        return render(
            request, "events/_programme_editor.html", _programme_context(event, **context)
        )
    if context.get("note"):
        messages.success(request, context["note"])
    if context.get("error"):
        messages.error(request, context["error"])
    return redirect("events:programme", pk=event.pk)


@login_required
def programme_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The programme editor: time slots with plenary items and parallel workshops; adding an
    item; moving, changing and removing each."""
    event = _office_event(request, pk)
    if request.method == "POST":
        form = AgendaItemForm(request.POST, instance=AgendaItem(event=event))
        if form.is_valid():
            try:
                item = office_services.programme_item_save(item=form.instance)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                note = _("»%(title)s« is added to the programme.") % {"title": item.title}
                return _programme_response(request, event, note=note, last=item)
        if request.htmx:
            return render(request, "events/_programme_editor.html", _programme_context(event, form))
        return render(request, "events/programme.html", _programme_context(event, form))
    return render(request, "events/programme.html", _programme_context(event))


def _programme_item(request: HttpRequest, pk: int, item_pk: int) -> tuple[Event, AgendaItem]:
    event = _office_event(request, pk)
    return event, get_object_or_404(AgendaItem, pk=item_pk, event=event)


@login_required
def programme_item_edit_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    event, item = _programme_item(request, pk, item_pk)
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and saved(
        form, lambda: office_services.programme_item_save(item=form.instance)
    ):
        messages.success(request, _("»%(title)s« is saved.") % {"title": item.title})
        return redirect("events:programme", pk=pk)
    context = {
        "form": form,
        "title": _("Change a programme item"),
        "back_url": reverse("events:programme", args=[pk]),
        "back_label": _("Programme of »%(title)s«") % {"title": event.title},
    }
    return render(request, "events/office_form.html", context)


@login_required
@require_POST
def programme_item_delete_view(request: HtmxHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    event, item = _programme_item(request, pk, item_pk)
    try:
        office_services.programme_item_delete(item=item)
    except ValidationError as error:
        return _programme_response(request, event, error=" ".join(error.messages))
    note = _("»%(title)s« is removed from the programme.") % {"title": item.title}
    return _programme_response(request, event, note=note)


@login_required
@require_POST
def programme_item_move_view(request: HtmxHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    event, item = _programme_item(request, pk, item_pk)
    up = request.POST.get("richtung") != "runter"
    try:
        office_services.programme_item_move(item=item, up=up)
    except ValidationError as error:
        return _programme_response(request, event, error=" ".join(error.messages))
    note = (_("»%(title)s« moved up.") if up else _("»%(title)s« moved down.")) % {
        "title": item.title
    }
    return _programme_response(request, event, note=note)


@login_required
def questions_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The event's own registration questions: the list and a new one."""
    event = _office_event(request, pk)
    form = QuestionForm(request.POST or None, instance=Question(event=event))
    if request.method == "POST" and saved(
        form, lambda: office_services.question_save(question=form.instance)
    ):
        messages.success(request, _("The question is added to the registration form."))
        return redirect("events:questions", pk=pk)
    context = {"event": event, "form": form, "questions": event.questions.all()}
    return render(request, "events/questions.html", context)


@login_required
def question_edit_view(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    event = _office_event(request, pk)
    question = get_object_or_404(Question, pk=question_pk, event=event)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and saved(
        form, lambda: office_services.question_update(question=question, data=form.cleaned_data)
    ):
        messages.success(request, _("The question is saved."))
        return redirect("events:questions", pk=pk)
    context = {
        "form": form,
        "title": _("Change a registration question"),
        "back_url": reverse("events:questions", args=[pk]),
        "back_label": _("Registration questions of »%(title)s«") % {"title": event.title},
    }
    return render(request, "events/office_form.html", context)


@login_required
@require_POST
def question_delete_view(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    event = _office_event(request, pk)
    question = get_object_or_404(Question, pk=question_pk, event=event)
    try:
        office_services.question_delete(question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The question is removed."))
    return redirect("events:questions", pk=pk)


@login_required
def invite_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite a segment in two steps: choose it and see how many it reaches, then confirm
    that number for that segment (when the segment or its number has changed meanwhile, the new
    number is asked again)."""
    event = _office_event(request, pk)
    form = InviteForm(request.POST or None)
    count = None
    if request.method == "POST" and form.is_valid():
        segment = form.cleaned_data["segment"]
        count = len(recipients_to_mail(segment))
        if request.POST.get("bestaetigt") == f"{segment.pk}:{count}":
            try:
                invitation = services.invitation_send(
                    event=event,
                    user=request.user,  # type: ignore[arg-type]
                    segment=segment,
                )
            except ValidationError as error:
                add_service_error(form, error)
                count = None
            else:
                invited = invitation.invitees.count()
                messages.success(
                    request,
                    ngettext(
                        "The invitation goes to %(count)d address.",
                        "The invitation goes to %(count)d addresses.",
                        invited,
                    )
                    % {"count": invited},
                )
                return redirect("events:event_manage", pk=pk)
    context = {"event": event, "form": form, "count": count}
    return render(request, "events/invite.html", context)


@login_required
def participants_message_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = _office_event(request, pk)
    form = ParticipantsMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = office_services.participants_message(
                event=event, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The message goes to %(count)d participant.",
                    "The message goes to %(count)d participants.",
                    count,
                )
                % {"count": count},
            )
            return redirect("events:event_manage", pk=pk)
    confirmed = queries.attendance(event)
    context = {"event": event, "form": form, "attendance": confirmed}
    return render(request, "events/participants_message.html", context)


@login_required
@require_POST
def registration_promote_view(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    event = _office_event(request, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, event=event)
    try:
        services.registration_promote(registration=registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s has a place now and is told by e-mail.") % {"name": registration.name},
        )
    return redirect("events:event_manage", pk=pk)


def certificate_view(request: HttpRequest, token: str) -> HttpResponse:
    """A participant's attendance certificate, by the personal link, once the event is over."""
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    if not outputs.has_certificate(registration):
        raise Http404(_("There is a certificate only after the event, for those present."))
    pdf = outputs.certificates_pdf(registration.event, [registration])
    response = HttpResponse(pdf, content_type="application/pdf")
    return attachment(response, f"teilnahmebescheinigung-{registration.event_id}.pdf")


@login_required
def documentation_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Documentation after the event: results (of the event or a workshop), files, photos."""
    event = _office_event(request, pk)
    part = request.POST.get("part")
    # Two forms on one page: their fields' ids apart (both have a title).
    result_form = ResultForm(
        request.POST if part == "result" else None, event=event, auto_id="result_%s"
    )
    file_form = EventFileForm(
        request.POST if part == "file" else None,
        request.FILES if part == "file" else None,
        auto_id="file_%s",
    )
    if part == "result" and saved(
        result_form, lambda: office_services.result_save(result=result_form.instance)
    ):
        messages.success(request, _("The result is added."))
        return redirect("events:documentation", pk=pk)
    if part == "file" and saved(
        file_form, lambda: office_services.event_file_add(event=event, **file_form.cleaned_data)
    ):
        messages.success(request, _("The file is added."))
        return redirect("events:documentation", pk=pk)
    context = {
        "event": event,
        "result_form": result_form,
        "file_form": file_form,
        "part": part,
        "results": event.results.all(),
        "files": event.files.all(),
    }
    return render(request, "events/documentation.html", context)


def _documentation_back(event: Event) -> dict[str, str]:
    return {
        "back_url": reverse("events:documentation", args=[event.pk]),
        "back_label": _("Documentation of »%(title)s«") % {"title": event.title},
    }


@login_required
def result_edit_view(request: HttpRequest, pk: int, result_pk: int) -> HttpResponse:
    event = _office_event(request, pk)
    result = get_object_or_404(Result, pk=result_pk, event=event)
    form = ResultForm(request.POST or None, instance=result, event=event)
    if request.method == "POST" and saved(
        form, lambda: office_services.result_update(result=result, data=form.cleaned_data)
    ):
        messages.success(request, _("»%(title)s« is saved.") % {"title": result.title})
        return redirect("events:documentation", pk=pk)
    context = {"form": form, "title": _("Change a result"), **_documentation_back(event)}
    return render(request, "events/office_form.html", context)


@login_required
def event_file_edit_view(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    event = _office_event(request, pk)
    document = get_object_or_404(EventFile, pk=file_pk, event=event)
    initial = {"title": document.title, "credit": document.credit, "is_public": document.is_public}
    form = EventFileChangeForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and saved(
        form, lambda: office_services.event_file_update(document=document, **form.cleaned_data)
    ):
        messages.success(request, _("»%(title)s« is saved.") % {"title": document.title})
        return redirect("events:documentation", pk=pk)
    context = {
        "form": form,
        "title": _("Change a file"),
        "intro": _("Now: %(name)s") % {"name": (document.file.name or "").rsplit("/", 1)[-1]},
        "multipart": True,
        **_documentation_back(event),
    }
    return render(request, "events/office_form.html", context)


@login_required
@require_POST
def result_delete_view(request: HttpRequest, pk: int, result_pk: int) -> HttpResponse:
    event = _office_event(request, pk)
    result = get_object_or_404(Result, pk=result_pk, event=event)
    office_services.result_delete(result=result)
    messages.success(request, _("»%(title)s« is removed.") % {"title": result.title})
    return redirect("events:documentation", pk=pk)


@login_required
@require_POST
def event_file_delete_view(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    event = _office_event(request, pk)
    document = get_object_or_404(EventFile, pk=file_pk, event=event)
    office_services.event_file_delete(document=document)
    messages.success(request, _("»%(title)s« is removed.") % {"title": document.title})
    return redirect("events:documentation", pk=pk)


@login_required
@require_POST
def event_segment_view(request: HttpRequest, pk: int) -> HttpResponse:
    """»Write to the participants«: the event's confirmed participants become an audience, and
    the office writes an info-mail to it."""
    event = managed_event(request, pk)
    if not is_office(request.user):
        raise PermissionDenied(_("Only the network office writes info-mails."))
    segment = services.event_segment(event=event)
    return redirect(reverse("mailings:mailing_create") + f"?zielgruppe={segment.pk}")
