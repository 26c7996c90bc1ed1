"""rights: can I republish this article, and how? Rights signals, verdicts and copy audits, with evidence.

The library (see docs/library.md):

    import rights

    rights.inspect(target, url=None, settings=None)                    -> rights.api.Inspection
    rights.check(target, use="noncommercial", follow=True, ...)         -> rights.api.Check
    rights.check_many(targets, use="noncommercial", ...)                -> rights.api.BatchItem, one per target
    rights.verify(copy, original=None, use="noncommercial", ...)        -> rights.api.Verification
    rights.compare(copy, original, ...)                                 -> rights.api.Comparison
    rights.audit(site_url, use="noncommercial", max_pages=None, ...)    -> rights.auditing.models.AuditReport

Every error raised on purpose is a `rights.RightsError` (tree in `rights.errors`). The names are loaded on
first use, so importing one light module of the package (a crawl's parser process does) stays light.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from rights.api import audit, check, check_many, compare, inspect, verify
    from rights.config import Settings, load_settings
    from rights.errors import (
        AlreadyRunningError,
        ConfigError,
        FetchError,
        InputError,
        PolicyError,
        RightsError,
        StoreError,
        UsageError,
    )


def lazy_attributes(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` (PEP 562) that imports `where[name]` (a module path) and caches the attribute."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(importlib.import_module(package), name, value)
        return value

    return __getattr__


_API, _ERRORS, _CONFIG = "rights.api", "rights.errors", "rights.config"
__getattr__ = lazy_attributes(__name__, {
    "inspect": _API, "check": _API, "check_many": _API, "verify": _API, "compare": _API, "audit": _API,
    "Settings": _CONFIG, "load_settings": _CONFIG,
    "RightsError": _ERRORS, "UsageError": _ERRORS, "InputError": _ERRORS, "ConfigError": _ERRORS,
    "PolicyError": _ERRORS, "FetchError": _ERRORS, "StoreError": _ERRORS, "AlreadyRunningError": _ERRORS,
})  # fmt: skip

__all__ = [
    "AlreadyRunningError", "ConfigError", "FetchError", "InputError", "PolicyError", "RightsError", "Settings",
    "StoreError", "UsageError", "__version__", "audit", "check", "check_many", "compare", "inspect", "load_settings", "verify",
]  # fmt: skip
