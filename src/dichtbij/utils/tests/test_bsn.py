"""BSN validation by the elfproef, masking, and keeping BSNs out of logs."""

from __future__ import annotations

import logging
import sys

import pytest

from dichtbij.utils.bsn import is_valid_bsn, mask_bsn
from dichtbij.utils.logging import RedactBsnFilter, redact_bsns


@pytest.mark.parametrize("bsn", ["999900006", "111222333", "123456782"])
def test_numbers_that_pass_the_elfproef_are_valid(bsn: str) -> None:
    assert is_valid_bsn(bsn)


@pytest.mark.parametrize(
    "value", ["999900007", "123456789", "12345678", "1234567890", "abcdefghi", "", "000000000"]
)
def test_numbers_that_fail_the_elfproef_or_the_shape_are_invalid(value: str) -> None:
    assert not is_valid_bsn(value)


def test_masking_shows_only_the_last_three_digits() -> None:
    assert mask_bsn("999900006") == "******006"


def test_valid_bsns_are_redacted_other_numbers_are_kept() -> None:
    assert redact_bsns("kind 999900006, dossier 123456789") == "kind [BSN], dossier 123456789"


def test_log_filter_redacts_bsns_given_as_arguments(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("dichtbij.test.bsn")
    logger.addFilter(RedactBsnFilter())
    with caplog.at_level(logging.INFO, logger="dichtbij.test.bsn"):
        logger.info("zoek %s", "999900006")
    assert "999900006" not in caplog.text
    assert "[BSN]" in caplog.text


@pytest.mark.parametrize("logger_name", ["django.request", "django.server", "dichtbij.any"])
def test_configured_handlers_never_write_a_bsn(logger_name: str) -> None:
    import io

    logger = logging.getLogger(logger_name)
    # Our configured handlers (pytest adds capture handlers of its own; skip those).
    handlers = [
        h
        for lg in (logger, logging.getLogger("django"), logging.getLogger())
        for h in lg.handlers
        if type(h) is logging.StreamHandler
    ]
    assert handlers, "no handler configured"
    for handler in handlers:
        stream = io.StringIO()
        old = handler.setStream(stream)  # type: ignore[attr-defined]
        try:
            try:
                raise ValueError("kind 999900006 niet gevonden")
            except ValueError:
                record = logger.makeRecord(
                    logger_name,
                    logging.ERROR,
                    __file__,
                    1,
                    '"GET /?bsn=%s HTTP/1.1" 200',
                    ("999900006",),
                    sys.exc_info(),
                )
            handler.handle(record)
        finally:
            handler.setStream(old)  # type: ignore[attr-defined]
        assert "999900006" not in stream.getvalue()
        assert "[BSN]" in stream.getvalue()
