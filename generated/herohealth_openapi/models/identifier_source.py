from typing import Literal

IdentifierSource = Literal["ehr_partner", "gha", "hero", "nhs"]

IDENTIFIER_SOURCE_VALUES: set[IdentifierSource] = {
    "ehr_partner",
    "gha",
    "hero",
    "nhs",
}


def check_identifier_source(value: str) -> IdentifierSource:
    if value in IDENTIFIER_SOURCE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {IDENTIFIER_SOURCE_VALUES!r}"
    )
