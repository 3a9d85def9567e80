from typing import Literal

KnownDataSource = Literal["emis", "gha", "hero", "pds", "systm_one"]
DataSource = KnownDataSource | str

DATA_SOURCE_VALUES: set[KnownDataSource] = {
    "emis",
    "gha",
    "hero",
    "pds",
    "systm_one",
}


def check_data_source(value: str) -> DataSource:
    """Accept a DataSource read from Hero.

    A value of the right type but outside DATA_SOURCE_VALUES is one
    Hero added after this client was generated: it is returned unchanged, so a new release of
    Hero's API never breaks parsing and never loses the value. A value of the wrong type
    raises TypeError.
    """
    if not isinstance(value, str):
        raise TypeError(f"Expected str, got {type(value).__name__}")
    return value
