"""Who issues cards: the office records every authority's participation, officers and card
staff their own; the area served, the local rules by date and the card staff."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from engagiert.accounts.models import Role, RoleAssignment
from engagiert.accounts.permissions import is_office

from .. import queries
from ..forms import AreaForm, CardStaffForm, IssuerCreateForm, IssuerForm, LocalRuleForm
from ..models import Issuer
from ..permissions import can_manage_issuer, managed_issuer_authorities
from ..services import issuers as services


def _visible_issuers(user: Any) -> Any:
    issuers = queries.issuers_with_area()
    if is_office(user):
        return issuers
    return issuers.filter(authority__in=[a.pk for a in managed_issuer_authorities(user)])


@login_required
def issuer_list_view(request: HttpRequest) -> HttpResponse:
    if not (is_office(request.user) or managed_issuer_authorities(request.user)):
        raise PermissionDenied
    return render(
        request,
        "volunteercard/issuer_list.html",
        {"issuers": _visible_issuers(request.user), "can_create": _creatable(request.user)},
    )


def _creatable(user: Any) -> list[Any] | None:
    """The authorities this user may record as new issuers (None: any, for the office)."""
    if is_office(user):
        return None
    return [a for a in managed_issuer_authorities(user) if not hasattr(a, "card_issuer")]


@login_required
def issuer_create_view(request: HttpRequest) -> HttpResponse:
    authorities = _creatable(request.user)
    if authorities == []:
        raise PermissionDenied
    form = IssuerCreateForm(request.POST or None, authorities=authorities)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            issuer = services.issuer_create(authority=data.pop("authority"), data=data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s issues cards now.") % {"name": issuer})
            return redirect("volunteercard:issuer_detail", pk=issuer.pk)
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "title": _("Record a participating authority"),
            "back_url": "/ehrenamtskarte/ausgabestellen/",
            "back_label": _("Issuing authorities"),
            "privacy_note": "volunteercard.issuer",
        },
    )


def _apply(form: BaseForm, write: Any) -> bool:
    """Run a service for a valid form; a refusal goes to the form's fields."""
    if not form.is_valid():
        return False
    try:
        write(form.cleaned_data)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return False
    return True


@login_required
def issuer_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    issuer = get_object_or_404(Issuer.objects.select_related("authority"), pk=pk)
    if not can_manage_issuer(request.user, issuer.authority):
        raise Http404
    action = request.POST.get("action", "")
    post = request.POST if request.method == "POST" else None
    settings_form = IssuerForm(post if action == "settings" else None, instance=issuer)
    district = not issuer.authority.is_municipal
    area_form = (
        AreaForm(
            post if action in ("area", "area_all") else None,
            issuer=issuer,
            initial={"authorities": list(issuer.area.values_list("authority_id", flat=True))},
        )
        if district
        else None
    )
    rule_form = LocalRuleForm(post if action == "rule" else None, prefix="rule")
    staff_form = CardStaffForm(post if action == "staff" else None, prefix="staff")
    done = False
    if action == "settings":
        done = _apply(settings_form, lambda d: services.issuer_update(issuer=issuer, data=d))
    elif action == "area_all" and district:
        assert area_form is not None
        try:
            services.issuer_area_set(
                issuer=issuer, authorities=queries.district_without_issuer(issuer.authority, issuer)
            )
            done = True
        except ValidationError as error:
            area_form.add_error(None, error)
    elif action == "area" and area_form is not None:
        done = _apply(
            area_form,
            lambda d: services.issuer_area_set(issuer=issuer, authorities=d["authorities"]),
        )
    elif action == "rule":
        done = _apply(
            rule_form, lambda d: services.local_rule_save(issuer=issuer, instance=None, data=d)
        )
    elif action == "staff" and is_office(request.user):
        done = _apply(staff_form, lambda d: services.card_staff_grant(issuer=issuer, **d))
    if done:
        messages.success(request, _("Saved."))
        return redirect("volunteercard:issuer_detail", pk=pk)
    return render(
        request,
        "volunteercard/issuer_detail.html",
        {
            "issuer": issuer,
            "area": issuer.area.select_related("authority").order_by("authority__name"),
            "rules": issuer.rules.all(),
            "staff": RoleAssignment.objects.filter(
                role=Role.CARD_STAFF, authority=issuer.authority
            ).select_related("user"),
            "settings_form": settings_form,
            "area_form": area_form,
            "rule_form": rule_form,
            "staff_form": staff_form if is_office(request.user) else None,
            "free": queries.district_without_issuer(issuer.authority, issuer) if district else [],
        },
    )
