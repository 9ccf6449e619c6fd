"""Spontaneous help in shifts: the public action pages and sign-up, the personal link, the
organiser's plan with helpers, messages and hours, and the evidence download."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from engagiert.accounts.permissions import is_office
from engagiert.core import throttle
from engagiert.core.exports import attachment
from engagiert.core.http import HtmxHttpRequest
from engagiert.core.lists import filtered_page
from engagiert.core.text import whole_number

from .. import shift_queries as queries
from .. import shifts as services
from ..models import Action, Provider, Shift, ShiftSignup
from ..permissions import can_manage, member_providers
from ..shift_forms import (
    ActionCreateForm,
    ActionFilterForm,
    ActionForm,
    HoursForm,
    MessageForm,
    PlaceForm,
    ShiftForm,
    ShiftTemplateForm,
    SignupForm,
    TaskForm,
)
from ..shift_outputs import evidence_pdf

PAGE_SIZE = 20


# --- Public ---------------------------------------------------------------------------------


def action_list_view(request: HtmxHttpRequest) -> HttpResponse:
    """Current actions (with shifts to come), filtered by municipality."""
    form = ActionFilterForm(request.GET or None, authorities=queries.action_authorities())
    listing = filtered_page(
        request,
        queries.public_actions(form.authority() if form.is_bound else ""),
        per_page=PAGE_SIZE,
        template="opportunities/action_list.html",
        fragment="opportunities/_action_results.html",
    )
    return render(request, listing.template, {"form": form, **listing.context})


def action_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An action's places, tasks and the shifts to come with their free places."""
    action = queries.action_for(pk, request.user)
    if action is None:
        raise Http404(_("There is no such action."))
    context = {
        "action": action,
        "plan": queries.plan(action, upcoming_only=True),
        "can_manage": can_manage(request.user, action.provider),
        "is_public": action.status == Action.Status.PUBLISHED and action.provider.is_verified,
    }
    return render(request, "opportunities/action_detail.html", context)


def _public_shift(pk: int) -> Shift:
    shift = queries.shift_public(pk)
    if shift is None:
        raise Http404(_("There is no such shift."))
    return shift


def _signup_allowed(request: HtmxHttpRequest, form: SignupForm) -> bool:
    """Each public sign-up sends a mail to an unconfirmed address: limited per connection."""
    if request.user.is_authenticated or throttle.public_form_allowed(
        "shift-signup", address=request.client_ip
    ):
        return True
    form.add_error(None, _("Too many sign-ups from your connection. Please try again in a while."))
    return False


