"""Runtime support for the generic annotations that django-stubs and DRF stubs use."""

from typing import Any

import django_stubs_ext


def patch_drf_generics() -> None:
    """Make the DRF classes our code subscripts (``ListAPIView[Region]``) subscriptable.

    Must run after settings are configured, since importing DRF reads them.
    """
    from rest_framework import fields, generics, serializers, viewsets

    classes: list[type[Any]] = [
        generics.GenericAPIView,
        generics.ListAPIView,
        generics.RetrieveAPIView,
        serializers.BaseSerializer,
        serializers.Serializer,
        serializers.ModelSerializer,
        serializers.ListSerializer,
        fields.Field,
        viewsets.GenericViewSet,
        viewsets.ReadOnlyModelViewSet,
    ]
    django_stubs_ext.monkeypatch(extra_classes=classes)
