"""The merge-token workflow: preview two patients, show what changes, merge exactly that.

Hero merges in two steps. `POST /v1/patients/{id}/merge/preview` answers with the
main, incoming and resulting patients and a merge token; `POST /v1/patients/{id}/merge`
with that token and the incoming patient's id performs it. `MergePreview` keeps the
token bound to the pair it was issued for, so it cannot be spent on another pair or
spent twice from this client.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from enum import Enum
from typing import TYPE_CHECKING, Any

import attrs
from attrs import field, frozen

from herohealth._errors import InvalidInputError
from herohealth._generated import Unset

if TYPE_CHECKING:
    from herohealth_openapi.models import Patient

__all__ = ["FieldChange", "MergePreview"]


@frozen
class FieldChange:
    """One field of the main patient that the merge changes: its `name`, `old` and `new` value."""

    name: str
    old: Any
    new: Any


@frozen
class MergePreview:
    """What merging `incoming` into `main` would give, and the token to do it.

    `changes` lists the fields whose value differs between `main` and `result`,
    ready to show a clinician before confirming.
    """

    main_id: str  # the pair asked for, which the token is bound to
    incoming_id: str
    main: Patient
    incoming: Patient
    result: Patient
    token: str = field(repr=False)  # spends a merge: kept out of reprs and logs
    changes: tuple[FieldChange, ...]


def changes_between(main: Patient, result: Patient) -> tuple[FieldChange, ...]:
    """The fields (declared, then any Hero added later) whose value the merge changes."""
    changes = [
        FieldChange(a.name, _shown(getattr(main, a.name)), _shown(getattr(result, a.name)))
        for a in attrs.fields(type(main))
        if a.name != "additional_properties" and getattr(main, a.name) != getattr(result, a.name)
    ]
    extra_main, extra_result = main.additional_properties, result.additional_properties
    for name in sorted(extra_main.keys() | extra_result.keys()):
        if extra_main.get(name) != extra_result.get(name):
            changes.append(FieldChange(name, extra_main.get(name), extra_result.get(name)))
    return tuple(changes)


def _shown(value: Any) -> Any:
    # The generated models mark a field Hero did not send as UNSET; to a reader it is absent.
    return None if isinstance(value, Unset) else value


class _Use(Enum):
    ISSUED = "issued"
    SENDING = "sending"
    UNCERTAIN = "uncertain"  # sent, but no answer: Hero may have merged
    SPENT = "spent"


class TokenLedger:
    """Which pair each token this client received was issued for, and whether it is spent.

    Shared by a client and its `with_options` copies. Bounded: the oldest entries
    are forgotten first (a forgotten token is simply left for Hero to judge).
    """

    def __init__(self, capacity: int = 10_000) -> None:
        self._entries: OrderedDict[str, tuple[str, str, _Use]] = OrderedDict()
        self._capacity = capacity
        self._lock = threading.Lock()

    def issued(self, preview: MergePreview) -> None:
        with self._lock:
            self._entries[preview.token] = (preview.main_id, preview.incoming_id, _Use.ISSUED)
            while len(self._entries) > self._capacity:
                self._entries.popitem(last=False)

    def begin(self, token: str, main_id: str, incoming_id: str) -> None:
        """Claim the token for this pair before sending; raises if it cannot be used."""
        with self._lock:
            entry = self._entries.get(token)
            if entry is not None:
                issued_main, issued_incoming, use = entry
                if (issued_main, issued_incoming) != (main_id, incoming_id):
                    raise InvalidInputError(
                        "merge_token",
                        f"was issued for merging patient {issued_incoming} into "
                        f"{issued_main}, not {incoming_id} into {main_id}",
                    )
                if use is _Use.SPENT:
                    raise InvalidInputError("merge_token", "was already used: preview again")
                if use is _Use.SENDING:
                    raise InvalidInputError("merge_token", "is being used by another merge")
                if use is _Use.UNCERTAIN:
                    raise InvalidInputError(
                        "merge_token",
                        "was sent without an answer, so Hero may have merged: check the "
                        "patients' state, then preview again",
                    )
            self._entries[token] = (main_id, incoming_id, _Use.SENDING)

    def finish(self, token: str, *, merged: bool | None) -> None:
        """Record the outcome: merged, not merged (usable again), or unknown."""
        with self._lock:
            entry = self._entries.get(token)
            if entry is None:
                return
            use = {True: _Use.SPENT, False: _Use.ISSUED, None: _Use.UNCERTAIN}[merged]
            self._entries[token] = (entry[0], entry[1], use)
