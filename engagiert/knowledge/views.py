from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagiert.accounts.models import Role, User
from engagiert.accounts.permissions import acting_authority, authorities_for_role, is_office
from engagiert.core.forms import saved
from engagiert.core.http import AuthenticatedHttpRequest
from engagiert.registry.models import Authority, Topic

from . import permissions, queries, services
from .forms import (
    AnswerForm,
    AttachmentForm,
    FollowForm,
    KnowledgeItemForm,
    MergeForm,
    OfferForm,
    QuestionForm,
    ReplyForm,
    RequestForm,
)
from .models import (
    Answer,
    AssistanceOffer,
    AssistanceRequest,
    Attachment,
    KnowledgeItem,
)

PAGE_SIZE = 20


def _members_only(request: HttpRequest) -> None:
    if not permissions.is_member_user(request.user):
        raise PermissionDenied(_("This part of the knowledge base is for network members."))


def item_list_view(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in KnowledgeItem.Kind.values else ""
    page = Paginator(
        queries.items(
            members=permissions.is_member_user(request.user),
            kind=kind,
            topic=request.GET.get("topic", "")[:100],
        ),
        PAGE_SIZE,
    ).get_page(request.GET.get("seite"))
    context = {
        "page": page,
        "kind": kind,
        "kinds": KnowledgeItem.Kind.choices,
        "is_member": permissions.is_member_user(request.user),
        "query": f"kind={kind}",
    }
    return render(request, "knowledge/item_list.html", context)


def item_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        KnowledgeItem.objects.select_related("authority", "merged_into").prefetch_related(
            "topics", "attachments"
        ),
        pk=pk,
    )
    if item.merged_into_id:
        return redirect(item.merged_into)  # type: ignore[arg-type]
    if not permissions.can_see_item(request.user, item):
        raise Http404
    office = is_office(request.user)
    merge = MergeForm(request.POST or None, item=item) if office else None
    if (
        request.method == "POST"
        and merge is not None
        and saved(
            merge, lambda: services.item_merge(duplicate=item, into=merge.cleaned_data["into"])
        )
    ):
        messages.success(request, _("The duplicate is merged."))
        return redirect(merge.cleaned_data["into"])
    context = {
        "item": item,
        "can_edit": permissions.can_edit_item(request.user, item),
        "office": office,
        "merge": merge,
    }
    return render(request, "knowledge/item_detail.html", context)


@login_required
def item_form_view(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    _members_only(request)
    item = get_object_or_404(KnowledgeItem, pk=pk) if pk else None
    if item and not permissions.can_edit_item(request.user, item):
        raise PermissionDenied
    form = KnowledgeItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            saved = (
                services.item_update(item=item, data=form.cleaned_data)
                if item is not None
                else services.item_create(
                    author=request.user,
                    authority=acting_authority(request.user),
                    **form.cleaned_data,
                )
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved – thank you for sharing."))
            return redirect(saved)
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "title": _("Share knowledge") if item is None else item.title,
            "back_url": "/wissen/",
            "back_label": _("Knowledge"),
        },
    )


@login_required
def attachment_add_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(KnowledgeItem, pk=pk)
    if not permissions.can_edit_item(request.user, item):
        raise PermissionDenied
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and saved(
        form,
        lambda: services.attachment_add(
            item=item, title=form.cleaned_data["title"], file=form.cleaned_data["file"]
        ),
    ):
        messages.success(request, _("The PDF is attached; its text becomes searchable shortly."))
        return redirect(item)
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "title": _("Attach a PDF"),
            "multipart": True,
            "back_url": item.get_absolute_url(),
            "back_label": item.title,
        },
    )


def attachment_view(request: HttpRequest, pk: int, attachment: int) -> FileResponse:
    """A knowledge item's PDF, with the same visibility as the item."""
    found = get_object_or_404(Attachment.objects.select_related("item"), pk=attachment, item_id=pk)
    if not permissions.can_see_item(request.user, found.item):
        raise Http404
    return FileResponse(
        found.file.open("rb"), content_type="application/pdf", filename=f"{found.title}.pdf"
    )


@login_required
@require_POST
def item_curate_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if not is_office(request.user):
        raise PermissionDenied
    item = get_object_or_404(KnowledgeItem, pk=pk)
    action = request.POST.get("action")
    if action == "feature":
        services.item_feature_toggle(item=item)
    elif action == "archive":
        services.item_archive(item=item)
    return redirect("knowledge:item_list" if action == "archive" else item.get_absolute_url())


@login_required
def question_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    _members_only(request)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question = services.question_ask(
            user=request.user,
            authority=acting_authority(request.user),
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            topics=list(form.cleaned_data["topics"]),
        )
        messages.success(request, _("Your question is published to the network."))
        return redirect(question)
    page = Paginator(queries.questions(request.GET.get("topic", "")[:100]), PAGE_SIZE).get_page(
        request.GET.get("seite")
    )
    return render(request, "knowledge/question_list.html", {"page": page, "form": form})


