from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagiert.core import throttle
from engagiert.core.extensions import DataSubject, consent_purposes
from engagiert.core.http import AuthenticatedHttpRequest, ClientHttpRequest
from engagiert.core.markup import to_html

from . import queries, services
from .forms import FeedbackAnswerForm, FeedbackForm, NoteVersionForm, PageVersionForm
from .models import ConsentRecord, FeedbackCase, Page, PageVersion
from .notes import NOTES
from .permissions import can_edit_legal_pages


def _office_only(request: HttpRequest) -> None:
    if not can_edit_legal_pages(request.user):
        raise PermissionDenied(_("Only the network office edits the legal pages."))


def _page(page: str) -> str:
    if page not in Page.values:
        raise Http404
    return page


def page_view(request: HttpRequest, page: str) -> HttpResponse:
    """A legal page as the public sees it: its newest version."""
    version = queries.current_version(page)
    if version is None:
        raise Http404
    return _render_version(request, version, is_current=True)


@login_required
def page_version_view(request: AuthenticatedHttpRequest, page: str, number: int) -> HttpResponse:
    """An earlier version from the history, for the office."""
    _office_only(request)
    version = get_object_or_404(PageVersion, page=_page(page), number=number)
    return _render_version(request, version, is_current=False)


def _render_version(
    request: HttpRequest, version: PageVersion, *, is_current: bool
) -> HttpResponse:
    context = {
        "version": version,
        "html": to_html(version.body, headings=True),
        "is_current": is_current,
        "enforcement_lines": version.enforcement_body.splitlines(),
    }
    return render(request, "legal/page.html", context)


def feedback_view(request: ClientHttpRequest) -> HttpResponse:
    """Report a barrier (BITV NRW feedback mechanism): a case for the office, a receipt by mail."""
    form = FeedbackForm(request.POST or None, initial={"page_url": request.GET.get("seite", "")})
    if request.method == "POST" and form.is_valid():
        if not throttle.public_form_allowed("legal-feedback", address=request.client_ip):
            form.add_error(None, _("Too many messages from your connection; please try later."))
        else:
            services.feedback_submit(**form.cleaned_data)
            messages.success(
                request,
                _(
                    "Thank you. Your feedback has reached the network office; we have sent you "
                    "a receipt by e-mail."
                ),
            )
            return redirect("legal:accessibility")
    context = {
        "form": form,
        "title": _("Report a barrier"),
        "back_url": "/barrierefreiheit/",
        "back_label": _("Accessibility statement"),
        "submit_label": _("Send feedback"),
        "privacy_note": "legal.feedback",
    }
    return render(request, "components/form_page.html", context)


@login_required
def office_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    _office_only(request)
    pages = [(page, queries.current_version(page)) for page in Page]
    notes = queries.current_notes()
    context = {
        "pages": pages,
        "notes": [(key, notes.get(key)) for key in sorted(NOTES)],
        "cases": queries.feedback_cases(),
    }
    return render(request, "legal/office.html", context)


@login_required
def page_edit_view(request: AuthenticatedHttpRequest, page: str) -> HttpResponse:
    """A new version of a page, started from the current one; the history below it."""
    _office_only(request)
    current = queries.current_version(_page(page))
    form = PageVersionForm(
        request.POST or None, instance=None, initial=_initial(current), page=page
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.page_version_create(page=page, user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The new version is online."))
            return redirect("legal:office")
    context = {"form": form, "page": Page(page), "history": queries.page_history(page)}
    return render(request, "legal/page_edit.html", context)


@login_required
def note_edit_view(request: AuthenticatedHttpRequest, key: str) -> HttpResponse:
    """A new version of a form's privacy note, started from the current one; the history below."""
    _office_only(request)
    current = queries.current_note(key)
    if current is None:
        raise Http404
    form = NoteVersionForm(request.POST or None, instance=None, initial=_note_initial(current))
    if request.method == "POST" and form.is_valid():
        try:
            services.note_version_create(key=key, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The new version of the privacy note is online."))
            return redirect("legal:office")
    context = {"form": form, "key": key, "history": queries.note_history(key)}
    return render(request, "legal/note_edit.html", context)


def _note_initial(note: object) -> dict[str, object]:
    return {name: getattr(note, name) for name in ("purpose", "legal_basis", "retention")}


def _initial(version: PageVersion | None) -> dict[str, object]:
    if version is None:
        return {}
    fields = ("body", *services.STATEMENT_FIELDS)
    return {name: getattr(version, name) for name in fields}


@login_required
def feedback_detail_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _office_only(request)
    case = get_object_or_404(FeedbackCase, pk=pk)
    form = FeedbackAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_answer(case=case, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Your answer is on its way to %(email)s.") % {"email": case.email}
            )
            return redirect("legal:office")
    return render(request, "legal/feedback_detail.html", {"case": case, "form": form})


def _subject(request: AuthenticatedHttpRequest) -> DataSubject:
    return DataSubject(user=request.user, email=request.user.email)


@login_required
def consent_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A person's consents, active and past, each withdrawable with one click."""
    records = [_row(record) for record in queries.consents_of(_subject(request))]
    return render(request, "legal/consent_list.html", {"records": records})


def _row(record: ConsentRecord) -> dict[str, object]:
    purpose = consent_purposes.get(record.purpose)
    return {
        "record": record,
        "label": purpose.label if purpose else record.purpose,
        "concerns": purpose.describe(record.reference) if purpose and record.reference else "",
    }


@login_required
@require_POST
def consent_withdraw_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(queries.consents_of(_subject(request)), pk=pk)
    error = ""
    try:
        record = services.consent_withdraw(record=record)
    except ValidationError as problem:
        error = problem.messages[0]
    if not request.htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Your consent is withdrawn."))
        return redirect("legal:consents")
    context = {"row": _row(record), "just_withdrawn": not error, "error": error}
    return render(request, "legal/_consent_row.html", context)
