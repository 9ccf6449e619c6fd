"""The card staff's import of existing holders: upload, dry run, then import what was shown."""

import base64
import hashlib

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engagiert.core.exports import csv_response

from .. import holders_import
from ..models import Engagement, Issuer
from ..permissions import is_card_staff, staff_issuers

MAX_FILE_BYTES = 5 * 1024 * 1024
SHOWN_LINES = 200


class HoldersFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy("Semicolon- or comma-separated, as Excel saves it; at most 5 MB."),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return bytes(upload.read())


def _issuer(request: HttpRequest, pk: int) -> Issuer:
    if not is_card_staff(request.user):
        raise PermissionDenied(_("Only the Ehrenamtskarte staff import card holders."))
    issuer = staff_issuers(request.user).select_related("authority").filter(pk=pk).first()
    if issuer is None:
        raise Http404(_("There is no such issuing authority in your area."))
    return issuer


def _context(issuer: Issuer, form: HoldersFileForm) -> dict[str, object]:
    return {"issuer": issuer, "form": form, "fields": Engagement.Field.labels}


def _session_key(issuer: Issuer) -> str:
    return f"volunteercard-import-{issuer.pk}"


@login_required
def holders_import_view(request: HttpRequest, issuer: int) -> HttpResponse:
    """Step 1: upload and dry run (nothing written). Step 2: import exactly the checked file,
    kept in the session under its digest, so that what is imported is what was shown."""
    found = _issuer(request, issuer)
    form = HoldersFileForm(request.POST or None, request.FILES or None)
    context = _context(found, form)
    if request.method == "POST" and "digest" in request.POST:
        return _import(request, found)
    if request.method == "POST" and form.is_valid():
        data: bytes = form.cleaned_data["file"]
        try:
            plan = holders_import.holders_plan(issuer=found, data=data)
        except holders_import.HoldersImportError as error:
            context["problems"] = error.problems
        else:
            digest = hashlib.sha256(data).hexdigest()
            request.session[_session_key(found)] = {
                "digest": digest,
                "name": str(request.FILES.get("file") or ""),
                "data": base64.b64encode(data).decode(),
            }
            context.update(plan=plan, digest=digest, shown=plan.new[:SHOWN_LINES])
    return render(request, "volunteercard/holders_import.html", context)


def _import(request: HttpRequest, issuer: Issuer) -> HttpResponse:
    stored = request.session.get(_session_key(issuer))
    if not stored or stored["digest"] != request.POST["digest"]:
        messages.error(request, _("Please check the file again before importing it."))
        return redirect("volunteercard:holders_import", issuer=issuer.pk)
    data = base64.b64decode(stored["data"])
    try:
        plan = holders_import.holders_import(
            issuer=issuer, data=data, by=request.user, source=stored["name"] or stored["digest"]
        )
    except holders_import.HoldersImportError as error:
        context = _context(issuer, HoldersFileForm()) | {"problems": error.problems}
        return render(request, "volunteercard/holders_import.html", context)
    del request.session[_session_key(issuer)]
    messages.success(
        request,
        _("Imported: %(new)d new cards; %(existing)d were there already.")
        % {"new": len(plan.new), "existing": len(plan.existing)},
    )
    return redirect("volunteercard:holders_import", issuer=issuer.pk)


@login_required
def holders_template_view(request: HttpRequest) -> HttpResponse:
    """The template of the import file, for German Excel."""
    if not is_card_staff(request.user):
        raise PermissionDenied(_("Only the Ehrenamtskarte staff import card holders."))
    return csv_response(holders_import.template_rows(), filename="ehrenamtskarte-import.csv")
