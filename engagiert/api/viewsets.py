"""The base of every public resource: read-only, anonymous, filtered like its page.

A resource names the filter form of its list page (`filter_form_class`, a core FilterForm):
the API accepts the same query parameters, but answers a wrong value with 400 and the form's
German message at the parameter instead of dropping it, and the schema documents each
parameter from the form field (see `schema.AutoSchema`)."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError

from engagiert.core.forms import FilterForm


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    """List and detail for everyone: what an anonymous visitor of the pages sees, never more,
    whoever asks (a token's members-only reads are separate resources)."""

    filter_form_class: type[FilterForm] | None = None
    #: The viewer whose permissions every public query applies.
    viewer = AnonymousUser()

    def filters(self) -> Any:
        """The list's filters from the query parameters; 400 on a value the page would drop."""
        assert self.filter_form_class is not None
        params = self.request.query_params
        form = self.filter_form_class(params if params else None)
        if form.is_bound and not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        return form.filters()
