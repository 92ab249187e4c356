"""``python -m dichtbij`` is the ``dichtbij`` command."""

from dichtbij.cli import main

main()
