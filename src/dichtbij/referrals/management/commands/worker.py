"""``dichtbij worker``: the background worker of the closed loop.

Runs, in its own process and never in a request:

- the timers (:func:`~dichtbij.referrals.timers.timers_run`): referrals not received
  within 3 working days, not decided within 5, accepted but not started within the
  region's norm are flagged to the coordinators and the referrer;
- the mail outbox (:func:`~dichtbij.referrals.notifications.mail_outbox_deliver`):
  status mails, without personal data, through Django's e-mail backend.

By default it loops until stopped (SIGTERM or Ctrl-C end it after the current round):
the outbox every ``--mail-interval`` seconds, the timers every ``--timer-interval``.
``--once`` does one round of both and exits, for a scheduler such as cron or a systemd
timer. Several workers may run at once: a flag is raised once per referral and kind
(unique constraint) and a mail is claimed with ``SKIP LOCKED`` on PostgreSQL.
"""

from __future__ import annotations

import signal
import time
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone
from typing_extensions import override

from dichtbij.referrals.notifications import mail_outbox_deliver
from dichtbij.referrals.timers import timers_run


class Command(BaseCommand):
    help = "Achtergrondtaken: termijnen van verwijzingen bewaken en e-mail versturen."

    @override
    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Eén ronde van alle taken, dan stoppen."
        )
        parser.add_argument(
            "--timer-interval",
            type=int,
            default=900,
            help="Seconden tussen twee keer termijnen bewaken (standaard 900).",
        )
        parser.add_argument(
            "--mail-interval",
            type=int,
            default=30,
            help="Seconden tussen twee keer e-mail versturen (standaard 30).",
        )

    @override
    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            self._timers()
            self._mail()
            return
        self._stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        timer_interval = max(1, int(options["timer_interval"]))
        mail_interval = max(1, int(options["mail_interval"]))
        self.stdout.write(
            f"Worker gestart: termijnen elke {timer_interval} s, e-mail elke {mail_interval} s."
        )
        next_timers = next_mail = 0.0
        while not self._stopping:
            now = time.monotonic()
            # A long-running process must not keep a broken or stale connection.
            close_old_connections()
            if now >= next_timers:
                self._timers()
                next_timers = now + timer_interval
            if now >= next_mail:
                self._mail()
                next_mail = now + mail_interval
            time.sleep(min(1.0, max(0.0, min(next_timers, next_mail) - time.monotonic())))
        self.stdout.write("Worker gestopt.")

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self._stopping = True

    def _timers(self) -> None:
        summary = timers_run(now=timezone.now())
        self.stdout.write(f"Termijnen: {summary.describe()}")

    def _mail(self) -> None:
        summary = mail_outbox_deliver(now=timezone.now())
        if summary.sent or summary.failed or summary.skipped:
            self.stdout.write(
                f"E-mail: {summary.sent} verstuurd, {summary.failed} mislukt, "
                f"{summary.skipped} overgeslagen"
            )
