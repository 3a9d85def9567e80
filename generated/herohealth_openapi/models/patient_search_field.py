from typing import Literal

KnownPatientSearchField = Literal["dob", "emis_id", "nhs_number"]
PatientSearchField = KnownPatientSearchField | str

PATIENT_SEARCH_FIELD_VALUES: set[KnownPatientSearchField] = {
    "dob",
    "emis_id",
    "nhs_number",
}


def check_patient_search_field(value: str) -> PatientSearchField:
    """Accept a PatientSearchField read from Hero.

    A value of the right type but outside PATIENT_SEARCH_FIELD_VALUES is one
    Hero added after this client was generated: it is returned unchanged, so a new release of
    Hero's API never breaks parsing and never loses the value. A value of the wrong type
    raises TypeError.
    """
    if not isinstance(value, str):
        raise TypeError(f"Expected str, got {type(value).__name__}")
    return value
