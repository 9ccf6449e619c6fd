import datetime

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import PeriodicJob, periodic_jobs


def _publish_every_dataset() -> object:
    from .services import datasets_publish

    return datasets_publish()


class OpenDataConfig(AppConfig):
    name = "engagiert.opendata"
    label = "opendata"
    verbose_name = _("Open data")

    def ready(self) -> None:
        periodic_jobs.register(
            "opendata.publish",
            PeriodicJob(
                _("Write the open-data files of every dataset"),
                datetime.timedelta(days=1),
                _publish_every_dataset,
            ),
        )
