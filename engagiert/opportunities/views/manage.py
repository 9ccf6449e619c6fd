"""Pages for providers, verifiers and the volunteer agency; each checks the object it shows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagiert.core.http import AuthenticatedHttpRequest
from engagiert.registry.models import Authority

from .. import permissions, queries, services
from ..forms import AnswerForm, OpportunityForm, RejectForm, SavedSearchForm, VerifyForm
from ..models import Interest, Opportunity, Provider, SavedSearch


def _managed_provider(request: HttpRequest, pk: int) -> Provider:
    provider = get_object_or_404(Provider.objects.select_related("organisation"), pk=pk)
    if not permissions.can_manage(request.user, provider):
        raise PermissionDenied(_("Only the organisation's people may do this."))
    return provider


def _managed_opportunity(request: HttpRequest, pk: int) -> Opportunity:
    opportunity = get_object_or_404(queries.with_details(Opportunity.objects.all()), pk=pk)
    if not permissions.can_manage(request.user, opportunity.provider):
        raise PermissionDenied(_("Only the organisation's people may do this."))
    return opportunity


@login_required
def my_providers(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A provider's own start: its organisations, their opportunities and new interest."""
    providers = permissions.member_providers(request.user)
    if not providers:
        raise PermissionDenied(_("Your account does not act for an organisation."))
    rows = [(p, list(queries.opportunities_of(p))) for p in providers]
    return render(
        request,
        "opportunities/my_providers.html",
        {
            "rows": rows,
            "verifies": permissions.verifiable_authorities(request.user) != [],
            "agencies": permissions.agency_providers(request.user),
        },
    )


@login_required
def opportunity_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    provider = _managed_provider(request, pk)
    initial = {
        "authority": provider.authority,
        "contact_name": provider.contact_name,
        "contact_email": provider.contact_email,
        "contact_phone": provider.contact_phone,
    }
    return _opportunity_form(request, provider, None, initial)


@login_required
def opportunity_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    opportunity = _managed_opportunity(request, pk)
    return _opportunity_form(request, opportunity.provider, opportunity, {})


def _opportunity_form(
    request: HttpRequest, provider: Provider, opportunity: Opportunity | None, initial: dict
) -> HttpResponse:
    form = OpportunityForm(request.POST or None, instance=opportunity, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.opportunity_save(
                provider=provider, opportunity=opportunity, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The opportunity is saved."))
            return redirect(saved)
    title = _("Change the opportunity") if opportunity else _("New opportunity")
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "title": title,
            "intro": ""
            if provider.is_verified
            else _(
                "Your organisation is not verified yet: the opportunity is shown once the "
                "municipality has verified it."
            ),
            "back_url": reverse("opportunities:my_providers"),
            "back_label": str(provider),
            "privacy_note": "opportunities.opportunity",
        },
    )


