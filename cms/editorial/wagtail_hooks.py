"""Wagtail loads this module: each package registers its own admin hooks."""

from .drafting import hooks as drafting_hooks  # noqa: F401
from .guide import hooks as guide_hooks  # noqa: F401
from .language import hooks as language_hooks  # noqa: F401
from .office import hooks as office_hooks  # noqa: F401
from .report import hooks as report_hooks  # noqa: F401
from .roles import hooks as roles_hooks  # noqa: F401
from .workflow import hooks as workflow_hooks  # noqa: F401
