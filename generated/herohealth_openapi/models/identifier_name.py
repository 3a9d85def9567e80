from typing import Literal

KnownIdentifierName = Literal[
    "ehr_partner_id", "gha_number", "hero_id", "hero_uid", "nhs_number"
]
IdentifierName = KnownIdentifierName | str

IDENTIFIER_NAME_VALUES: set[KnownIdentifierName] = {
    "ehr_partner_id",
    "gha_number",
    "hero_id",
    "hero_uid",
    "nhs_number",
}


def check_identifier_name(value: str) -> IdentifierName:
    """Accept a IdentifierName read from Hero.

    A value of the right type but outside IDENTIFIER_NAME_VALUES is one
    Hero added after this client was generated: it is returned unchanged, so a new release of
    Hero's API never breaks parsing and never loses the value. A value of the wrong type
    raises TypeError.
    """
    if not isinstance(value, str):
        raise TypeError(f"Expected str, got {type(value).__name__}")
    return value
