from django.urls import path

from . import feeds, views

app_name = "news"
urlpatterns = [
    path("", views.article_list_view, name="article_list"),
    path("neu/", views.article_form_view, name="article_create"),
    path("redaktion/", views.manage_view, name="manage"),
    path("feed.rss", feeds.ArticleRssFeed(), name="feed_rss"),
    path("feed.atom", feeds.ArticleAtomFeed(), name="feed_atom"),
    path("<int:pk>/", views.article_detail_view, name="article_detail"),
    path("<int:pk>/bearbeiten/", views.article_form_view, name="article_edit"),
    path("<int:pk>/status/", views.article_action_view, name="article_action"),
    path("<int:pk>/foto/", views.photo_view, name="photo"),
    path("<int:pk>/anhang/", views.attachment_add_view, name="attachment_add"),
    path("<int:pk>/anhang/<int:attachment>/", views.attachment_view, name="attachment"),
    path(
        "<int:pk>/anhang/<int:attachment>/loeschen/",
        views.attachment_delete_view,
        name="attachment_delete",
    ),
]
