"""Pages of the integrations: API tokens and webhook subscriptions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagiert.accounts.models import Role
from engagiert.accounts.permissions import authorities_for_role, is_office
from engagiert.core.http import AuthenticatedHttpRequest

from . import permissions, services
from .forms import SubscriptionForm, TokenForm
from .models import WebhookDelivery


def _allowed(request: HttpRequest) -> None:
    if not permissions.can_see_integrations(request.user):
        raise PermissionDenied(_("Only the network office and engagement officers may do this."))


@login_required
def token_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    _allowed(request)
    tokens = permissions.visible_tokens(request.user)
    return render(
        request,
        "api/token_list.html",
        {"tokens": tokens, "can_issue": permissions.can_issue_tokens(request.user)},
    )


@login_required
def token_create_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_issue_tokens(request.user):
        raise PermissionDenied(_("Only the network office issues API tokens."))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.token_issue(
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_at=form.expires_at(),
                created_by=request.user,
                **form.holder(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "api/token_created.html", {"token": token, "secret": secret})
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "title": _("Issue an API token"),
            "intro": _(
                "The key is shown once, right after issuing; only its beginning stays visible."
            ),
            "submit_label": _("Issue the token"),
            "back_url": reverse("integrations:token_list"),
            "back_label": _("API tokens"),
        },
    )


@login_required
def token_revoke_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET asks to confirm, POST revokes."""
    token = get_object_or_404(permissions.visible_tokens(request.user), pk=pk)
    if not permissions.can_revoke(request.user, token):
        raise PermissionDenied(_("You may not revoke this token."))
    if request.method == "POST":
        services.token_revoke(token=token, user=request.user)
        messages.success(request, _("The token is revoked; it opens nothing any more."))
        return redirect("integrations:token_list")
    return render(request, "api/token_revoke.html", {"token": token})


@login_required
def subscription_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    _allowed(request)
    subscriptions = permissions.visible_subscriptions(request.user).annotate(
        waiting=Count("deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.QUEUED)),
        failed=Count("deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.FAILED)),
        last_delivered=Max("deliveries__delivered_at"),
    )
    return render(request, "api/subscription_list.html", {"subscriptions": subscriptions})


def _choosable(request: HttpRequest) -> list | None:
    return None if is_office(request.user) else authorities_for_role(request.user, Role.OFFICER)


@login_required
def subscription_create_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    _allowed(request)
    form = SubscriptionForm(request.POST or None, authorities=_choosable(request))
    if request.method == "POST" and form.is_valid():
        try:
            subscription, secret = services.subscription_create(
                created_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(
                request,
                "api/subscription_created.html",
                {"subscription": subscription, "secret": secret},
            )
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "title": _("Register a webhook"),
            "intro": _(
                "We send each chosen event as a signed POST request to the address; the "
                "signing secret is shown once, right after registering."
            ),
            "submit_label": _("Register the webhook"),
            "back_url": reverse("integrations:subscription_list"),
            "back_label": _("Webhooks"),
        },
    )


@login_required
def subscription_detail_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _allowed(request)
    subscription = get_object_or_404(permissions.visible_subscriptions(request.user), pk=pk)
    deliveries = subscription.deliveries.all()[:50]
    return render(
        request,
        "api/subscription_detail.html",
        {"subscription": subscription, "deliveries": deliveries},
    )


@login_required
@require_POST
def subscription_delete_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _allowed(request)
    subscription = get_object_or_404(permissions.visible_subscriptions(request.user), pk=pk)
    services.subscription_delete(subscription=subscription)
    messages.success(request, _("The webhook is deleted; nothing more is sent to it."))
    return redirect("integrations:subscription_list")
