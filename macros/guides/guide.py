"""Transitional: `macros.guides.guide` is `macros.guides.check` (renamed so that its history
follows); the next commit splits it into model, parse, walk, check and load."""

import sys

from macros.guides import check

sys.modules[__name__] = check
