"""Merging two patients: the rule for the merged record, and merge tokens.

The rule (`merged`): the result is the main patient, with every field the main patient
has empty (null, "" or an empty list) filled from the incoming patient. A field the
main patient has a value for is never overwritten. Three exceptions keep the record
coherent: the main patient's id, uid, data_source and status are kept as they are; the
EHR link (`ehr_partner_id` with `ehr_registered`) moves as one, taken from the
incoming patient only when the main patient has no link; and `restricted` is true if
either patient is restricted (a merge never lifts a restriction).

Tokens (`MergeTokens`): a token from a preview is bound to the practice group, the pair
(main, incoming) in that order, and the version of both patients at the preview. A merge
with a token issued for another pair, after either patient changed, after the token was
used, or with a token the fake never issued, is refused with 409 and one message:
"The merge token is invalid or expired (<reason>); preview the merge again ...".
"""

from __future__ import annotations

import secrets
from typing import Any

from attrs import evolve

from herohealth.testing._checks import Problem
from herohealth.testing._records import PATIENT_FIELDS, MergeGrant, PatientRecord

# Kept from the main patient whatever the incoming patient holds.
_KEPT = frozenset({"uid", "data_source", "status", "restricted", "ehr_registered"})
_FILLED = PATIENT_FIELDS - _KEPT - {"ehr_partner_id"}


def _empty(value: object) -> bool:
    return value is None or value == "" or value == ()


def merged(main: PatientRecord, incoming: PatientRecord) -> PatientRecord:
    """The main patient with its empty fields filled from the incoming one (see module doc)."""
    changes: dict[str, Any] = {
        name: getattr(incoming, name)
        for name in sorted(_FILLED)
        if _empty(getattr(main, name)) and not _empty(getattr(incoming, name))
    }
    if _empty(main.ehr_partner_id) and not _empty(incoming.ehr_partner_id):
        changes["ehr_partner_id"] = incoming.ehr_partner_id
        changes["ehr_registered"] = incoming.ehr_registered
    changes["restricted"] = main.restricted or incoming.restricted
    return evolve(main, **changes)


class MergeTokens:
    """Tokens issued by previews, and the ones already used."""

    def __init__(self) -> None:
        self._grants: dict[str, MergeGrant] = {}
        self._used: set[str] = set()

    def issue(self, practice_group_id: str, main: PatientRecord, incoming: PatientRecord) -> str:
        token = "mt_" + secrets.token_urlsafe(18)
        self._grants[token] = MergeGrant(
            practice_group_id, main.id, incoming.id, main.version, incoming.version
        )
        return token

    def redeem(
        self, token: str, practice_group_id: str, main: PatientRecord, incoming: PatientRecord
    ) -> None:
        """Use `token` for merging `incoming` into `main` now, or raise Problem(409)."""
        grant = self._grants.get(token)
        if token in self._used:
            reason = "it was already used"
        elif grant is None:
            reason = "no preview issued it"
        elif (grant.practice_group_id, grant.main_id, grant.incoming_id) != (
            practice_group_id,
            main.id,
            incoming.id,
        ):
            reason = "it was issued for a different pair of patients"
        elif (grant.main_version, grant.incoming_version) != (main.version, incoming.version):
            reason = "a patient changed since the preview"
        else:
            del self._grants[token]
            self._used.add(token)
            return
        raise Problem(
            409,
            f"The merge token is invalid or expired ({reason}); "
            "preview the merge again for a new token",
        )