@login_required
def applicants(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The opportunity's applicants, with their addresses: for its provider only."""
    opportunity = _managed_opportunity(request, pk)
    return render(
        request,
        "opportunities/applicants.html",
        {
            "opportunity": opportunity,
            "interests": [
                (i, AnswerForm(initial={"status": i.status, "answer": i.answer}))
                for i in queries.applicants(opportunity)
            ],
        },
    )


@login_required
@require_POST
def interest_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    interest = get_object_or_404(Interest.objects.select_related("opportunity__provider"), pk=pk)
    if not permissions.can_manage(request.user, interest.opportunity.provider):
        raise PermissionDenied(_("Only the organisation's people may do this."))
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.interest_answer(interest=interest, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Your answer has been sent to %(name)s.") % {"name": interest.name}
            )
    else:
        messages.error(request, _("Choose an answer."))
    return redirect("opportunities:applicants", pk=interest.opportunity_id)


# --- Verification ---------------------------------------------------------------------------


def _verifiable(request: HttpRequest, pk: int) -> Provider:
    provider = get_object_or_404(
        Provider.objects.select_related("organisation", "authority"), pk=pk
    )
    if not permissions.can_verify(request.user, provider):
        raise PermissionDenied(_("The municipality's officer or volunteer agency verifies."))
    return provider


@login_required
def verification_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    keys = permissions.verifiable_authorities(request.user)
    if keys == []:
        raise PermissionDenied(_("The municipality's officer or volunteer agency verifies."))
    return render(
        request,
        "opportunities/verification_queue.html",
        {"providers": queries.providers_to_verify(authorities=keys)},
    )


@login_required
def provider_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    provider = _verifiable(request, pk)
    verify_form = VerifyForm(
        prefix="verify",
        initial={
            "municipal_contact_name": provider.municipal_contact_name
            or request.user.get_full_name(),
            "municipal_contact_email": provider.municipal_contact_email or request.user.email,
        },
    )
    reject_form = RejectForm(prefix="reject")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "verify":
            verify_form = VerifyForm(request.POST, prefix="verify")
            if verify_form.is_valid():
                services.provider_verify(
                    provider=provider, user=request.user, **verify_form.cleaned_data
                )
                messages.success(request, _("%(name)s is verified.") % {"name": provider})
                return redirect("opportunities:verification_queue")
        elif action == "reject":
            reject_form = RejectForm(request.POST, prefix="reject")
            if reject_form.is_valid():
                services.provider_reject(
                    provider=provider, user=request.user, **reject_form.cleaned_data
                )
                messages.success(request, _("%(name)s is not verified.") % {"name": provider})
                return redirect("opportunities:verification_queue")
    return render(
        request,
        "opportunities/provider_review.html",
        {"provider": provider, "verify_form": verify_form, "reject_form": reject_form},
    )


# --- The volunteer agency -------------------------------------------------------------------


@login_required
def agency_overview(request: AuthenticatedHttpRequest, ags: str) -> HttpResponse:
    """Open opportunities nobody answered, and volunteers still without a match."""
    authority = get_object_or_404(Authority, ags=ags)
    if not permissions.can_see_agency_overview(request.user, authority.ags):
        raise PermissionDenied(_("For the municipality's officer and volunteer agency."))
    return render(
        request,
        "opportunities/agency_overview.html",
        {
            "authority": authority,
            "unanswered": queries.unanswered_opportunities(authority),
            "waiting": queries.volunteers_without_match(authority),
        },
    )


@login_required
def embed_snippet(request: AuthenticatedHttpRequest, ags: str) -> HttpResponse:
    """The snippet a municipality or provider copies into its own website."""
    authority = get_object_or_404(Authority, ags=ags)
    allowed = permissions.can_see_agency_overview(request.user, authority.ags) or any(
        p.authority_id == authority.ags for p in permissions.member_providers(request.user)
    )
    if not allowed:
        raise PermissionDenied(_("For the municipality's officer and its providers."))
    page = request.build_absolute_uri(reverse("opportunities:embed", args=[authority.ags]))
    return render(
        request,
        "opportunities/embed_snippet.html",
        {
            "authority": authority,
            "page": page,
            "json_url": request.build_absolute_uri(
                reverse("opportunities:embed_json", args=[authority.ags])
            ),
            "rss_url": request.build_absolute_uri(
                reverse("opportunities:embed_rss", args=[authority.ags])
            ),
        },
    )


# --- Saved searches -------------------------------------------------------------------------


@login_required
def saved_searches(request: AuthenticatedHttpRequest) -> HttpResponse:
    """»Meine Suchen«: the profile of interests, kept as searches; POST keeps the current one."""
    if request.method == "POST":
        form = SavedSearchForm(request.POST)
        if form.is_valid():
            services.saved_search_create(
                user=request.user, query=request.POST.get("query", ""), **form.cleaned_data
            )
            messages.success(request, _("Your search is kept."))
            return redirect("opportunities:saved_searches")
        messages.error(request, _("Give the search a name."))
    return render(
        request,
        "opportunities/saved_searches.html",
        {
            "searches": SavedSearch.objects.filter(user=request.user),
            "interests": queries.interests_of(request.user),
        },
    )


@login_required
@require_POST
def saved_search_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    services.saved_search_delete(search=search)
    messages.success(request, _("The search is deleted."))
    return redirect("opportunities:saved_searches")
