"""Pages of the annual network report: the office requests it, follows its generation (the
status fragment polls itself while the worker draws) and downloads it."""

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from engagiert.core.http import AuthenticatedHttpRequest

from . import report_services
from .forms import SnapshotForm, this_year
from .models import NetworkReport
from .viewutils import office_only, run_service


@login_required
def report_list_view(request: HttpRequest) -> HttpResponse:
    office_only(request)
    form = SnapshotForm(request.POST or None, initial={"year": this_year() - 1})
    form.fields["year"].help_text = _("The report covers this year.")
    created: list[NetworkReport] = []
    if form.is_valid() and run_service(
        form,
        lambda: created.append(
            report_services.report_request(year=form.cleaned_data["year"], user=request.user)
        ),
    ):
        messages.success(request, _("The report is being generated."))
        return redirect("impact:report", pk=created[0].pk)
    reports = NetworkReport.objects.select_related("requested_by")[:50]
    return render(request, "impact/report_list.html", {"form": form, "reports": reports})


@login_required
def report_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    office_only(request)
    report = get_object_or_404(NetworkReport, pk=pk)
    template = "impact/_report_status.html" if request.htmx else "impact/report.html"
    return render(request, template, {"report": report})


@login_required
def report_download_view(request: HttpRequest, pk: int) -> FileResponse:
    office_only(request)
    report = get_object_or_404(NetworkReport, pk=pk, status=NetworkReport.Status.DONE)
    if not report.file:
        raise Http404
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=Path(str(report.file.name)).name,
        content_type="application/pdf",
    )
