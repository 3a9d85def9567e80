from typing import Literal

PatientSearchField = Literal["dob", "emis_id", "nhs_number"]

PATIENT_SEARCH_FIELD_VALUES: set[PatientSearchField] = {
    "dob",
    "emis_id",
    "nhs_number",
}


def check_patient_search_field(value: str) -> PatientSearchField:
    if value in PATIENT_SEARCH_FIELD_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PATIENT_SEARCH_FIELD_VALUES!r}"
    )
