from typing import Literal

IdentifierLabel = Literal["EMIS", "GHA", "Hero", "NHS", "Systm One"]

IDENTIFIER_LABEL_VALUES: set[IdentifierLabel] = {
    "EMIS",
    "GHA",
    "Hero",
    "NHS",
    "Systm One",
}


def check_identifier_label(value: str) -> IdentifierLabel:
    if value in IDENTIFIER_LABEL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {IDENTIFIER_LABEL_VALUES!r}"
    )
