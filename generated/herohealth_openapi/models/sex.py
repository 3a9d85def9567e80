from typing import Literal

Sex = Literal["Female", "Male", "Not known", "Not specified", "Other"]

SEX_VALUES: set[Sex] = {
    "Female",
    "Male",
    "Not known",
    "Not specified",
    "Other",
}


def check_sex(value: str) -> Sex:
    if value in SEX_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SEX_VALUES!r}")
