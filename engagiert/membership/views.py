from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.forms import BaseForm, ModelForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagiert.accounts.permissions import is_office
from engagiert.core.http import HtmxHttpRequest
from engagiert.core.lists import filtered_page
from engagiert.registry.maps import state_map
from engagiert.registry.models import Authority

from . import exports, permissions, queries, services
from .forms import (
    AnswerForm,
    ApplicationForm,
    ContactPersonForm,
    DocumentForm,
    LeaderForm,
    LeaveForm,
    MemberFilterForm,
    ProfileForm,
    ReviewForm,
)
from .models import Application, ContactPerson, Leader, StrategyDocument

PAGE_SIZE = 25


def _authority_or_404(ags: str) -> Authority:
    return get_object_or_404(Authority, ags=ags)


def _editable_authority(request: HttpRequest, ags: str) -> Authority:
    authority = _authority_or_404(ags)
    if not permissions.can_edit_profile(request.user, authority):
        raise PermissionDenied(_("Only the municipality's engagement officer may change this."))
    return authority


def _save_with_errors(form: BaseForm, save: Any) -> bool:
    """Run a service; its ValidationError lands at the form's fields instead of a 500."""
    try:
        save()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


def _form_page(
    request: HttpRequest, authority: Authority, form: BaseForm, title: str, **extra: Any
) -> HttpResponse:
    """A form about one authority, with the way back to its page."""
    context = {
        "authority": authority,
        "form": form,
        "title": title,
        "back_url": authority.get_absolute_url(),
        "back_label": authority.name,
        **extra,
    }
    return render(request, "membership/object_form.html", context)


def member_directory_view(request: HtmxHttpRequest) -> HttpResponse:
    form = MemberFilterForm(request.GET or None)
    members = queries.members(form.filters())
    listing = filtered_page(
        request,
        members,
        per_page=PAGE_SIZE,
        template="membership/member_directory.html",
        fragment="membership/_member_results.html",
    )
    # The map marks exactly the members found; an HTMX answer brings it along the results.
    office = is_office(request.user)
    points, member_keys = queries.map_points_with_members(members)
    context: dict[str, Any] = {
        "form": form,
        **listing.context,
        "map": state_map(points, member_keys),
        "map_swap": bool(request.htmx),
        "can_export": office,
        "office": office,
    }
    return render(request, listing.template, context)


@login_required
def member_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    if not is_office(request.user):
        raise PermissionDenied(_("Only the network office exports the directory."))
    members = queries.members(MemberFilterForm(request.GET or None).filters())
    return exports.directory_download(members, fmt)


def declaration_view(request: HttpRequest) -> HttpResponse:
    context = {
        "declaration": queries.current_declaration(),
        "waves": queries.waves_with_signatures(),
        "not_signed": queries.members_not_signed(),
        "can_manage": permissions.can_manage_network(request.user),
    }
    return render(request, "membership/declaration.html", context)


def join_view(request: HttpRequest) -> HttpResponse:
    """»Mitglied werden«: what the network asks of a municipality and how it applies; the
    engagement officer of a municipality that is not a member finds the application here."""
    context = {"own": queries.own_authorities_to_join(request.user)}
    return render(request, "membership/join.html", context)


def partner_list_view(request: HttpRequest) -> HttpResponse:
    context = {
        "partnerships": queries.partnerships(),
        "can_manage": permissions.can_manage_network(request.user),
    }
    return render(request, "membership/partner_list.html", context)


@login_required
def profile_edit_view(request: HttpRequest, ags: str) -> HttpResponse:
    authority = _editable_authority(request, ags)
    profile = services.profile_for(authority)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        topics = list(data.pop("topics"))
        if _save_with_errors(
            form, lambda: services.profile_update(authority=authority, topics=topics, **data)
        ):
            messages.success(request, _("The profile of %(name)s is saved.") % {"name": authority})
            return redirect(authority)
    return _form_page(request, authority, form, _("Engagement structures and strategy"))


