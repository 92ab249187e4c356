"""Settings for the test suite: the one settings module, in ``test`` mode."""

import os

os.environ.setdefault("DICHTBIJ_ENV", "test")

from dichtbij.conf.settings import *  # noqa: E402, F403
