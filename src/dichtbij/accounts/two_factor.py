"""Two-factor authentication with TOTP (django-otp): who needs it, and devices."""

from __future__ import annotations

from base64 import b32encode

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from dichtbij.accounts.models import User
from dichtbij.audit.constants import Action
from dichtbij.audit.services import Subject, audit_record

DEVICE_NAME = "Dichtbij"


def confirmed_device(user: User) -> TOTPDevice | None:
    """The user's confirmed TOTP device, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def two_factor_required(user: User) -> bool:
    """Whether ``user`` must confirm a code after the password.

    Professionals must in production mode (``TWO_FACTOR_REQUIRED``); anyone who set up
    a device must always, also in the demo.
    """
    if settings.TWO_FACTOR_REQUIRED and user.is_professional:
        return True
    return confirmed_device(user) is not None


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed device being set up, created on first call."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def device_secret(device: TOTPDevice) -> str:
    """The shared secret in base32, for typing into an app by hand."""
    return b32encode(device.bin_key).decode("ascii").rstrip("=")


def device_enrol(
    *, user: User, token: str, request: HttpRequest | None = None
) -> TOTPDevice | None:
    """Confirm the user's pending device when ``token`` is a valid current code.

    Returns the confirmed device, or ``None`` for a wrong code. Refuses (``None``) when
    the user already has a confirmed device. The enrolment is audited.
    """
    if confirmed_device(user) is not None:
        return None
    device = pending_device(user)
    if not device.verify_token(token):
        return None
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(
            actor=user,
            action=Action.CREATE,
            object_type="tweestapsverificatie",
            object_id=str(device.pk),
            reason=gettext("Authenticator-app gekoppeld"),
            subject=Subject.of(user),
            request=request,
        )
    return device