def _object_form_view(
    request: HttpRequest,
    ags: str,
    model: type[Model],
    form_class: type[ModelForm],
    pk: int | None,
    title: str,
    kind: str,
    save: Callable[..., Model],
) -> HttpResponse:
    """Create or edit a contact person or leader of the officer's own authority."""
    authority = _editable_authority(request, ags)
    instance = (
        get_object_or_404(model, pk=pk, authority=authority) if pk else model(authority=authority)
    )
    form = form_class(request.POST or None, instance=instance)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_with_errors(
            form, lambda: save(authority=authority, instance=instance, data=form.cleaned_data)
        )
    ):
        messages.success(request, _("Saved."))
        return redirect(authority)
    return render(
        request,
        "membership/object_form.html",
        {
            "authority": authority,
            "form": form,
            "title": title,
            "instance": instance,
            "delete_kind": kind,
            "privacy_note": "membership.leader" if kind == "leitung" else "membership.contact",
        },
    )


@login_required
def contact_form_view(request: HttpRequest, ags: str, pk: int | None = None) -> HttpResponse:
    return _object_form_view(
        request,
        ags,
        ContactPerson,
        ContactPersonForm,
        pk,
        _("Contact person"),
        "kontakt",
        services.contact_person_save,
    )


@login_required
def leader_form_view(request: HttpRequest, ags: str, pk: int | None = None) -> HttpResponse:
    return _object_form_view(
        request, ags, Leader, LeaderForm, pk, _("Leader"), "leitung", services.leader_save
    )


@login_required
@require_POST
def object_delete_view(request: HttpRequest, ags: str, kind: str, pk: int) -> HttpResponse:
    authority = _editable_authority(request, ags)
    if kind == "dokument":
        services.document_delete(
            document=get_object_or_404(StrategyDocument, pk=pk, profile__authority=authority)
        )
    elif kind == "kontakt":
        services.contact_person_delete(
            contact_person=get_object_or_404(ContactPerson, pk=pk, authority=authority)
        )
    elif kind == "leitung":
        services.leader_delete(leader=get_object_or_404(Leader, pk=pk, authority=authority))
    else:
        raise Http404
    messages.success(request, _("Deleted."))
    return redirect(authority)


@login_required
def document_upload_view(request: HttpRequest, ags: str) -> HttpResponse:
    authority = _editable_authority(request, ags)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_with_errors(
            form,
            lambda: services.document_upload(
                authority=authority,
                user=request.user,  # type: ignore[arg-type]
                **form.cleaned_data,
            ),
        )
    ):
        messages.success(request, _("The document is uploaded."))
        return redirect(authority)
    return render(
        request,
        "membership/object_form.html",
        {
            "authority": authority,
            "form": form,
            "title": _("Strategy document (PDF)"),
            "multipart": True,
        },
    )


def document_download_view(request: HttpRequest, ags: str, pk: int) -> FileResponse:
    """Serve a strategy PDF; members-only documents only to members and the office."""
    document = get_object_or_404(StrategyDocument, pk=pk, profile__authority_id=ags)
    if not document.is_public and not (
        permissions.sees_members_only(request.user)
        or permissions.can_edit_profile(request.user, document.profile.authority)
    ):
        raise Http404
    response = FileResponse(
        document.file.open("rb"), content_type="application/pdf", filename=f"{document.title}.pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def application_create_view(request: HttpRequest, ags: str) -> HttpResponse:
    authority = _authority_or_404(ags)
    if not permissions.can_apply(request.user, authority):
        raise PermissionDenied(_("Only the municipality's engagement officer may apply for it."))
    # A link may prefill the texts (the development workshop invites its alumni this way).
    prefill = {
        **queries.application_prefill(authority),
        **{key: request.GET[key] for key in ("cross_cutting", "motivation") if key in request.GET},
    }
    form = ApplicationForm(request.POST or None, authority=authority, initial=prefill)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_with_errors(
            form,
            lambda: services.application_submit(
                authority=authority,
                user=request.user,  # type: ignore[arg-type]
                **form.cleaned_data,
            ),
        )
    ):
        messages.success(
            request,
            _(
                "Your application is submitted. The network office will get "
                "back to you; you will be told by e-mail."
            ),
        )
        return redirect("membership:application_list_own", ags=ags)
    context = {
        "authority": authority,
        "form": form,
        "is_member": queries.is_member(authority),
        "open_application": queries.open_application(authority),
    }
    return render(request, "membership/application_form.html", context)


