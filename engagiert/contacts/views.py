from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagiert.core.exports import csv_response
from engagiert.core.forms import saved
from engagiert.core.http import AuthenticatedHttpRequest, safe_next
from engagiert.core.lists import filtered_page
from engagiert.membership.models import ContactPerson
from engagiert.registry.models import Authority

from . import exports, importing, permissions, queries, services
from .forms import (
    ActivityForm,
    ContactFilterForm,
    FollowUpForm,
    HandOverForm,
    ImportForm,
    PersonForm,
)
from .models import Activity, ContactImport, FollowUp

PAGE_SIZE = 50
View = Callable[..., HttpResponse]


def office_only(view: View) -> View:
    @login_required
    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not permissions.can_use_crm(request.user):
            raise PermissionDenied(_("Only the network office keeps the contacts."))
        return view(request, *args, **kwargs)

    return checked


@office_only
def contact_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ContactFilterForm(request.GET or None)
    listing = filtered_page(
        request,
        queries.contacts(form.filters()),
        per_page=PAGE_SIZE,
        template="contacts/contact_list.html",
        fragment="contacts/_contact_results.html",
    )
    return render(request, listing.template, {"form": form, **listing.context})


@office_only
def contact_export_view(request: HttpRequest) -> HttpResponse:
    people = queries.contacts(ContactFilterForm(request.GET or None).filters())
    return csv_response(exports.contact_rows(people), filename="kontakte.csv")


