"""Pages for everyone: finding an opportunity, showing interest, registering as a provider."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagiert.core import throttle
from engagiert.core.http import HtmxHttpRequest
from engagiert.core.lists import filtered_page

from .. import permissions, queries, services
from ..forms import InterestForm, MatchForm, ProviderRegistrationForm, SavedSearchForm
from ..models import Interest, Opportunity

PAGE_SIZE = 20


def home(request: HtmxHttpRequest) -> HttpResponse:
    """Ways to help near you: the search, and the opportunities ranked with their reasons."""
    form = MatchForm(request.GET or None)
    search = form.search()
    listing = filtered_page(
        request,
        queries.matches(search),
        per_page=PAGE_SIZE,
        template="opportunities/home.html",
        fragment="opportunities/_results.html",
    )
    context = {
        **listing.context,
        "form": form,
        "search": search,
        "results": queries.load(list(listing.page.object_list), search),
        "save_form": SavedSearchForm() if request.user.is_authenticated else None,
    }
    return render(request, listing.template, context)


def _opportunity(request: HttpRequest, pk: int) -> tuple[Opportunity, bool]:
    """The opportunity, if this visitor may see it, and whether it is public."""
    opportunity = get_object_or_404(queries.with_details(Opportunity.objects.all()), pk=pk)
    public = queries.public_opportunities().filter(pk=pk).exists()
    if not permissions.can_see_opportunity(request.user, opportunity, public=public):
        raise Http404(_("There is no such opportunity."))
    return opportunity, public


def _detail(
    request: HttpRequest, opportunity: Opportunity, public: bool, form: InterestForm
) -> HttpResponse:
    context = {"opportunity": opportunity, "is_public": public, "form": form}
    return render(request, "opportunities/opportunity_detail.html", context)


def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity, public = _opportunity(request, pk)
    return _detail(request, opportunity, public, InterestForm(user=request.user))


@require_POST
def interest_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    opportunity, public = _opportunity(request, pk)
    form = InterestForm(request.POST, user=request.user)
    user = request.user if request.user.is_authenticated else None
    if form.is_valid():
        if user is None and not throttle.public_form_allowed(
            "opportunity-interest", address=request.client_ip
        ):
            form.add_error(None, _("Too many messages from your connection. Please try later."))
        else:
            data = form.cleaned_data
            if user is not None:
                data = {**data, "name": user.get_full_name() or user.email, "email": user.email}
            try:
                interest = services.interest_create(opportunity=opportunity, user=user, **data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if interest.status == Interest.Status.PENDING:
                    messages.success(
                        request,
                        _("Almost done: please confirm with the link we have sent to %(email)s.")
                        % {"email": interest.email},
                    )
                else:
                    messages.success(request, _("Thank you! The organisation has been told."))
                return redirect(interest)
    return _detail(request, opportunity, public, form)


def interest_status(request: HttpRequest, token: str) -> HttpResponse:
    """The volunteer's own view of their interest, by the personal link."""
    interest = get_object_or_404(
        Interest.objects.select_related("opportunity__provider__organisation"), token=token
    )
    context = {"interest": interest, "withdrawable": Interest.WITHDRAWABLE}
    return render(request, "opportunities/interest_status.html", context)


@require_POST
def interest_confirm(request: HttpRequest, token: str) -> HttpResponse:
    interest = get_object_or_404(Interest.objects.select_related("opportunity"), token=token)
    services.interest_confirm(interest=interest)
    messages.success(request, _("Thank you! The organisation has been told."))
    return redirect(interest)


@require_POST
def interest_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    interest = get_object_or_404(Interest.objects.select_related("opportunity"), token=token)
    try:
        services.interest_withdraw(interest=interest)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your interest is withdrawn."))
    return redirect(interest)


def provider_register(request: HtmxHttpRequest) -> HttpResponse:
    """An organisation registers to publish opportunities (public, rate-limited)."""
    form = ProviderRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not throttle.public_form_allowed("provider-registration", address=request.client_ip):
            form.add_error(None, _("Too many registrations from your connection. Try later."))
        else:
            try:
                provider = services.provider_register(**form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you! %(organisation)s is registered. We have sent a link to set "
                        "your password to %(email)s; the municipality verifies the organisation "
                        "before its opportunities are shown."
                    )
                    % {"organisation": provider.organisation, "email": provider.contact_email},
                )
                return redirect("opportunities:home")
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "title": _("Register your organisation"),
            "intro": _(
                "Associations, initiatives, volunteer agencies, companies, churches, welfare "
                "organisations and municipalities publish ways to help here. The municipality "
                "verifies each organisation and names a contact person for it."
            ),
            "submit_label": _("Register"),
            "privacy_note": "opportunities.provider",
            "back_url": reverse("opportunities:home"),
            "back_label": _("Get involved"),
        },
    )