@login_required
def application_list_own_view(request: HttpRequest, ags: str) -> HttpResponse:
    authority = _authority_or_404(ags)
    if not (permissions.can_apply(request.user, authority) or is_office(request.user)):
        raise PermissionDenied
    context = {"authority": authority, "applications": queries.applications_of(authority)}
    return render(request, "membership/application_list_own.html", context)


@login_required
def application_queue_view(request: HttpRequest) -> HttpResponse:
    if not permissions.can_review_applications(request.user):
        raise PermissionDenied(_("Only the network office reviews applications."))
    status = request.GET.get("status", "open")
    applications = queries.applications_for_review()
    if status == "open":
        applications = applications.filter(status__in=Application.OPEN)
    elif status in Application.Status.values:
        applications = applications.filter(status=status)
    context = {
        "applications": applications,
        "status": status,
        "statuses": [("open", _("open")), *Application.Status.choices, ("all", _("all"))],
    }
    return render(request, "membership/application_queue.html", context)


@login_required
def application_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.application_with_history(pk)
    if application is None or not permissions.can_view_application(request.user, application):
        raise Http404
    office = is_office(request.user)
    review = ReviewForm(request.POST or None) if office else None
    answer = AnswerForm(request.POST or None) if not office else None
    if request.method == "POST":
        form = review or answer
        assert form is not None
        if form.is_valid() and _save_with_errors(
            form, lambda: _decide(application, request.user, form.cleaned_data, office)
        ):
            messages.success(request, _("Done. The applicant is told by e-mail."))
            return redirect(application)
    context = {
        "application": application,
        "review": review,
        "answer": answer,
        "membership": getattr(application, "membership", None),
    }
    return render(request, "membership/application_detail.html", context)


def _decide(application: Application, user: Any, data: dict[str, Any], office: bool) -> None:
    if not office:
        services.application_answer(application=application, actor=user, message=data["message"])
    elif data["decision"] == "admit":
        services.application_admit(
            application=application,
            actor=user,
            wave=data["wave"],
            signed_by=data["signed_by"],
            signer_role=data["signer_role"],
            message=data["message"],
        )
    elif data["decision"] == "request_info":
        services.application_request_info(
            application=application, actor=user, message=data["message"]
        )
    else:
        services.application_decline(application=application, actor=user, reason=data["message"])


@login_required
@require_POST
def application_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    application = queries.application_with_history(pk)
    if application is None or not permissions.can_apply(request.user, application.authority):
        raise Http404
    try:
        services.application_withdraw(application=application, actor=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect(application)


@login_required
def membership_end_view(request: HttpRequest, ags: str) -> HttpResponse:
    authority = _authority_or_404(ags)
    if not permissions.can_end_membership(request.user, authority):
        raise PermissionDenied
    form = LeaveForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_with_errors(
            form,
            lambda: services.membership_end(
                authority=authority,
                actor=request.user,  # type: ignore[arg-type]
                reason=form.cleaned_data["reason"],
            ),
        )
    ):
        messages.success(request, _("%(name)s has left the network.") % {"name": authority})
        return redirect(authority)
    return render(
        request,
        "membership/object_form.html",
        {
            "authority": authority,
            "form": form,
            "title": _("Leave the network"),
            "submit_label": _("Leave the network"),
        },
    )


@login_required
def profile_history_view(request: HttpRequest, ags: str) -> HttpResponse:
    authority = _editable_authority(request, ags)
    context = {"authority": authority, "entries": queries.profile_history(authority)}
    return render(request, "membership/profile_history.html", context)


@login_required
@require_POST
def contact_consent_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The contact person themselves agrees to their e-mail and phone being public."""
    contact = get_object_or_404(ContactPerson.objects.select_related("authority"), pk=pk)
    try:
        services.contact_public_consent_give(contact=contact, user=request.user)  # type: ignore[arg-type]
    except ValidationError as error:
        raise PermissionDenied(error.messages[0]) from error
    messages.success(
        request,
        _(
            "Thank you. The public now sees your contact details in the profile of %(name)s; "
            "you can withdraw this under »My consents«."
        )
        % {"name": contact.institution.name},
    )
    return redirect("accounts:dashboard")
