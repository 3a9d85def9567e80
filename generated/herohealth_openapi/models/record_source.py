from typing import Literal

KnownRecordSource = Literal["ehr", "hero"]
RecordSource = KnownRecordSource | str

RECORD_SOURCE_VALUES: set[KnownRecordSource] = {
    "ehr",
    "hero",
}


def check_record_source(value: str) -> RecordSource:
    """Accept a RecordSource read from Hero.

    A value of the right type but outside RECORD_SOURCE_VALUES is one
    Hero added after this client was generated: it is returned unchanged, so a new release of
    Hero's API never breaks parsing and never loses the value. A value of the wrong type
    raises TypeError.
    """
    if not isinstance(value, str):
        raise TypeError(f"Expected str, got {type(value).__name__}")
    return value
