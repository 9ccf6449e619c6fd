from django.urls import path

from . import views

app_name = "knowledge"
urlpatterns = [
    path("", views.item_list_view, name="item_list"),
    path("neu/", views.item_form_view, name="item_create"),
    path("<int:pk>/", views.item_detail_view, name="item_detail"),
    path("<int:pk>/bearbeiten/", views.item_form_view, name="item_edit"),
    path("<int:pk>/kuratieren/", views.item_curate_view, name="item_curate"),
    path("<int:pk>/anhang/", views.attachment_add_view, name="attachment_add"),
    path("<int:pk>/anhang/<int:attachment>/", views.attachment_view, name="attachment"),
    path("fragen/", views.question_list_view, name="question_list"),
    path("fragen/<int:pk>/", views.question_detail_view, name="question_detail"),
    path("antworten/<int:pk>/", views.answer_action_view, name="answer_action"),
    path("themen/", views.follow_view, name="follow"),
    path("amtshilfe/", views.offer_list_view, name="offer_list"),
    path("amtshilfe/<int:pk>/", views.offer_detail_view, name="offer_detail"),
    path("amtshilfe/anfragen/<int:pk>/", views.request_reply_view, name="request_reply"),
    path("kommunen-wie-meine/", views.peers_view, name="peers"),
]
