"""The office's pages about the network as a whole: signing waves and their signatories, the
partner institutions, and inviting a municipality's contact person to an account."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagiert.accounts.models import Role
from engagiert.core.forms import saved
from engagiert.registry.models import Authority

from . import network_services, permissions, queries
from .forms import DeclarationForm, InviteForm, PartnershipForm, SignatureForm, WaveForm
from .models import ContactPerson, Partnership, Signature, SigningWave


def _office_only(request: HttpRequest) -> None:
    if not permissions.can_manage_network(request.user):
        raise PermissionDenied(_("The network office keeps this."))


def _form_page(request: HttpRequest, form: BaseForm, **context: Any) -> HttpResponse:
    return render(request, "components/form_page.html", {"form": form, **context})


@login_required
def declaration_publish_view(request: HttpRequest) -> HttpResponse:
    """The office publishes a new version of the joint declaration (from the current text)."""
    _office_only(request)
    form = DeclarationForm(request.POST or None, current=queries.current_declaration())
    if request.method == "POST" and saved(
        form, lambda: network_services.declaration_publish(data=form.cleaned_data)
    ):
        messages.success(request, _("The new version is published; new signing waves sign it."))
        return redirect("membership:declaration")
    return _form_page(
        request,
        form,
        title=_("New version of the joint declaration"),
        intro=_(
            "The declaration's page shows the newest version; earlier versions stay with the "
            "signing waves that signed them."
        ),
        back_url=reverse("membership:declaration"),
        back_label=_("Joint declaration"),
        submit_label=_("Publish the version"),
    )


@login_required
def wave_form_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The office records a new signing wave, or corrects one."""
    _office_only(request)
    instance = get_object_or_404(SigningWave, pk=pk) if pk else None
    form = WaveForm(request.POST or None, instance=instance)
    stored: list[SigningWave] = []
    if request.method == "POST" and saved(
        form,
        lambda: stored.append(
            network_services.wave_save(instance=instance, data=form.cleaned_data)
        ),
    ):
        messages.success(request, _("The signing wave is saved; now record who signed."))
        return redirect("membership:wave_detail", pk=stored[0].pk)
    return _form_page(
        request,
        form,
        title=_("Edit signing wave") if instance else _("New signing wave"),
        back_url=reverse("membership:declaration"),
        back_label=_("Joint declaration"),
        submit_label=_("Save signing wave"),
    )


@login_required
def wave_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A wave's signatories; the office records another one here."""
    _office_only(request)
    wave = queries.wave_with_signatures(pk)
    if wave is None:
        raise Http404
    form = SignatureForm(request.POST or None, wave=wave)
    if request.method == "POST" and saved(
        form,
        lambda: network_services.signature_add(
            wave=wave,
            authority=form.cleaned_data["authority"],
            organisation=form.cleaned_data["organisation"],
            signed_by=form.cleaned_data["signed_by"],
            signer_role=form.cleaned_data["signer_role"],
        ),
    ):
        messages.success(request, _("The signature is recorded."))
        return redirect("membership:wave_detail", pk=pk)
    context = {"wave": wave, "form": form, "not_signed": queries.members_not_signed()}
    return render(request, "membership/wave_detail.html", context)


@login_required
@require_POST
def signature_remove_view(request: HttpRequest, pk: int, signature: int) -> HttpResponse:
    _office_only(request)
    found = get_object_or_404(Signature, pk=signature, wave_id=pk)
    network_services.signature_remove(signature=found)
    messages.success(request, _("The signature is removed from this wave."))
    return redirect("membership:wave_detail", pk=pk)


@login_required
def partnership_form_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """The office adds a partner institution in a role, or changes one."""
    _office_only(request)
    instance = get_object_or_404(Partnership, pk=pk) if pk else None
    form = PartnershipForm(request.POST or None, instance=instance)
    if request.method == "POST" and saved(
        form,
        lambda: network_services.partnership_save(instance=instance, data=form.cleaned_data),
    ):
        messages.success(request, _("The partnership is saved."))
        return redirect("membership:partners")
    return render(
        request,
        "membership/partnership_form.html",
        {
            "form": form,
            "instance": instance,
            "title": _("Edit partnership") if instance else _("New partner institution"),
            "back_url": reverse("membership:partners"),
            "back_label": _("Partner institutions"),
            "privacy_note": "membership.partner",
        },
    )


@login_required
@require_POST
def partnership_end_view(request: HttpRequest, pk: int) -> HttpResponse:
    _office_only(request)
    partnership = get_object_or_404(Partnership, pk=pk)
    try:
        network_services.partnership_end(partnership=partnership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The partnership with %(name)s has ended.") % {"name": partnership.organisation},
        )
    return redirect("membership:partners")


@login_required
def contact_invite_view(request: HttpRequest, ags: str, pk: int) -> HttpResponse:
    """Invite a contact person of a municipality to an account with a role."""
    authority = get_object_or_404(Authority, ags=ags)
    contact = get_object_or_404(ContactPerson, pk=pk, authority=authority)
    if not permissions.can_invite_contact(request.user, authority):
        raise PermissionDenied(_("Only the network office or the municipality's officer invites."))
    roles = [(role.value, str(role.label)) for role in network_services.INVITABLE_ROLES]
    form = InviteForm(request.POST or None, roles=roles, initial={"role": Role.OFFICER.value})
    if request.method == "POST" and saved(
        form,
        lambda: network_services.contact_invite(
            contact=contact,
            role=form.cleaned_data["role"],
            invited_by=request.user,  # type: ignore[arg-type]
        ),
    ):
        messages.success(
            request,
            _("%(name)s is invited; the mail goes to %(email)s.")
            % {"name": contact.name, "email": contact.email},
        )
        return redirect(authority)
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "title": _("Invite %(name)s to the platform") % {"name": contact.name},
            "intro": _(
                "%(email)s gets a mail with a link to choose a password; an existing account "
                "only gets the role."
            )
            % {"email": contact.email or "–"},
            "back_url": authority.get_absolute_url(),
            "back_label": authority.name,
            "submit_label": _("Send invitation"),
        },
    )
