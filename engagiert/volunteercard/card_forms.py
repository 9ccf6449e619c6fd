from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CARD_NUMBER_LENGTH, Card


class CardSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or card number"), required=False, max_length=100)


class CardRevokeForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Kind of revocation"),
        choices=[
            choice
            for choice in Card.RevocationCategory.choices
            if choice[0] != Card.RevocationCategory.REPLACED
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Kept for the staff and the audit log; the public check shows only the kind."),
    )


class CardNumberForm(forms.Form):
    number = forms.CharField(
        label=_("Card number"),
        max_length=CARD_NUMBER_LENGTH + 8,
        help_text=_("16 characters as printed on the card, spaces allowed."),
    )
