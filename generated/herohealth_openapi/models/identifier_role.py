from typing import Literal

IdentifierRole = Literal["main", "secondary"]

IDENTIFIER_ROLE_VALUES: set[IdentifierRole] = {
    "main",
    "secondary",
}


def check_identifier_role(value: str) -> IdentifierRole:
    if value in IDENTIFIER_ROLE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {IDENTIFIER_ROLE_VALUES!r}"
    )
