"""The JSON API of the Ehrenamtskarte."""

from typing import Any

from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from engagiert.api.authentication import TokenAuthentication
from engagiert.api.permissions import CardsVerify

from .cards import card_check

#: As long as the verification page accepts.
CODE_MAX_LENGTH = 2000

# --- Token access: verify a card's code (scope cards:verify) --------------------------------


class CardCheckSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=CODE_MAX_LENGTH, trim_whitespace=True)


class CardCheckAnswerSerializer(serializers.Serializer):
    """The verification page's answer to a scanned code, nothing more (no holder's data)."""

    reason = serializers.CharField()
    valid = serializers.BooleanField()
    text = serializers.CharField()
    revocation = serializers.CharField(allow_blank=True)


class CardCheckViewSet(viewsets.GenericViewSet):
    """Check the code of an Ehrenamtskarte: signature, dates and revocation."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [CardsVerify]
    serializer_class = CardCheckSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        verification = card_check(serializer.validated_data["code"])
        answer = {
            "reason": verification.reason.value,
            "valid": verification.valid,
            "text": verification.text,
            "revocation": verification.revocation,
        }
        return Response(CardCheckAnswerSerializer(answer).data)
