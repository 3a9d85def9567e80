"""A client library for accessing Hero Health Public API

File written by tools/generate.py from templates/sdk/package_init.py.jinja, over the
generator's own `__init__.py`: do not edit.

The generator's `Client` classes (attrs) load on first use, so that importing a module of
this package, such as the resource index the SDK reads at import, does not load them.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        if name not in __all__:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from . import client

        return getattr(client, name)
