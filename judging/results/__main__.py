"""``python -m judging.results SCORES.csv ...``: the analyse_scores command without Django."""

import sys

from .cli import main

sys.exit(main())
