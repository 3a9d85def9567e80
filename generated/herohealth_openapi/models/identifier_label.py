from typing import Literal, cast

IdentifierLabel = Literal["EMIS", "GHA", "Hero", "NHS", "Systm One"]

IDENTIFIER_LABEL_VALUES: set[IdentifierLabel] = {
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
    return cast(IdentifierLabel, value)
