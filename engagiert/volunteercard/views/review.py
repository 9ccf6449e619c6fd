"""The card staff's queue: their own issuers' applications (the office: all), the automatic
check per criterion, approve or reject with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from engagiert.core.http import AuthenticatedHttpRequest
from engagiert.core.lists import filtered_page

from .. import criteria, queries
from ..forms import RejectForm, ReviewFilterForm
from ..models import Application
from ..permissions import can_review, staff_issuers
from ..services import applications as services


@login_required
def review_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not can_review(request.user):
        raise PermissionDenied
    issuers = list(staff_issuers(request.user).select_related("authority"))
    form = ReviewFilterForm(request.GET or None, issuers=issuers)
    page = filtered_page(
        request,
        queries.review_queue(request.user, form.filters()),
        per_page=50,
        template="volunteercard/review_list.html",
        fragment="volunteercard/_review_results.html",
    )
    return render(
        request, page.template, {"form": form, "show_issuer": len(issuers) > 1, **page.context}
    )


@login_required
def review_detail_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One application of the user's own issuers (404 for any other)."""
    application = get_object_or_404(
        queries.application_detail()
        .filter(issuer__in=staff_issuers(request.user))
        .exclude(status=Application.Status.EMAIL_PENDING),
        pk=pk,
    )
    reject_form = RejectForm(request.POST if request.POST.get("action") == "reject" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                card = services.application_approve(application=application, by=request.user)
                messages.success(
                    request,
                    _("Approved: card %(number)s is issued.") % {"number": card.display_number},
                )
                return redirect("volunteercard:review_detail", pk=pk)
            if reject_form.is_valid():
                services.application_reject(
                    application=application, by=request.user, **reject_form.cleaned_data
                )
                messages.success(request, _("Rejected; the applicant is told by e-mail."))
                return redirect("volunteercard:review_detail", pk=pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return render(
        request,
        "volunteercard/review_detail.html",
        {
            "application": application,
            "engagements": list(application.engagements.all()),
            "overall": criteria.overall(application.check_result),
            "reject_form": reject_form,
            "card": getattr(application, "card", None),
        },
    )
