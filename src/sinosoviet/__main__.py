"""``python -m sinosoviet``: the same command as ``sinosoviet``."""

from sinosoviet.cli import main

raise SystemExit(main())
