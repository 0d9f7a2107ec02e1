"""Transitional: the old module's names that `macros/site/search.py` still imports.

The guides layer is now `model`, `parse`, `walk`, `check` and `load`; import from those. This
module goes once `site/search.py` imports `macros.guides.model`, `.walk` and `.load` itself.
"""

from macros.guides.load import guides_for
from macros.guides.model import ANY_MUNICIPALITY, Guide, GuidePath
from macros.guides.walk import paths

__all__ = ["ANY_MUNICIPALITY", "Guide", "GuidePath", "guides_for", "paths"]
