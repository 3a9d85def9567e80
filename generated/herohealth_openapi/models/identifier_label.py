from typing import Literal

KnownIdentifierLabel = Literal["EMIS", "GHA", "Hero", "NHS", "Systm One"]
IdentifierLabel = KnownIdentifierLabel | str

IDENTIFIER_LABEL_VALUES: set[KnownIdentifierLabel] = {
    "EMIS",
    "GHA",
    "Hero",
    "NHS",
    "Systm One",
}


def check_identifier_label(value: str) -> IdentifierLabel:
    """Accept a IdentifierLabel read from Hero.

    A value of the right type but outside IDENTIFIER_LABEL_VALUES is one
    Hero added after this client was generated: it is returned unchanged, so a new release of
    Hero's API never breaks parsing and never loses the value. A value of the wrong type
    raises TypeError.
    """
    if not isinstance(value, str):
        raise TypeError(f"Expected str, got {type(value).__name__}")
    return value
