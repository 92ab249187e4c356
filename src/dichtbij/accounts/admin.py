"""Admin for functioneel beheer: users, organisations, memberships and API tokens.

A functional admin works inside their own region: every list, form choice and save is
limited to it, and only a superuser may grant staff status, superuser status, groups or
permissions. (The admin is also audited: see ``dichtbij.audit.admin_site``.)
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import ForeignKey, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.admin import TokenAdmin as DRFTokenAdmin
from rest_framework.authtoken.models import TokenProxy
from typing_extensions import override

from dichtbij.accounts.models import Membership, Organisation, User
from dichtbij.audit.services import Subject
from dichtbij.regions.models import Region

#: Fields that hand out power; read-only for anyone but a superuser.
PRIVILEGE_FIELDS = ("is_staff", "is_superuser", "groups", "user_permissions")


def _region_of(request: HttpRequest) -> int | None:
    """The region a non-superuser administers; ``None`` means all (superuser)."""
    user = request.user
    if user.is_superuser:
        return None
    return getattr(user, "region_id", None) or -1  # no region: sees nothing


def limit_choice_to_region(
    db_field: ForeignKey[Any, Any], request: HttpRequest, kwargs: dict[str, Any]
) -> None:
    """Narrow the choices of a region or organisation field to the admin's region."""
    region_id = _region_of(request)
    if region_id is None:
        return
    if db_field.related_model is Region:
        kwargs["queryset"] = Region.objects.filter(pk=region_id)
    elif db_field.related_model is Organisation:
        kwargs["queryset"] = Organisation.objects.filter(region_id=region_id)
    elif db_field.related_model is User:
        kwargs["queryset"] = User.objects.filter(region_id=region_id)


class RegionScopedAdminMixin:
    """Rows and choices limited to the admin's region; ``region_lookup`` names the path
    from the row to its region."""

    region_lookup = "region_id"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        rows: QuerySet[Any] = super().get_queryset(request)  # type: ignore[misc]
        region_id = _region_of(request)
        return rows if region_id is None else rows.filter(**{self.region_lookup: region_id})

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        limit_choice_to_region(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc,no-any-return]


class MembershipInline(RegionScopedAdminMixin, admin.TabularInline[Membership, User]):
    model = Membership
    extra = 0
    region_lookup = "user__region_id"


@admin.register(User)
class UserAdmin(RegionScopedAdminMixin, DjangoUserAdmin[User]):
    list_display = ["username", "first_name", "last_name", "role", "region", "is_active"]
    list_filter = ["role", "region", "is_active", "is_demo"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Dichtbij"), {"fields": ("role", "region", "is_demo")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "role", "region", "password1", "password2"),
            },
        ),
    )
    inlines = [MembershipInline]

    def audit_subject(self, object_id: str) -> Subject | None:
        """The user whose admin page was shown, for the audit row."""
        user = User.objects.filter(pk=object_id).first() if object_id.isdigit() else None
        return Subject.of(user) if user is not None else None

    @override
    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> Any:
        fields = tuple(super().get_readonly_fields(request, obj))
        return fields if request.user.is_superuser else (*fields, *PRIVILEGE_FIELDS)

    @override
    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        region_id = _region_of(request)
        if region_id is not None:
            obj.region_id = region_id
        super().save_model(request, obj, form, change)


@admin.register(Organisation)
class OrganisationAdmin(RegionScopedAdminMixin, admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name"]


admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class TokenAdmin(RegionScopedAdminMixin, DRFTokenAdmin):
    """API tokens of the admin's own region's users."""

    region_lookup = "user__region_id"
