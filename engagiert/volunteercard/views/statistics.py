"""The card statistics: per issuer for its staff, statewide for the office; as tables and as
CSV/XLSX downloads."""

import datetime
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engagiert.accounts.permissions import is_office
from engagiert.core.exports import csv_response, xlsx_response

from .. import statistics
from ..models import Issuer
from ..permissions import is_card_staff, staff_issuers


class StatisticsForm(forms.Form):
    issuer = forms.ModelChoiceField(
        label=gettext_lazy("Issuing authority"), queryset=Issuer.objects.none(), required=False
    )
    day = forms.DateField(
        label=gettext_lazy("Cards valid on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["issuer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = staff_issuers(user).select_related("authority")
        self.statewide_allowed = is_office(user)
        field.empty_label = _("All of NRW") if self.statewide_allowed else None

    def scope(self) -> tuple[QuerySet[Issuer] | None, datetime.date]:
        """The issuers to count (None: statewide) and the day; a bad value falls back."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        day = data.get("day") or timezone.localdate()
        chosen = data.get("issuer")
        field = self.fields["issuer"]
        assert isinstance(field, forms.ModelChoiceField)
        assert field.queryset is not None
        offered: QuerySet[Issuer] = field.queryset
        if chosen is not None:
            return offered.filter(pk=chosen.pk), day
        if self.statewide_allowed:
            return None, day
        return offered.order_by("pk")[:1], day


def _scope(request: HttpRequest) -> tuple[StatisticsForm, QuerySet[Issuer] | None, datetime.date]:
    if not is_card_staff(request.user):
        raise PermissionDenied(_("Only the Ehrenamtskarte staff see the card statistics."))
    form = StatisticsForm(request.GET or None, user=request.user)
    issuers, day = form.scope()
    return form, issuers, day


@login_required
def statistics_view(request: HttpRequest) -> HttpResponse:
    form, issuers, day = _scope(request)
    context = {
        "form": form,
        "day": day,
        "scope": ", ".join(str(issuer) for issuer in issuers)
        if issuers is not None
        else _("All of NRW"),
        "tables": statistics.statistics_tables(issuers, day),
        "query": request.GET.urlencode(),
    }
    return render(request, "volunteercard/statistics.html", context)


@login_required
def statistics_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404(_("Downloads come as csv or xlsx."))
    _form, issuers, day = _scope(request)
    rows = statistics.statistics_rows(statistics.statistics_tables(issuers, day))
    name = f"ehrenamtskarte-statistik-{day:%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        return csv_response(rows, filename=name)
    return xlsx_response(rows, filename=name, sheet_title=_("Statistics"))
