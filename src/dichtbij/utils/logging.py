"""Logging filters that keep personal identifiers out of log files."""

import logging
import re

from typing_extensions import override

from dichtbij.utils.bsn import is_valid_bsn

_FORMATTER = logging.Formatter()

# Nine digits not part of a longer number: the shape of a BSN.
_CANDIDATE = re.compile(r"(?<!\d)\d{9}(?!\d)")


def redact_bsns(text: str) -> str:
    """Replace every nine-digit number that passes the elfproef by ``[BSN]``."""
    return _CANDIDATE.sub(lambda m: "[BSN]" if is_valid_bsn(m.group()) else m.group(), text)


class RedactBsnFilter(logging.Filter):
    """Rewrites a record's message so that no BSN reaches a handler.

    The record is formatted once here (message + args), so a BSN passed as an
    argument is caught as well as one written into the message.
    """

    @override
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_bsns(message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        if record.exc_info and not record.exc_text:
            # Format the traceback now, redacted; handlers then use exc_text as is.
            record.exc_text = redact_bsns(_FORMATTER.formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact_bsns(record.exc_text)
        return True
