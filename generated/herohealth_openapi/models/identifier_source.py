from typing import Literal

KnownIdentifierSource = Literal["ehr_partner", "gha", "hero", "nhs"]
IdentifierSource = KnownIdentifierSource | str

IDENTIFIER_SOURCE_VALUES: set[KnownIdentifierSource] = {
    "ehr_partner",
    "gha",
    "hero",
    "nhs",
}


def check_identifier_source(value: str) -> IdentifierSource:
    """Accept a IdentifierSource read from Hero.

    A value of the right type but outside IDENTIFIER_SOURCE_VALUES is one
    Hero added after this client was generated: it is returned unchanged, so a new release of
    Hero's API never breaks parsing and never loses the value. A value of the wrong type
    raises TypeError.
    """
    if not isinstance(value, str):
        raise TypeError(f"Expected str, got {type(value).__name__}")
    return value