@office_only
def person_create_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    # From a municipality's contact page the municipality is chosen already.
    initial = {"authority": request.GET.get("kommune", "")}
    form = PersonForm(request.POST or None, creating=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result: list[ContactPerson] = []
        if saved(
            form,
            lambda: result.append(
                services.person_create(
                    data=data,
                    tags=form.tag_names(),
                    authority=data.get("authority"),
                    organisation=data.get("organisation"),
                )
            ),
        ):
            messages.success(request, _("%(name)s is added.") % {"name": result[0].name})
            return redirect("contacts:person", pk=result[0].pk)
    return _person_form_page(request, form, _("New contact person"))


def _person_form_page(
    request: HttpRequest, form: PersonForm, title: str, person: ContactPerson | None = None
) -> HttpResponse:
    context = {
        "form": form,
        "title": title,
        "back_url": person_url(person) if person else reverse_list(),
        "back_label": person.name if person else _("Contacts"),
        "privacy_note": "contacts.person",
        "tag_names": queries.tag_names(),
    }
    return render(request, "contacts/person_form.html", context)


def person_url(person: ContactPerson) -> str:
    return reverse("contacts:person", args=[person.pk])


def reverse_list() -> str:
    return reverse("contacts:list")


def _person(pk: int) -> ContactPerson:
    return get_object_or_404(
        ContactPerson.objects.select_related("authority", "organisation", "successor"), pk=pk
    )


@office_only
def person_edit_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    if person.ended_on is not None:
        messages.info(request, _("This person has left; their entry stays as it was."))
        return redirect("contacts:person", pk=person.pk)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if saved(
            form,
            lambda: services.person_update(person=person, data=data, tags=form.tag_names()),
        ):
            messages.success(request, _("Saved."))
            return redirect("contacts:person", pk=person.pk)
    return _person_form_page(request, form, _("Edit contact person"), person)


@office_only
def person_hand_over_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    if person.ended_on is not None:
        messages.info(request, _("%(name)s has already left.") % {"name": person.name})
        return redirect("contacts:person", pk=person.pk)
    form = HandOverForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if saved(
            form,
            lambda: services.person_hand_over(
                person=person,
                ended_on=data["ended_on"],
                successor=data.get("successor"),
                successor_data=form.successor_data(),
                take_over_roles=data.get("take_over_roles", False),
                actor=request.user,
            ),
        ):
            messages.success(request, _("%(name)s is marked as left.") % {"name": person.name})
            return redirect("contacts:person", pk=person.pk)
    context = {
        "form": form,
        "title": _("%(name)s leaves: successor") % {"name": person.name},
        "intro": _(
            "The successor takes over the function, the main-contact role, the tags and the open "
            "follow-ups. The history stays visible on both pages."
        ),
        "back_url": person_url(person),
        "back_label": person.name,
        "privacy_note": "contacts.person",
        "submit_label": _("Mark as left"),
    }
    return render(request, "components/form_page.html", context)


def _activity_and_follow_up_forms(
    request: AuthenticatedHttpRequest, *, person: ContactPerson | None, authority: Authority | None
) -> tuple[ActivityForm, FollowUpForm, bool]:
    """The two forms of a CRM page; a POST saves one of them (`action`). True when saved."""
    action = request.POST.get("action") if request.method == "POST" else None
    activity_form = ActivityForm(request.POST if action == "activity" else None, prefix="eintrag")
    follow_up_form = FollowUpForm(
        request.POST if action == "follow_up" else None, prefix="wv", user=request.user
    )
    if action == "activity" and activity_form.is_valid():
        data = activity_form.cleaned_data
        if saved(
            activity_form,
            lambda: services.activity_add(
                author=request.user, person=person, authority=authority, **data
            ),
        ):
            messages.success(request, _("The entry is saved."))
            return activity_form, follow_up_form, True
    if action == "follow_up" and follow_up_form.is_valid():
        data = follow_up_form.cleaned_data
        if saved(
            follow_up_form,
            lambda: services.follow_up_create(
                created_by=request.user, person=person, authority=authority, **data
            ),
        ):
            messages.success(request, _("The follow-up is saved."))
            return activity_form, follow_up_form, True
    return activity_form, follow_up_form, False


@office_only
def person_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = _person(pk)
    activity_form, follow_up_form, saved = _activity_and_follow_up_forms(
        request, person=person, authority=None
    )
    if saved:
        return redirect("contacts:person", pk=person.pk)
    lineage = queries.person_lineage(person)
    context = {
        "person": person,
        "predecessors": [p for p in lineage if p.pk != person.pk],
        "tags": list(person.tags.all()),
        "timeline": queries.person_timeline(person),
        "follow_ups": list(queries.follow_ups(person=person, done=None)),
        "activity_form": activity_form,
        "follow_up_form": follow_up_form,
    }
    return render(request, "contacts/person.html", context)


def _activity_back(request: HttpRequest, activity: Activity) -> str:
    """Where the entry was opened from (a person's or a municipality's page)."""
    if activity.person_id:
        fallback = reverse("contacts:person", args=[activity.person_id])
    else:
        fallback = reverse("contacts:authority", args=[activity.authority_id])
    return safe_next(request, request.GET.get("next", ""), fallback)


def _activity(pk: int) -> Activity:
    return get_object_or_404(Activity.objects.select_related("person", "authority"), pk=pk)


def _activity_about(activity: Activity) -> str:
    return (activity.person or activity.authority).name  # type: ignore[union-attr]


@office_only
def activity_edit_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    activity = _activity(pk)
    back = _activity_back(request, activity)
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if saved(form, lambda: services.activity_update(activity=activity, data=data)):
            messages.success(request, _("The entry is saved."))
            return redirect(back)
    context = {
        "form": form,
        "title": _("Change an entry"),
        "back_url": back,
        "back_label": _activity_about(activity),
    }
    return render(request, "components/form_page.html", context)


@office_only
def activity_delete_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Asks first; deletes on the confirming POST."""
    activity = _activity(pk)
    back = _activity_back(request, activity)
    if request.method == "POST":
        services.activity_delete(activity=activity)
        messages.success(request, _("The entry is deleted."))
        return redirect(back)
    context = {"activity": activity, "about": _activity_about(activity), "back_url": back}
    return render(request, "contacts/activity_delete.html", context)


@office_only
def authority_view(request: AuthenticatedHttpRequest, ags: str) -> HttpResponse:
    authority = get_object_or_404(Authority, ags=ags)
    activity_form, follow_up_form, saved = _activity_and_follow_up_forms(
        request, person=None, authority=authority
    )
    if saved:
        return redirect("contacts:authority", ags=authority.ags)
    context = {
        "authority": authority,
        "people": queries.authority_people(authority),
        "timeline": queries.authority_timeline(authority),
        "follow_ups": list(queries.follow_ups(authority=authority, done=None)),
        "activity_form": activity_form,
        "follow_up_form": follow_up_form,
    }
    return render(request, "contacts/authority.html", context)


@office_only
def follow_up_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    mine = request.GET.get("alle") is None
    done = request.GET.get("erledigt") is not None
    rows = queries.follow_ups(assignee=request.user if mine else None, done=done)
    context = {"follow_ups": list(rows), "mine": mine, "done": done}
    return render(request, "contacts/follow_up_list.html", context)


@office_only
@require_POST
def follow_up_mark_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    follow_up = get_object_or_404(FollowUp, pk=pk)
    done = request.POST.get("done") == "1"
    services.follow_up_mark(follow_up=follow_up, done=done, user=request.user)
    messages.success(
        request,
        (_("»%(title)s« is done.") if done else _("»%(title)s« is open again."))
        % {"title": follow_up.title},
    )
    return redirect(
        safe_next(request, request.POST.get("next", ""), reverse("contacts:follow_ups"))
    )


@office_only
def import_upload_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result: list[ContactImport] = []
        if saved(
            form,
            lambda: result.append(
                services.contact_import_preview(file=form.cleaned_data["file"], user=request.user)
            ),
        ):
            return redirect("contacts:import_preview", pk=result[0].pk)
    context = {
        "form": form,
        "title": _("Import a contact list"),
        "intro": _(
            "You first see every row with what would happen to it; nothing is saved before "
            "you confirm."
        ),
        "back_url": reverse_list(),
        "back_label": _("Contacts"),
        "multipart": True,
        "submit_label": _("Show preview"),
    }
    return render(request, "components/form_page.html", context)


@office_only
def import_preview_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact_import = get_object_or_404(ContactImport, pk=pk)
    error = ""
    if request.method == "POST":
        lines = [
            row["line"]
            for row in contact_import.rows
            if request.POST.get(f"zeile-{row['line']}") == "update"
        ]
        try:
            result = services.contact_import_confirm(
                contact_import=contact_import, update_lines=lines, user=request.user
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(
                request,
                _(
                    "Imported: %(created)d new, %(updated)d updated, %(skipped)d skipped, "
                    "%(invalid)d invalid rows left out."
                )
                % result,
            )
            return redirect("contacts:list")
    # The rows that ask for a decision (duplicates) or explain a problem come first.
    order = {importing.DUPLICATE: 0, importing.INVALID: 1, importing.NEW: 2}
    rows = sorted(contact_import.rows, key=lambda row: (order[row["outcome"]], row["line"]))
    counts = {outcome: sum(1 for row in rows if row["outcome"] == outcome) for outcome in order}
    context = {"contact_import": contact_import, "rows": rows, "counts": counts, "error": error}
    return render(request, "contacts/import_preview.html", context, status=400 if error else 200)
