"""``python -m rasid.kb`` is ``python -m rasid.kb.build``."""

from rasid.kb.build import main

raise SystemExit(main())
