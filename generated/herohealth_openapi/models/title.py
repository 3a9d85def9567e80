from typing import Literal

Title = Literal[
    "Baron",
    "Baroness",
    "Brigadier",
    "Captain",
    "Colonel",
    "Count",
    "Countess",
    "Dame",
    "Dr",
    "The Dowager Viscountess",
]

TITLE_VALUES: set[Title] = {
    "Baron",
    "Baroness",
    "Brigadier",
    "Captain",
    "Colonel",
    "Count",
    "Countess",
    "Dame",
    "Dr",
    "The Dowager Viscountess",
}


def check_title(value: str) -> Title:
    if value in TITLE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TITLE_VALUES!r}")
