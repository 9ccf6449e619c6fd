from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from engagiert.accounts.permissions import is_office
from engagiert.audiences import queries as audience_queries
from engagiert.audiences import services as audience_services
from engagiert.audiences.models import Segment
from engagiert.core import queries as core_queries
from engagiert.core import throttle
from engagiert.core.extensions import Recipient
from engagiert.core.http import AuthenticatedHttpRequest, ClientHttpRequest
from engagiert.core.outbox import outbox_retry

from . import digest, queries, rendering, services
from .forms import (
    DirectorySegmentForm,
    MailingForm,
    NewsletterForm,
    PreferencesForm,
    ReleaseForm,
)
from .models import Mailing

#: Failed mails listed on the outbox page (the newest; the button resends all of them).
OUTBOX_FAILED_SHOWN = 200


def _office_only(request: AuthenticatedHttpRequest) -> None:
    if not is_office(request.user):
        raise PermissionDenied(_("Only the network office writes info-mails."))


@login_required
def mailing_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The office sees every info-mail; everyone else the archive of those meant for them."""
    context = {
        "mailings": queries.readable_mailings(request.user),
        "office": is_office(request.user),
    }
    return render(request, "mailings/mailing_list.html", context)


def _initial(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    """A new info-mail's starting values from the address: `?zielgruppe=<pk>` chooses the
    audience (the directory's and an event's »write an info-mail« lead here), `subject` and
    `body` fill the text (»In Infomail übernehmen« of a news article)."""
    initial: dict[str, Any] = {
        key: request.GET[key] for key in ("subject", "body") if key in request.GET
    }
    segment = request.GET.get("zielgruppe", "")
    if segment.isdecimal():
        initial["segment"] = int(segment)
    return initial


@login_required
def mailing_form_view(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    _office_only(request)
    mailing = get_object_or_404(Mailing, pk=pk, released_at__isnull=True) if pk else None
    initial = _initial(request) if mailing is None else {}
    form = MailingForm(request.POST or None, instance=mailing, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = (
                services.mailing_update(mailing=mailing, data=form.cleaned_data)
                if mailing is not None
                else services.mailing_create(user=request.user, **form.cleaned_data)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The draft is saved. Check the preview, then send it."))
            return redirect(saved)
    title = _("Edit info-mail") if mailing else _("New info-mail")
    return render(
        request,
        "components/form_page.html",
        {"form": form, "title": title, "back_url": "/infomail/", "back_label": _("Info-mails")},
    )


@login_required
def segment_reach_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """How many addresses the chosen audience reaches now (the form's HTMX update)."""
    _office_only(request)
    chosen = request.GET.get("segment", "")
    segment = Segment.objects.filter(pk=chosen).first() if chosen.isdecimal() else None
    found = audience_queries.reach(segment) if segment is not None else None
    return render(request, "mailings/_reach.html", {"reach": found})


@login_required
def segment_from_directory_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The member directory's filters (in the address, as on the directory) become an
    audience; then the office writes an info-mail to it."""
    _office_only(request)
    filters = audience_queries.directory_filters(request.GET)
    filters.is_valid()
    parameters = {name: str(value) for name, value in filters.cleaned_data.items() if value}
    description = audience_queries.directory_description(parameters)
    values = audience_queries.directory_description(parameters, labels=False)
    form = DirectorySegmentForm(
        request.POST or None,
        initial={"name": (_("Members: %(filters)s") % {"filters": values})[:200]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            segment = audience_services.segment_create(
                name=form.cleaned_data["name"],
                kind=Segment.Kind.DIRECTORY,
                parameters=parameters,
                description=description,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The audience »%(name)s« is chosen.") % {"name": segment.name}
            )
            return redirect(reverse("mailings:mailing_create") + f"?zielgruppe={segment.pk}")
    probe = Segment(kind=Segment.Kind.DIRECTORY, parameters=parameters)
    context = {
        "form": form,
        "description": description,
        "members": audience_queries.directory_members(parameters).count(),
        "reach": audience_queries.reach(probe),
        "directory_url": reverse("membership:directory") + "?" + urlencode(parameters),
    }
    return render(request, "mailings/segment_from_directory.html", context)


def mailing_detail_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One info-mail, where its »Read online« link leads; a visitor is asked to log in first.
    The office sees the draft as one recipient will receive it, and how many it reaches."""
    readable = queries.readable_mailings(request.user)
    mailing = readable.filter(pk=pk).first()
    if mailing is None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    office = is_office(request.user)
    context: dict[str, Any] = {"mailing": mailing, "office": office}
    if office and mailing.is_draft:
        found = audience_queries.reach(mailing.segment)
        release = ReleaseForm(request.POST or None)
        if request.method == "POST":
            outcome = _release_or_test(request, mailing, release, found.count)
            if outcome is not None:
                return outcome
        context.update(release=release, reach=found)
        reader = found.recipients[0] if found.recipients else _self(request)
    elif request.user.is_authenticated:
        reader = _self(request)
    else:
        reader = None
    if office and not mailing.is_draft:
        context["progress"] = queries.progress(mailing)
    if reader is not None:
        context.update(reader=reader, preview=services.mailing_preview(mailing, reader))
    else:
        context["content"] = rendering.to_html(mailing.body)
    return render(request, "mailings/mailing_detail.html", context)


def _self(request: AuthenticatedHttpRequest) -> Recipient:
    return Recipient(request.user.email, request.user.get_full_name(), None)


def _release_or_test(
    request: AuthenticatedHttpRequest, mailing: Mailing, form: ReleaseForm, count: int
) -> HttpResponse | None:
    """A test copy; or the confirmation step (naming the number of recipients) and, once
    confirmed, the sending. None when the page is shown again with the form's errors."""
    try:
        if "test" in request.POST:
            services.mailing_send_test(mailing=mailing, user=request.user)
            messages.success(
                request, _("A test copy goes to %(email)s.") % {"email": request.user.email}
            )
            return redirect(mailing)
        if not form.is_valid():
            return None
        confirmed = form.cleaned_data["confirmed_count"]
        if confirmed is None and count:  # first the office confirms the number of recipients
            context = {
                "mailing": mailing,
                "release": form,
                "count": count,
                "send_at": form.cleaned_data["send_at"],
            }
            return render(request, "mailings/mailing_confirm.html", context)
        with transaction.atomic():
            services.mailing_release(
                mailing=mailing,
                user=request.user,
                send_at=form.cleaned_data["send_at"],
                expected_count=confirmed,
            )
        messages.success(request, _("The info-mail is on its way."))
        return redirect(mailing)
    except ValidationError as error:
        form.add_error(None, error)
    return None


@login_required
def mailing_progress_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _office_only(request)
    mailing = get_object_or_404(Mailing, pk=pk)
    return render(
        request,
        "mailings/_progress.html",
        {"mailing": mailing, "progress": queries.progress(mailing)},
    )


@login_required
def outbox_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The office's view of the outbox: what waits, and the mails it gave up on, with why."""
    _office_only(request)
    failed = core_queries.failed_mails()
    context = {
        "backlog": core_queries.outbox_backlog(now=timezone.now()),
        "failed": failed[:OUTBOX_FAILED_SHOWN],
        "failed_shown": OUTBOX_FAILED_SHOWN,
    }
    return render(request, "mailings/outbox.html", context)


@login_required
@require_POST
def outbox_retry_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """»Erneut senden« for one failed mail (`message` in the form) or for all of them."""
    _office_only(request)
    failed = core_queries.failed_mails()
    if "message" in request.POST:  # one mail; a malformed number matches none
        chosen = request.POST["message"]
        failed = failed.filter(pk=int(chosen)) if chosen.isdecimal() else failed.none()
    count = outbox_retry(messages=failed)
    messages.success(
        request,
        ngettext("%(count)d e-mail is sent again.", "%(count)d e-mails are sent again.", count)
        % {"count": count},
    )
    return redirect("mailings:outbox")


@csrf_exempt  # one-click unsubscribe (RFC 8058) posts from the mail program, without a form
def unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    email = services.unsubscribe_address(token)
    done = False
    if request.method == "POST" and email is not None:
        services.unsubscribe(token=token)
        done = True
    status = 400 if email is None else 200
    return render(
        request,
        "mailings/unsubscribe.html",
        {"email": email, "done": done, "token": token},
        status=status,
    )


@login_required
def preferences_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = digest.preferences_of(request.user)
    form = PreferencesForm(request.POST or None, initial_choices=current)
    if request.method == "POST" and form.is_valid():
        services.notification_preferences_set(user=request.user, frequencies=form.cleaned_data)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("mailings:preferences")
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "title": _("What should we tell you about?"),
            "intro": _("News at once (checked every hour), in the weekly digest, or never."),
        },
    )


