"""How actions of spontaneous help become search documents (registered in apps.py): a
published action of a verified provider, with its places and tasks; drafts are not found."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import SearchDocument, SearchProvider

from .models import Action, ActionPlace, Provider, Task


def action_document(action: Action) -> SearchDocument | None:
    if action.status != Action.Status.PUBLISHED or not action.provider.is_verified:
        return None
    parts = [action.description, str(action.provider.organisation), action.authority.name]
    for place in action.places.all():
        parts += [place.name, place.address]
        parts += [f"{task.title} {task.description}" for task in place.tasks.all()]
    return SearchDocument(
        kind="action",
        key=f"action:{action.pk}",
        title=action.title,
        text="\n".join(part for part in parts if part),
        url=action.get_absolute_url(),
        region=action.authority.name,
        year=action.created_at.year,
    )


def actions() -> QuerySet[Action]:
    return Action.objects.select_related("provider__organisation", "authority").prefetch_related(
        "places__tasks"
    )


def _place_action(place: ActionPlace) -> list[Action]:
    return [place.action]


def _task_action(task: Task) -> list[Action]:
    return [task.place.action]


def _provider_actions(provider: Provider) -> list[Action]:
    return list(provider.actions.all())


def provider() -> SearchProvider:
    return SearchProvider(
        kind="action",
        label=_("Action (help in shifts)"),
        model=Action,
        document=action_document,
        queryset=actions,
        watch=(
            (ActionPlace, _place_action),
            (Task, _task_action),
            (Provider, _provider_actions),
        ),
    )
