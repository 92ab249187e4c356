"""The burgerservicenummer (BSN): validation by the elfproef, and masking for display.

The elfproef: for the nine digits d1..d9, 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 must be a
multiple of 11 (and, for a real BSN, not zero).
"""

import re

_NINE_DIGITS = re.compile(r"^\d{9}$")


def is_valid_bsn(value: str) -> bool:
    """True when ``value`` is nine digits that pass the elfproef."""
    if not _NINE_DIGITS.match(value):
        return False
    digits = [int(char) for char in value]
    total = sum(weight * digit for weight, digit in zip(range(9, 1, -1), digits[:8], strict=True))
    total -= digits[8]
    return total != 0 and total % 11 == 0


def mask_bsn(value: str) -> str:
    """Show only the last three digits: ``******123``."""
    return "*" * (len(value) - 3) + value[-3:] if len(value) > 3 else "*" * len(value)