@login_required
def question_detail_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _members_only(request)
    question = queries.question_with_answers(pk)
    if question is None:
        raise Http404
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and saved(
        form,
        lambda: services.answer_add(
            question=question,
            user=request.user,
            authority=acting_authority(request.user),
            body=form.cleaned_data["body"],
        ),
    ):
        messages.success(request, _("Thank you – your answer is published."))
        return redirect(question)
    return render(
        request,
        "knowledge/question_detail.html",
        {"question": question, "form": form, "is_asker": question.author_id == request.user.pk},
    )


@login_required
@require_POST
def answer_action_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _members_only(request)
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    try:
        if request.POST.get("action") == "accept":
            services.answer_accept(answer=answer, user=request.user)
            messages.success(request, _("You accepted the answer; the question counts as solved."))
        else:
            services.answer_mark_helpful(answer=answer, user=request.user)
            messages.success(request, _("Thank you – you marked the answer as helpful."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(answer.question)


@login_required
def follow_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    _members_only(request)
    current = Topic.objects.filter(followers__user=request.user)
    form = FollowForm(request.POST or None, initial={"topics": current})
    if request.method == "POST" and form.is_valid():
        services.topic_follow_set(user=request.user, topics=form.cleaned_data["topics"])
        messages.success(request, _("You will be told of new questions in these topics."))
        return redirect("knowledge:follow")
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "title": _("Topics I follow"),
            "back_url": "/wissen/fragen/",
            "back_label": _("Collegial advice"),
        },
    )


def offer_list_view(request: HttpRequest) -> HttpResponse:
    mine = authorities_for_role(request.user, Role.OFFICER)
    form = OfferForm(request.POST or None) if mine else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            offer = services.offer_create(authority=mine[0], **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your offer is published."))
            return redirect(offer)
    return render(
        request,
        "knowledge/offer_list.html",
        {"offers": queries.offers(request.GET.get("topic", "")[:100]), "form": form},
    )


def offer_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(AssistanceOffer.objects.select_related("authority"), pk=pk)
    requester = acting_authority(request.user)
    if requester is not None and not permissions.is_member_user(request.user):
        requester = None  # Amtshilfe is for member municipalities
    form = RequestForm(request.POST or None) if requester else None
    user = request.user
    if (
        request.method == "POST"
        and form is not None
        and requester is not None
        and isinstance(user, User)
        and saved(
            form,
            lambda: services.assistance_request(
                offer=offer, user=user, authority=requester, message=form.cleaned_data["message"]
            ),
        )
    ):
        messages.success(
            request, _("Your request is sent to %(name)s.") % {"name": offer.authority.name}
        )
        return redirect(offer)
    answering = permissions.can_answer_request(request.user, offer)
    context = {
        "offer": offer,
        "form": form,
        "answering": answering,
        "requests": offer.requests.select_related("authority") if answering else [],
    }
    return render(request, "knowledge/offer_detail.html", context)


@login_required
def request_reply_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        AssistanceRequest.objects.select_related("offer__authority", "authority"), pk=pk
    )
    if not permissions.can_answer_request(request.user, item.offer):
        raise PermissionDenied
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and saved(
        form,
        lambda: services.assistance_answer(
            request=item,
            accept=form.cleaned_data["decision"] == "accept",
            reply=form.cleaned_data["reply"],
        ),
    ):
        messages.success(request, _("The requesting municipality is told by e-mail."))
        return redirect(item.offer)
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "title": _("Request of %(name)s") % {"name": item.authority.name},
            "intro": item.message,
            "back_url": item.offer.get_absolute_url(),
            "back_label": item.offer.title,
        },
    )


def peers_view(request: HttpRequest) -> HttpResponse:
    """»Kommunen wie meine« and »Wer hat das schon gelöst?«."""
    own = acting_authority(request.user)
    ags = request.GET.get("ags") or (own.ags if own else "")
    authority = Authority.objects.select_related("region").filter(ags=ags[:8]).first()
    topic = Topic.objects.filter(slug=request.GET.get("thema", "")[:100]).first()
    members = permissions.is_member_user(request.user)
    context = {
        "authority": authority,
        "peers": queries.peers(authority) if authority else [],
        "topic": topic,
        "topics": Topic.objects.order_by("name"),
        "places": Authority.objects.filter(
            kind__in=[*Authority.MUNICIPAL_KINDS, *Authority.DISTRICT_KINDS]
        )
        .order_by("name")
        .values_list("ags", "name"),
        "solved": queries.solved_by(topic, members=members) if topic else [],
    }
    return render(request, "knowledge/peers.html", context)
