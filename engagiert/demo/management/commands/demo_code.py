"""The current second-factor code of the demo accounts that need one (`make code`)."""

import pyotp
from django.core.management.base import BaseCommand

from engagiert.demo.data import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo office and card-staff accounts."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(pyotp.TOTP(DEMO_TOTP_SECRET).now())
