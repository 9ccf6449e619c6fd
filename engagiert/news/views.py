import mimetypes

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engagiert.accounts.permissions import is_office
from engagiert.core.forms import saved
from engagiert.core.http import AuthenticatedHttpRequest
from engagiert.core.markup import to_html

from . import permissions, queries, services
from .forms import ArticleForm, AttachmentForm, ReturnForm, TopicFilterForm
from .models import Article, ArticleFile

PAGE_SIZE = 10


def _visible(request: HttpRequest, pk: int) -> Article:
    article = get_object_or_404(
        Article.objects.select_related("authority", "event", "author").prefetch_related(
            "topics", "files"
        ),
        pk=pk,
    )
    if not permissions.can_see(request.user, article):
        raise Http404
    return article


def _editable(request: HttpRequest, pk: int) -> Article:
    article = get_object_or_404(Article, pk=pk)
    if not permissions.can_edit(request.user, article):
        raise PermissionDenied(_("You edit only your own municipality's news."))
    return article


def article_list_view(request: HttpRequest) -> HttpResponse:
    form = TopicFilterForm(request.GET or None)
    topic = form.cleaned_data["thema"] if form.is_valid() else None
    page = Paginator(
        queries.published(request.user, topic=topic.slug if topic else ""), PAGE_SIZE
    ).get_page(request.GET.get("seite"))
    context = {
        "page": page,
        "form": form,
        "query": f"thema={topic.slug}" if topic else "",
        "can_write": permissions.can_write(request.user),
    }
    return render(request, "news/article_list.html", context)


def article_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    article = _visible(request, pk)
    office = is_office(request.user)
    context = {
        "article": article,
        "body_html": to_html(article.body, headings=True),
        "release_required": settings.NEWS_RELEASE_REQUIRED,
        "can_edit": permissions.can_edit(request.user, article),
        "office": office,
        "return_form": ReturnForm()
        if office and article.status == Article.Status.WAITING
        else None,
        "mailing_url": queries.mailing_prefill_url(article)
        if office and article.is_published
        else "",
    }
    return render(request, "news/article_detail.html", context)


@login_required
def manage_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Drafts and articles waiting for release: the office sees all, an officer their own."""
    if not permissions.can_write(request.user):
        raise PermissionDenied(_("News are written by the network office and member officers."))
    context = {"articles": queries.unpublished_for(request.user)[:100]}
    return render(request, "news/manage.html", context)


@login_required
def article_form_view(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    if not permissions.can_write(request.user):
        raise PermissionDenied(_("News are written by the network office and member officers."))
    article = _editable(request, pk) if pk else None
    authorities = None if is_office(request.user) else permissions.own_authorities(request.user)
    form = ArticleForm(
        request.POST or None, request.FILES or None, instance=article, authorities=authorities
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "photo"}
        photo = form.cleaned_data["photo"] or None
        try:
            stored = (
                services.article_update(article=article, data=data, photo=photo, user=request.user)
                if article is not None
                else services.article_create(author=request.user, photo=photo, **data)
            )
        except ValidationError as error:
            form.add_error(None, error)
            if photo is not None and "photo" not in form.errors:
                form.add_error("photo", _("Please choose the photo again."))
        else:
            messages.success(request, _("Saved. Check the article, then publish it."))
            return redirect(stored)
    return render(
        request,
        "news/article_form.html",
        {
            "form": form,
            "article": article,
            "title": _("Write news") if article is None else article.title,
            "multipart": True,
            "back_url": article.get_absolute_url() if article else "/aktuelles/",
            "back_label": _("News"),
        },
    )


@login_required
@require_POST
def article_action_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Publish or send for release, release, send back with a note, withdraw, remove the photo."""
    article = _editable(request, pk)
    action = request.POST.get("action", "")
    if action in {"release", "return"} and not permissions.can_release(request.user):
        raise PermissionDenied
    try:
        if action == "submit":
            article = services.article_submit(article=article, user=request.user)
            done = (
                _("The article is published.")
                if article.is_published
                else _("The article waits for the network office's release.")
            )
        elif action == "release":
            services.article_release(article=article)
            done = _("The article is published; its author is told by e-mail.")
        elif action == "return":
            services.article_return(article=article, note=request.POST.get("note", ""))
            done = _("The article is sent back to its author with your note.")
        elif action == "withdraw":
            services.article_withdraw(article=article)
            done = _("The article is a draft again and no longer visible.")
        elif action == "remove_photo":
            services.article_photo_remove(article=article)
            done = _("The photo is removed.")
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(article.get_absolute_url())


def photo_view(request: HttpRequest, pk: int) -> FileResponse:
    """An article's photo, with the same visibility as the article."""
    article = _visible(request, pk)
    if not article.photo:
        raise Http404
    content_type = mimetypes.guess_type(article.photo.name or "")[0] or "application/octet-stream"
    return FileResponse(article.photo.open("rb"), content_type=content_type)


@login_required
def attachment_add_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    article = _editable(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and saved(
        form,
        lambda: services.attachment_add(
            article=article, title=form.cleaned_data["title"], file=form.cleaned_data["file"]
        ),
    ):
        messages.success(request, _("The PDF is attached."))
        return redirect(article)
    return render(
        request,
        "components/form_page.html",
        {
            "form": form,
            "title": _("Attach a PDF"),
            "multipart": True,
            "back_url": article.get_absolute_url(),
            "back_label": article.title,
        },
    )


def attachment_view(request: HttpRequest, pk: int, attachment: int) -> FileResponse:
    """An article's PDF, with the same visibility as the article."""
    article = _visible(request, pk)
    found = get_object_or_404(ArticleFile, pk=attachment, article=article)
    return FileResponse(
        found.file.open("rb"), content_type="application/pdf", filename=f"{found.title}.pdf"
    )


@login_required
@require_POST
def attachment_delete_view(
    request: AuthenticatedHttpRequest, pk: int, attachment: int
) -> HttpResponse:
    article = _editable(request, pk)
    services.attachment_delete(
        attachment=get_object_or_404(ArticleFile, pk=attachment, article=article)
    )
    messages.success(request, _("The attachment is removed."))
    return redirect(article)
