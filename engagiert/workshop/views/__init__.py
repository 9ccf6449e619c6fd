"""Pages of the development workshop: the cohorts' course and their closed spaces."""

from .cohorts import (
    application_view,
    cohort_detail_view,
    cohort_list_view,
    evaluation_view,
    finish_view,
    selection_view,
)
from .office import (
    call_view,
    cohort_form_view,
    evaluation_export_view,
    minutes_file_view,
    minutes_view,
    panel_score_view,
    resource_file_view,
)
from .space import (
    resource_publish_view,
    resources_view,
    session_view,
    slot_action_view,
    slots_view,
    space_view,
    thread_view,
    threads_view,
    topics_view,
    vote_view,
)

__all__ = [
    "call_view",
    "cohort_form_view",
    "evaluation_export_view",
    "minutes_file_view",
    "minutes_view",
    "panel_score_view",
    "resource_file_view",
    "application_view",
    "cohort_detail_view",
    "cohort_list_view",
    "evaluation_view",
    "finish_view",
    "resource_publish_view",
    "resources_view",
    "selection_view",
    "session_view",
    "slot_action_view",
    "slots_view",
    "space_view",
    "thread_view",
    "threads_view",
    "topics_view",
    "vote_view",
]
