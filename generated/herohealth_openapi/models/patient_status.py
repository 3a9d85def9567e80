from typing import Literal

PatientStatus = Literal["archived", "unarchived"]

PATIENT_STATUS_VALUES: set[PatientStatus] = {
    "archived",
    "unarchived",
}


def check_patient_status(value: str) -> PatientStatus:
    if value in PATIENT_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PATIENT_STATUS_VALUES!r}"
    )