def newsletter_view(request: ClientHttpRequest) -> HttpResponse:
    """Anyone signs up for the newsletter; a confirmation link goes to the address first."""
    initial = {"email": request.user.email} if request.user.is_authenticated else {}
    form = NewsletterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if not throttle.public_form_allowed("mailings-newsletter", address=request.client_ip):
            form.add_error(None, _("Too many sign-ups from your connection; please try later."))
        else:
            email = form.cleaned_data["email"]
            account = None  # the account is linked only when the address is its own
            if request.user.is_authenticated and request.user.email.lower() == email.lower():
                account = request.user
            services.newsletter_subscribe(email=email, name=form.cleaned_data["name"], user=account)
            return render(request, "mailings/newsletter_sent.html", {"email": email})
    context = {
        "form": form,
        "title": _("Subscribe to the newsletter"),
        "intro": _(
            "The network office's public info-mails: news from the member municipalities, "
            "events and calls, a few times a year."
        ),
        "submit_label": _("Subscribe"),
        "privacy_note": "mailings.newsletter",
    }
    return render(request, "components/form_page.html", context)


def newsletter_confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the mail: a button confirms (a mail scanner opening the link does not)."""
    error, done = "", False
    if services.newsletter_token_address(token) is None:
        error = _("This confirmation link is not valid or has expired. Please sign up again.")
    elif request.method == "POST":
        try:
            services.newsletter_confirm(token=token)
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            done = True
    context = {"error": error, "done": done, "email": services.newsletter_token_address(token)}
    return render(
        request, "mailings/newsletter_confirm.html", context, status=400 if error else 200
    )
