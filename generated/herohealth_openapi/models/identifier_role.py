from typing import Literal

KnownIdentifierRole = Literal["main", "secondary"]
IdentifierRole = KnownIdentifierRole | str

IDENTIFIER_ROLE_VALUES: set[KnownIdentifierRole] = {
    "main",
    "secondary",
}


def check_identifier_role(value: str) -> IdentifierRole:
    """Accept a IdentifierRole read from Hero.

    A value of the right type but outside IDENTIFIER_ROLE_VALUES is one
    Hero added after this client was generated: it is returned unchanged, so a new release of
    Hero's API never breaks parsing and never loses the value. A value of the wrong type
    raises TypeError.
    """
    if not isinstance(value, str):
        raise TypeError(f"Expected str, got {type(value).__name__}")
    return value
