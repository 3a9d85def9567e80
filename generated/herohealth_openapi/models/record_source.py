from typing import Literal

RecordSource = Literal["ehr", "hero"]

RECORD_SOURCE_VALUES: set[RecordSource] = {
    "ehr",
    "hero",
}


def check_record_source(value: str) -> RecordSource:
    if value in RECORD_SOURCE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {RECORD_SOURCE_VALUES!r}"
    )