def _add_errors(form: BaseForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def signup_create_view(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Sign up for one shift (inline on the action page with HTMX, a page of its own without)."""
    shift = _public_shift(pk)
    user = request.user if request.user.is_authenticated else None
    form = SignupForm(request.POST or None, user=user)
    signup = None
    if request.method == "POST" and form.is_valid() and _signup_allowed(request, form):
        data = form.cleaned_data
        if user is not None:
            data = {"name": user.get_full_name() or user.email, "email": user.email}
        try:
            signup = services.signup_create(
                shift=shift, name=data["name"], email=data["email"], user=user
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if not request.htmx:
                messages.success(request, _signup_message(signup))
                return redirect(shift.task.place.action)
    context = {
        "shift": shift,
        "form": form,
        "signup": signup,
        "message": _signup_message(signup) if signup else "",
    }
    template = (
        "opportunities/_shift_signup.html" if request.htmx else "opportunities/shift_signup.html"
    )
    return render(request, template, context)


def _signup_message(signup: ShiftSignup) -> str:
    if signup.status == ShiftSignup.Status.PENDING:
        return _(
            "Almost done: please confirm with the link we have sent to %(email)s; "
            "only then is the place yours."
        ) % {"email": signup.email}
    return _("You are signed up for this shift. A confirmation is on its way to %(email)s.") % {
        "email": signup.email
    }


def _signup(token: str) -> ShiftSignup:
    return get_object_or_404(
        ShiftSignup.objects.select_related("shift__task__place__action__provider__organisation"),
        token=token,
    )


def signup_confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the confirmation e-mail: GET shows, POST takes the place."""
    signup = _signup(token)
    if request.method == "POST":
        try:
            signup = services.signup_confirm(token=token)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _signup_message(signup))
        return redirect(signup)
    return render(request, "opportunities/shift_signup_confirm.html", {"signup": signup})


def signup_manage_view(request: HttpRequest, token: str) -> HttpResponse:
    """A person's sign-up by its personal link: state, cancel, hours evidence."""
    signup = _signup(token)
    provider = signup.shift.task.place.action.provider
    has_hours = services.confirmed_hours(email=signup.email, provider=provider).exists()
    can_cancel = (
        signup.status != ShiftSignup.Status.CANCELLED and signup.shift.starts_at > timezone.now()
    )
    context = {
        "signup": signup,
        "shift": signup.shift,
        "has_hours": has_hours,
        "can_cancel": can_cancel,
    }
    return render(request, "opportunities/shift_signup_manage.html", context)


@require_POST
def signup_cancel_view(request: HttpRequest, token: str) -> HttpResponse:
    signup = _signup(token)
    try:
        services.signup_cancel(signup=signup)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your sign-up is cancelled; the place is free for others."))
    return redirect(signup)


def _evidence_response(email: str, provider: Provider) -> HttpResponse:
    try:
        certificate = services.certificate_for(email=email, provider=provider)
    except ValidationError as error:
        raise Http404(" ".join(error.messages)) from error
    signups = list(certificate.signups.select_related("shift__task__place__action"))
    signups.sort(key=lambda s: s.shift.starts_at)
    pdf = evidence_pdf(certificate, signups)
    response = HttpResponse(pdf, content_type="application/pdf")
    return attachment(response, f"stundennachweis-{certificate.code}.pdf")


def signup_evidence_view(request: HttpRequest, token: str) -> HttpResponse:
    """Evidence of the confirmed hours this address gave the sign-up's organisation."""
    signup = _signup(token)
    return _evidence_response(signup.email, signup.shift.task.place.action.provider)


@login_required
def my_shifts_view(request: HttpRequest) -> HttpResponse:
    context = {
        "signups": queries.my_signups(request.user),
        "hours": queries.hours_by_provider(request.user.email),  # type: ignore[union-attr]
    }
    return render(request, "opportunities/shift_mine.html", context)


@login_required
def my_evidence_view(request: HttpRequest, provider: int) -> HttpResponse:
    return _evidence_response(
        request.user.email,  # type: ignore[union-attr]
        get_object_or_404(Provider.objects.select_related("organisation"), pk=provider),
    )


# --- Organisers -----------------------------------------------------------------------------


def _managed(request: HttpRequest, pk: int) -> Action:
    action = get_object_or_404(
        Action.objects.select_related("provider__organisation", "authority"), pk=pk
    )
    if not can_manage(request.user, action.provider):
        raise PermissionDenied(_("The plan and its helpers are for the action's organisers."))
    return action


@login_required
def action_manage_list_view(request: HttpRequest) -> HttpResponse:
    """The organiser's actions, and a new one."""
    office = is_office(request.user)
    providers = list(Provider.objects.all()) if office else member_providers(request.user)
    if not providers and not office:
        raise PermissionDenied(_("Actions are planned by the organisations on the platform."))
    form = ActionCreateForm(request.POST or None, providers=providers)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            action = services.action_create(user=request.user, **data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The action is created; now add places, tasks and shifts."))
            return redirect("opportunities:action_manage", pk=action.pk)
    context = {"actions": queries.managed_actions(request.user), "form": form}
    return render(request, "opportunities/action_manage_list.html", context)


def _plan_forms(action: Action, data: Any = None, which: str = "") -> dict[str, BaseForm]:
    def bound(name: str) -> Any:
        return data if which == name else None

    return {
        "action": ActionForm(bound("action"), instance=action, prefix="action"),
        "place": PlaceForm(
            bound("place"), prefix="place", initial={"authority": action.authority_id}
        ),
        "task": TaskForm(bound("task"), action=action, prefix="task"),
        "shift": ShiftForm(bound("shift"), action=action, prefix="shift"),
        "template": ShiftTemplateForm(bound("template"), action=action, prefix="template"),
    }


def _save_plan_part(request: HttpRequest, action: Action, which: str, form: BaseForm) -> str:
    """Run the service for the submitted part of the plan; the success message."""
    data = form.cleaned_data
    if which == "action":
        services.action_update(action=action, data=data)
        return _("The action is saved.")
    if which == "place":
        services.place_create(action=action, **data)
        return _("The place is added.")
    if which == "task":
        services.task_create(**data)
        return _("The task is added.")
    if which == "shift":
        services.shift_create(**data)
        return _("The shift is added.")
    shifts = services.shifts_generate(
        task=data["task"],
        first_day=data["first_day"],
        last_day=data["last_day"],
        weekdays=data["weekdays"],
        slots=data["times"],
        needed=data["needed"],
    )
    return ngettext("%(count)d shift is added.", "%(count)d shifts are added.", len(shifts)) % {
        "count": len(shifts)
    }


@login_required
def action_manage_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The shift plan with fill levels; forms for the action, places, tasks and shifts."""
    action = _managed(request, pk)
    which = request.POST.get("part", "") if request.method == "POST" else ""
    forms = _plan_forms(action, request.POST or None, which)
    if which in forms:
        form = forms[which]
        if form.is_valid():
            try:
                done = _save_plan_part(request, action, which, form)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, done)
                return redirect("opportunities:action_manage", pk=pk)
    context = {
        "action": action,
        "plan": queries.plan(action, upcoming_only=False),
        "forms": forms,
        "open_part": which,
    }
    return render(request, "opportunities/action_manage.html", context)


@login_required
def shift_helpers_view(request: HttpRequest, pk: int, shift: int) -> HttpResponse:
    """The helpers of one shift with their addresses, attendance and hours (organisers only)."""
    action = _managed(request, pk)
    current = get_object_or_404(
        Shift.objects.select_related("task__place"), pk=shift, task__place__action=action
    )
    context = {
        "action": action,
        "shift": current,
        "helpers": queries.helpers(current),
        "message_form": MessageForm(prefix="message"),
    }
    return render(request, "opportunities/shift_helpers.html", context)


@login_required
@require_POST
def signup_hours_view(request: HttpRequest, pk: int, signup: int) -> HttpResponse:
    action = _managed(request, pk)
    helper = get_object_or_404(
        ShiftSignup.objects.select_related("shift"), pk=signup, shift__task__place__action=action
    )
    form = HoursForm(request.POST, prefix=f"h{helper.pk}")
    if form.is_valid():
        try:
            services.signup_hours_confirm(
                signup=helper,
                attended=form.cleaned_data["attended"],
                hours=form.cleaned_data["hours"],
                user=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved for %(name)s.") % {"name": helper.name})
    else:
        messages.error(
            request,
            " ".join(str(e) for errors in form.errors.values() for e in errors),
        )
    return redirect("opportunities:shift_helpers", pk=pk, shift=helper.shift_id)


@login_required
def helpers_message_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Write to the helpers of one shift (?schicht=…) or of the whole action."""
    action = _managed(request, pk)
    shift_pk = request.POST.get("schicht") or request.GET.get("schicht")
    shift = None
    if shift_pk:
        number = whole_number(shift_pk)
        if number is None:
            raise Http404
        shift = get_object_or_404(Shift, pk=number, task__place__action=action)
    form = MessageForm(request.POST or None, prefix="message")
    if request.method == "POST" and form.is_valid():
        try:
            count = services.helpers_message(
                action=action, shift=shift, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The message goes to %(count)d helper.",
                    "The message goes to %(count)d helpers.",
                    count,
                )
                % {"count": count},
            )
            if shift is not None:
                return redirect("opportunities:shift_helpers", pk=pk, shift=shift.pk)
            return redirect("opportunities:action_manage", pk=pk)
    context: dict[str, Any] = {"action": action, "shift": shift, "form": form}
    return render(request, "opportunities/action_message.html", context)
