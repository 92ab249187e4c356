from django.apps import AppConfig
from typing_extensions import override


class UtilsConfig(AppConfig):
    """Glue without domain words; an app only to run start-up patches."""

    name = "dichtbij.utils"
    label = "dichtbij_utils"

    @override
    def ready(self) -> None:
        from dichtbij.utils.typing import patch_drf_generics

        patch_drf_generics()
