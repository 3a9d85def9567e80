from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

T = TypeVar("T", bound="RegisterPdsByDemographics")
# The keys the description gives RegisterPdsByDemographics; from_dict keeps any other key Hero sends.
_FIELDS: frozenset[str] = frozenset(
    {
        "dob",
        "postcode",
        "forename",
        "surname",
        "ehr_partner",
        "ehr_partner_id",
    }
)


@_attrs_define(repr=False)
class RegisterPdsByDemographics:
    """Trace a patient on the Spine by demographics. Shown by the reference's curl example; its required flags are not
    rendered, so the fields a demographic trace cannot work without (dob, postcode, forename, surname) are required and
    the EHR fields keep the first variant's rules.

    """

    dob: datetime.datetime | None
    """ ISO 8601 date format """
    postcode: str
    forename: str
    surname: str
    ehr_partner: str | Unset = UNSET
    ehr_partner_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        return types.model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        dob: None | str
        if isinstance(self.dob, datetime.datetime):
            dob = self.dob.isoformat()
        else:
            dob = self.dob

        postcode = self.postcode

        forename = self.forename

        surname = self.surname

        ehr_partner = self.ehr_partner

        ehr_partner_id = self.ehr_partner_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dob": dob,
                "postcode": postcode,
                "forename": forename,
                "surname": surname,
            }
        )
        if ehr_partner is not UNSET:
            field_dict["ehr_partner"] = ehr_partner
        if ehr_partner_id is not UNSET:
            field_dict["ehr_partner_id"] = ehr_partner_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        self = object.__new__(cls)
        dob = src_dict["dob"]
        if isinstance(dob, str):
            dob = types.read_datetime(dob, "dob")
        elif dob is not None:
            raise types.FieldTypeError("dob", (type(None), str))
        self.dob = dob

        postcode = src_dict["postcode"]
        if not isinstance(postcode, str):
            raise types.FieldTypeError("postcode", (str,))
        self.postcode = postcode

        forename = src_dict["forename"]
        if not isinstance(forename, str):
            raise types.FieldTypeError("forename", (str,))
        self.forename = forename

        surname = src_dict["surname"]
        if not isinstance(surname, str):
            raise types.FieldTypeError("surname", (str,))
        self.surname = surname

        ehr_partner = src_dict.get("ehr_partner", UNSET)
        if not (isinstance(ehr_partner, str) or ehr_partner is UNSET):
            raise types.FieldTypeError("ehr_partner", (str,))
        self.ehr_partner = ehr_partner

        ehr_partner_id = src_dict.get("ehr_partner_id", UNSET)
        if not (isinstance(ehr_partner_id, str) or ehr_partner_id is UNSET):
            raise types.FieldTypeError("ehr_partner_id", (str,))
        self.ehr_partner_id = ehr_partner_id

        if _FIELDS.issuperset(src_dict):
            self.additional_properties = {}
        else:
            self.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _FIELDS
            }
        return self

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
