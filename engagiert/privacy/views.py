from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagiert.core.http import AuthenticatedHttpRequest

from . import export_services, permissions, queries, services
from .exports import export_zip
from .forms import ErasureConfirmForm, ErasureRequestForm, OfficeRequestForm
from .models import DataExport, DataRequest
from .record import MEASURES, entries, record_pdf


def _office_only(request: HttpRequest) -> None:
    if not permissions.can_handle_requests(request.user):
        raise PermissionDenied(_("Only the network office may do this."))


def _zip(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _open_request(pk: int) -> DataRequest:
    return get_object_or_404(queries.requests_for_office(), pk=pk)


@login_required
def mydata_view(request: HttpRequest, form: ErasureRequestForm | None = None) -> HttpResponse:
    subject = queries.subject_for(user=request.user)
    context = {
        "sections": [item for item in queries.sections(subject) if item.rows],
        "open_requests": queries.open_requests_of(request.user),
        "export": queries.latest_export(request.user),
        "form": form or ErasureRequestForm(),
    }
    return render(request, "privacy/mydata.html", context)


@login_required
@require_POST
def export_request_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Ask for the ZIP: it is built in the background; the page follows its progress."""
    export = export_services.export_request(user=request.user)
    if request.htmx:
        return render(request, "privacy/_export_status.html", {"export": export})
    return redirect("privacy:mydata")


@login_required
def export_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress of one's own export (the fragment polls itself until it is finished)."""
    export = get_object_or_404(DataExport, pk=pk, user=request.user)
    return render(request, "privacy/_export_status.html", {"export": export})


@login_required
def export_download_view(request: HttpRequest, pk: int) -> FileResponse:
    """Only the person the export belongs to downloads it, and only until it expires."""
    export = get_object_or_404(
        DataExport,
        pk=pk,
        user=request.user,
        status=DataExport.Status.DONE,
        expires_at__gt=timezone.now(),
    )
    made = timezone.localtime(export.finished_at)
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"meine-daten-{made:%Y-%m-%d}.zip",
        content_type="application/zip",
    )


@login_required
@require_POST
def erasure_request_view(request: HttpRequest) -> HttpResponse:
    form = ErasureRequestForm(request.POST)
    if not form.is_valid():
        return mydata_view(request, form=form)
    try:
        services.request_create(kind=DataRequest.Kind.ERASURE, user=request.user)
    except ValidationError as error:
        form.add_error(None, error)
        return mydata_view(request, form=form)
    messages.success(
        request, _("Your request has been received. The network office answers within a month.")
    )
    return redirect("privacy:mydata")


@login_required
def office_requests_view(request: HttpRequest) -> HttpResponse:
    _office_only(request)
    form = OfficeRequestForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            created = services.request_create(**form.cleaned_data, created_by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The request has been recorded."))
            return redirect(created)
    context = {
        "requests": queries.requests_for_office(),
        "form": form,
        "today": timezone.localdate(),
    }
    return render(request, "privacy/office_requests.html", context)


@login_required
def request_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    _office_only(request)
    data_request = _open_request(pk)
    found = queries.sections(queries.subject_of(data_request)) if data_request.is_open else []
    context = {
        "data_request": data_request,
        "sections": [item for item in found if item.rows],
        "erased": queries.erased_kinds(data_request),
        "today": timezone.localdate(),
    }
    return render(request, "privacy/request_detail.html", context)


@login_required
def request_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    _office_only(request)
    data_request = _open_request(pk)
    if not data_request.is_open:
        raise PermissionDenied(_("This request is completed."))
    content = export_zip(queries.subject_of(data_request))
    return _zip(content, f"daten-anfrage-{data_request.pk}.zip")


@login_required
@require_POST
def request_complete_view(request: HttpRequest, pk: int) -> HttpResponse:
    _office_only(request)
    data_request = _open_request(pk)
    try:
        services.request_complete(request=data_request, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The request is marked as completed."))
    return redirect(data_request)


@login_required
def erasure_complete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation step before an erasure, and the erasure."""
    _office_only(request)
    data_request = _open_request(pk)
    if not data_request.is_open or data_request.kind != DataRequest.Kind.ERASURE:
        return redirect(data_request)
    form = ErasureConfirmForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            counts = services.erasure_complete(request=data_request, actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The data have been erased: %(rows)s entries.") % {"rows": sum(counts.values())},
            )
            return redirect(data_request)
    subject = queries.subject_of(data_request)
    context = {
        "data_request": data_request,
        "form": form,
        "sections": [item for item in queries.sections(subject) if item.rows],
    }
    return render(request, "privacy/erasure_confirm.html", context)


@login_required
def record_view(request: HttpRequest) -> HttpResponse:
    _office_only(request)
    context = {"groups": entries(), "measures": MEASURES}
    return render(request, "privacy/record.html", context)


@login_required
def record_pdf_view(request: HttpRequest) -> HttpResponse:
    _office_only(request)
    response = HttpResponse(record_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="verarbeitungsverzeichnis.pdf"'
    return response
