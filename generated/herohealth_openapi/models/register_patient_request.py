from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.data_source import DataSource, check_data_source
from ..models.sex import Sex, check_sex
from ..models.title import Title, check_title
from ..types import UNSET, Unset

T = TypeVar("T", bound="RegisterPatientRequest")


@_attrs_define(repr=False)
class RegisterPatientRequest:
    dob: str
    first_name: str
    last_name: str
    mobile: str
    ehr_partner_id: str | Unset = UNSET
    nhs_number: str | Unset = UNSET
    sex: Sex | Unset = UNSET
    title: str | Title | Unset = UNSET
    landline: str | Unset = UNSET
    address_line_1: str | Unset = UNSET
    address_line_2: str | Unset = UNSET
    address_line_3: str | Unset = UNSET
    country: str | Unset = UNSET
    postcode: str | Unset = UNSET
    town: str | Unset = UNSET
    county: str | Unset = UNSET
    data_source: DataSource | Unset = "emis"
    caller: str | Unset = UNSET
    """ [Internal use only] The name of the application calling the register endpoint """
    email: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        return types.model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        dob = self.dob

        first_name = self.first_name

        last_name = self.last_name

        mobile = self.mobile

        ehr_partner_id = self.ehr_partner_id

        nhs_number = self.nhs_number

        sex: str | Unset = UNSET
        if not isinstance(self.sex, Unset):
            sex = self.sex

        title: str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        elif isinstance(self.title, str):
            title = self.title
        else:
            title = self.title

        landline = self.landline

        address_line_1 = self.address_line_1

        address_line_2 = self.address_line_2

        address_line_3 = self.address_line_3

        country = self.country

        postcode = self.postcode

        town = self.town

        county = self.county

        data_source: str | Unset = UNSET
        if not isinstance(self.data_source, Unset):
            data_source = self.data_source

        caller = self.caller

        email = self.email

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dob": dob,
                "first_name": first_name,
                "last_name": last_name,
                "mobile": mobile,
            }
        )
        if ehr_partner_id is not UNSET:
            field_dict["ehr_partner_id"] = ehr_partner_id
        if nhs_number is not UNSET:
            field_dict["nhs_number"] = nhs_number
        if sex is not UNSET:
            field_dict["sex"] = sex
        if title is not UNSET:
            field_dict["title"] = title
        if landline is not UNSET:
            field_dict["landline"] = landline
        if address_line_1 is not UNSET:
            field_dict["address_line_1"] = address_line_1
        if address_line_2 is not UNSET:
            field_dict["address_line_2"] = address_line_2
        if address_line_3 is not UNSET:
            field_dict["address_line_3"] = address_line_3
        if country is not UNSET:
            field_dict["country"] = country
        if postcode is not UNSET:
            field_dict["postcode"] = postcode
        if town is not UNSET:
            field_dict["town"] = town
        if county is not UNSET:
            field_dict["county"] = county
        if data_source is not UNSET:
            field_dict["data_source"] = data_source
        if caller is not UNSET:
            field_dict["caller"] = caller
        if email is not UNSET:
            field_dict["email"] = email

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dob = types.expect(d.pop("dob"), "dob", (str,))

        first_name = types.expect(d.pop("first_name"), "first_name", (str,))

        last_name = types.expect(d.pop("last_name"), "last_name", (str,))

        mobile = types.expect(d.pop("mobile"), "mobile", (str,))

        ehr_partner_id = types.expect(
            d.pop("ehr_partner_id", UNSET), "ehr_partner_id", (str,)
        )

        nhs_number = types.expect(d.pop("nhs_number", UNSET), "nhs_number", (str,))

        _sex = types.expect(d.pop("sex", UNSET), "sex", (str,))
        sex: Sex | Unset
        if isinstance(_sex, Unset):
            sex = UNSET
        else:
            sex = check_sex(_sex)

        def _parse_title(data: object) -> str | Title | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                title_type_1 = check_title(data)

                return title_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(str | Title | Unset, data)

        title = _parse_title(types.expect(d.pop("title", UNSET), "title", (str,)))

        landline = types.expect(d.pop("landline", UNSET), "landline", (str,))

        address_line_1 = types.expect(
            d.pop("address_line_1", UNSET), "address_line_1", (str,)
        )

        address_line_2 = types.expect(
            d.pop("address_line_2", UNSET), "address_line_2", (str,)
        )

        address_line_3 = types.expect(
            d.pop("address_line_3", UNSET), "address_line_3", (str,)
        )

        country = types.expect(d.pop("country", UNSET), "country", (str,))

        postcode = types.expect(d.pop("postcode", UNSET), "postcode", (str,))

        town = types.expect(d.pop("town", UNSET), "town", (str,))

        county = types.expect(d.pop("county", UNSET), "county", (str,))

        _data_source = types.expect(d.pop("data_source", UNSET), "data_source", (str,))
        data_source: DataSource | Unset
        if isinstance(_data_source, Unset):
            data_source = UNSET
        else:
            data_source = check_data_source(_data_source)

        caller = types.expect(d.pop("caller", UNSET), "caller", (str,))

        email = types.expect(d.pop("email", UNSET), "email", (str,))

        register_patient_request = cls(
            dob=dob,
            first_name=first_name,
            last_name=last_name,
            mobile=mobile,
            ehr_partner_id=ehr_partner_id,
            nhs_number=nhs_number,
            sex=sex,
            title=title,
            landline=landline,
            address_line_1=address_line_1,
            address_line_2=address_line_2,
            address_line_3=address_line_3,
            country=country,
            postcode=postcode,
            town=town,
            county=county,
            data_source=data_source,
            caller=caller,
            email=email,
        )

        register_patient_request.additional_properties = d
        return register_patient_request

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
