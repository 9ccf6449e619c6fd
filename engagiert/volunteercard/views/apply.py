"""The public side of an application: the form, the address confirmation, the applicant's
status page and the organisations' confirmation pages. No account needed."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from engagiert.core import throttle
from engagiert.core.http import ClientHttpRequest

from .. import criteria, queries
from ..forms import ApplicationForm, ConfirmationForm, EngagementFormSet
from ..models import Application
from ..services import applications as services


def _add_errors(error: ValidationError, form: ApplicationForm, formset: BaseFormSet) -> None:
    """Put a service's refusal at the field it names (an engagement's at its form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        if field.startswith("engagement-"):
            engagement_form = formset.forms[int(field.removeprefix("engagement-"))]
            coded = bool(engagement_form.cleaned_data.get("evidence_code"))
            engagement_form.add_error("evidence_code" if coded else None, errors)
        elif field in form.fields:
            form.add_error(field, errors)
        else:
            form.add_error(None, errors)


def apply_view(request: ClientHttpRequest) -> HttpResponse:
    """Apply for a card; a logged-in holder renews with the last card's data prefilled."""
    last_card = queries.last_card_of(request.user)
    initial = {}
    if last_card is not None:
        initial = {
            "kind": Application.Kind.RENEWAL,
            "first_name": last_card.first_name,
            "last_name": last_card.last_name,
            "email": last_card.email,
        }
    elif request.user.is_authenticated:
        initial = {
            "first_name": request.user.first_name,
            "last_name": request.user.last_name,
            "email": request.user.email,
        }
    form = ApplicationForm(request.POST or None, initial=initial, renewal=last_card is not None)
    formset = EngagementFormSet(request.POST or None, prefix="engagement")
    if request.method == "POST" and form.is_valid() & formset.is_valid():
        if not throttle.public_form_allowed("card-application", address=request.client_ip):
            form.add_error(
                None, _("Too many applications from your connection. Please try again later.")
            )
        else:
            data = dict(form.cleaned_data)
            residence = data.pop("residence")
            rows = [f.cleaned_data for f in formset.forms if f.cleaned_data]
            try:
                application = services.application_submit(
                    residence=residence,
                    data=data,
                    engagements=rows,
                    user=request.user if request.user.is_authenticated else None,
                    previous_card=last_card,
                )
            except ValidationError as error:
                _add_errors(error, form, formset)
            else:
                if application.status == Application.Status.EMAIL_PENDING:
                    messages.success(
                        request,
                        _(
                            "Almost done: please confirm your application with the link we "
                            "have sent to %(email)s."
                        )
                        % {"email": application.email},
                    )
                else:
                    messages.success(request, _("Your application has been submitted."))
                return redirect("volunteercard:apply_status", public_id=application.public_id)
    return render(
        request,
        "volunteercard/apply_form.html",
        {"form": form, "formset": formset, "last_card": last_card},
    )


def apply_email_view(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the confirmation mail: GET asks, POST confirms (mail scanners only GET)."""
    if request.method == "POST":
        try:
            application = services.application_email_confirm(token=token)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("volunteercard:apply")
        messages.success(
            request,
            _("Thank you: your application is submitted; the organisations are being asked."),
        )
        return redirect("volunteercard:apply_status", public_id=application.public_id)
    return render(request, "volunteercard/apply_email.html", {})


def apply_status_view(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """The applicant's page (its address is the secret): state, open confirmations, decision."""
    application = get_object_or_404(queries.application_detail(), public_id=public_id)
    if application.personal_data_erased_at:
        raise Http404
    return render(
        request,
        "volunteercard/apply_status.html",
        {"application": application, "engagements": list(application.engagements.all())},
    )


def confirmation_view(request: HttpRequest, token: str) -> HttpResponse:
    """An organisation's own link: confirm, correct the hours, or decline."""
    try:
        engagement = services.engagement_for_token(token)
    except ValidationError as error:
        return render(
            request,
            "volunteercard/apply_confirmation_invalid.html",
            {"message": " ".join(error.messages)},
            status=404,
        )
    form = ConfirmationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.engagement_answer(token=token, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Thank you, your answer has been recorded."))
            return redirect("volunteercard:confirmation", token=token)
        engagement = services.engagement_for_token(token)
    week, year = criteria.confirmed_hours(engagement)
    return render(
        request,
        "volunteercard/apply_confirmation.html",
        {
            "engagement": engagement,
            "application": engagement.application,
            "form": form,
            "answered": engagement.confirmation != engagement.Confirmation.OPEN,
            "confirmed_week": week,
            "confirmed_year": year,
        },
    )
