"""Demo content for `manage.py load_initial_data` and the browser tests.

The films in `media/` are CC0 stand-ins (see the licence file beside them) for
the KOMPIS films, which KS licenses and which are not part of the code base.
"""

from .loader import load

__all__ = ["load"]
