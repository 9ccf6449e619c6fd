from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from engagiert.core.outbox import outbox_dispatch


class Command(BaseCommand):
    help = "Send every due e-mail of the outbox now (the worker does this by itself)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = outbox_dispatch()
        self.stdout.write(
            _("%(sent)d sent, %(retried)d to retry, %(failed)d failed.")
            % {"sent": result.sent, "retried": result.retried, "failed": result.failed}
        )
