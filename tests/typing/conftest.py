"""tests/typing: the SDK as a user's type checker sees it, from the built wheel."""

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "consumer_typing: builds the wheel, installs it in a fresh virtualenv and runs mypy "
        "and pyright (select with -m consumer_typing, skip with -m 'not consumer_typing')",
    )
