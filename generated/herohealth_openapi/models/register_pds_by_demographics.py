from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

T = TypeVar("T", bound="RegisterPdsByDemographics")


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
        d = dict(src_dict)

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

        postcode = types.expect(d.pop("postcode"), "postcode", (str,))

        forename = types.expect(d.pop("forename"), "forename", (str,))

        surname = types.expect(d.pop("surname"), "surname", (str,))

        ehr_partner = types.expect(d.pop("ehr_partner", UNSET), "ehr_partner", (str,))

        ehr_partner_id = types.expect(
            d.pop("ehr_partner_id", UNSET), "ehr_partner_id", (str,)
        )

        register_pds_by_demographics = cls(
            dob=dob,
            postcode=postcode,
            forename=forename,
            surname=surname,
            ehr_partner=ehr_partner,
            ehr_partner_id=ehr_partner_id,
        )

        register_pds_by_demographics.additional_properties = d
        return register_pds_by_demographics

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
