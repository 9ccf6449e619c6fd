"""Writes of audience segments: the office saves a rule it built elsewhere (the member
directory's filters, one event's participants) as a segment it can send to."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Segment


@transaction.atomic
def segment_create(
    *, name: str, kind: str, parameters: dict[str, Any], description: str = ""
) -> Segment:
    """A new segment; the same rule with the same parameters saved before is used again."""
    same = Segment.objects.filter(kind=kind, parameters=parameters).first()
    if same is not None:
        return same
    if Segment.objects.filter(name__iexact=name.strip()).exists():
        raise ValidationError(
            {"name": _("An audience with this name exists already. Please choose another name.")}
        )
    segment = Segment(name=name.strip(), kind=kind, parameters=parameters, description=description)
    segment.full_clean()
    segment.save()
    return segment
