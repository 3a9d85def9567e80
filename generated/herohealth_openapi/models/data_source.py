from typing import Literal

DataSource = Literal["emis", "gha", "hero", "pds", "systm_one"]

DATA_SOURCE_VALUES: set[DataSource] = {
    "emis",
    "gha",
    "hero",
    "pds",
    "systm_one",
}


def check_data_source(value: str) -> DataSource:
    if value in DATA_SOURCE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DATA_SOURCE_VALUES!r}"
    )
