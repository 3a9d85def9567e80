from typing import Literal

KnownPatientStatus = Literal["archived", "unarchived"]
PatientStatus = KnownPatientStatus | str

PATIENT_STATUS_VALUES: set[KnownPatientStatus] = {
    "archived",
    "unarchived",
}


def check_patient_status(value: str) -> PatientStatus:
    """Accept a PatientStatus read from Hero.

    A value of the right type but outside PATIENT_STATUS_VALUES is one
    Hero added after this client was generated: it is returned unchanged, so a new release of
    Hero's API never breaks parsing and never loses the value. A value of the wrong type
    raises TypeError.
    """
    if not isinstance(value, str):
        raise TypeError(f"Expected str, got {type(value).__name__}")
    return value
