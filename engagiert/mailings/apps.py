import datetime
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.extensions import NavItem, PeriodicJob, navigation, periodic_jobs, personal_data


def _may_read(user: Any) -> bool:
    from engagiert.membership.permissions import sees_members_only

    return bool(user.is_authenticated) and sees_members_only(user)


def _news_at_once() -> int:
    from .digest import digest_send

    return digest_send(frequency="now")


def _weekly_digest() -> int:
    from .digest import digest_send

    return digest_send(frequency="digest")


class MailingsConfig(AppConfig):
    name = "engagiert.mailings"
    label = "mailings"
    verbose_name = _("Info-mails")

    def ready(self) -> None:
        from .personal_data import declarations

        for key, declaration in declarations().items():
            personal_data.register(key, declaration)
        navigation.register(
            "mailings.mailings",
            NavItem(_("Info-mails"), "mailings:mailing_list", _may_read, order=40),
        )
        periodic_jobs.register(
            "mailings.news_at_once",
            PeriodicJob(_("Send news at once"), datetime.timedelta(hours=1), _news_at_once),
        )
        periodic_jobs.register(
            "mailings.weekly_digest",
            PeriodicJob(_("Send the weekly digest"), datetime.timedelta(days=7), _weekly_digest),
        )
        from engagiert.core import extensions

        from .queries import unsubscribed

        extensions.segment_opt_outs.register("mailings.unsubscribed", unsubscribed)
