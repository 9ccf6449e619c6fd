from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from engagiert.core.navigation import NavItem


def _may_read(user: Any) -> bool:
    from engagiert.membership.permissions import sees_members_only

    return bool(user.is_authenticated) and sees_members_only(user)


class MailingsConfig(AppConfig):
    name = "engagiert.mailings"
    label = "mailings"
    verbose_name = _("Info-mails")
    navigation = [NavItem(_("Info-mails"), "mailings:mailing_list", _may_read, order=40)]

    def ready(self) -> None:
        from engagiert.core import extensions

        from .queries import unsubscribed

        extensions.segment_opt_outs.register("mailings.unsubscribed", unsubscribed)
