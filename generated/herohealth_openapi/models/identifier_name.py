from typing import Literal

IdentifierName = Literal[
    "ehr_partner_id", "gha_number", "hero_id", "hero_uid", "nhs_number"
]

IDENTIFIER_NAME_VALUES: set[IdentifierName] = {
    "ehr_partner_id",
    "gha_number",
    "hero_id",
    "hero_uid",
    "nhs_number",
}


def check_identifier_name(value: str) -> IdentifierName:
    if value in IDENTIFIER_NAME_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {IDENTIFIER_NAME_VALUES!r}"
    )
