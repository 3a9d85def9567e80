from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

T = TypeVar("T", bound="RegisterPdsByNhsNumber")


@_attrs_define(repr=False)
class RegisterPdsByNhsNumber:
    """Trace a patient on the Spine by NHS number and date of birth."""

    nhs_number: str
    """ A valid NHS number """
    dob: datetime.datetime | None
    """ ISO 8601 date format """
    ehr_partner: str | Unset = UNSET
    ehr_partner_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        return types.model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        nhs_number = self.nhs_number

        dob: None | str
        if isinstance(self.dob, datetime.datetime):
            dob = self.dob.isoformat()
        else:
            dob = self.dob

        ehr_partner = self.ehr_partner

        ehr_partner_id = self.ehr_partner_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "nhs_number": nhs_number,
                "dob": dob,
            }
        )
        if ehr_partner is not UNSET:
            field_dict["ehr_partner"] = ehr_partner
        if ehr_partner_id is not UNSET:
            field_dict["ehr_partner_id"] = ehr_partner_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        nhs_number = types.expect(d.pop("nhs_number"), "nhs_number", (str,))

        def _parse_dob(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            if not isinstance(data, str):
                raise TypeError()
            dob_type_0 = types.parse_datetime(data)

            return dob_type_0

        dob = _parse_dob(
            types.expect(
                d.pop("dob"),
                "dob",
                (
                    type(None),
                    str,
                ),
            )
        )

        ehr_partner = types.expect(d.pop("ehr_partner", UNSET), "ehr_partner", (str,))

        ehr_partner_id = types.expect(
            d.pop("ehr_partner_id", UNSET), "ehr_partner_id", (str,)
        )

        register_pds_by_nhs_number = cls(
            nhs_number=nhs_number,
            dob=dob,
            ehr_partner=ehr_partner,
            ehr_partner_id=ehr_partner_id,
        )

        register_pds_by_nhs_number.additional_properties = d
        return register_pds_by_nhs_number

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
