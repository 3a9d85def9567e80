from typing import Literal

KnownSex = Literal["Female", "Male", "Not known", "Not specified", "Other"]
Sex = KnownSex | str

SEX_VALUES: set[KnownSex] = {
    "Female",
    "Male",
    "Not known",
    "Not specified",
    "Other",
}


def check_sex(value: str) -> Sex:
    """Accept a Sex read from Hero.

    A value of the right type but outside SEX_VALUES is one
    Hero added after this client was generated: it is returned unchanged, so a new release of
    Hero's API never breaks parsing and never loses the value. A value of the wrong type
    raises TypeError.
    """
    if not isinstance(value, str):
        raise TypeError(f"Expected str, got {type(value).__name__}")
    return value
