from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.data_source import DataSource
from ..models.sex import Sex
from ..models.title import Title, check_title
from ..types import UNSET, Unset

T = TypeVar("T", bound="RegisterPatientRequest")
# The keys the description gives RegisterPatientRequest; from_dict keeps any other key Hero sends.
_FIELDS: frozenset[str] = frozenset(
    {
        "dob",
        "first_name",
        "last_name",
        "mobile",
        "ehr_partner_id",
        "nhs_number",
        "sex",
        "title",
        "landline",
        "address_line_1",
        "address_line_2",
        "address_line_3",
        "country",
        "postcode",
        "town",
        "county",
        "data_source",
        "caller",
        "email",
    }
)


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
        self = object.__new__(cls)
        dob = src_dict["dob"]
        if not isinstance(dob, str):
            raise types.FieldTypeError("dob", (str,))
        self.dob = dob

        first_name = src_dict["first_name"]
        if not isinstance(first_name, str):
            raise types.FieldTypeError("first_name", (str,))
        self.first_name = first_name

        last_name = src_dict["last_name"]
        if not isinstance(last_name, str):
            raise types.FieldTypeError("last_name", (str,))
        self.last_name = last_name

        mobile = src_dict["mobile"]
        if not isinstance(mobile, str):
            raise types.FieldTypeError("mobile", (str,))
        self.mobile = mobile

        ehr_partner_id = src_dict.get("ehr_partner_id", UNSET)
        if not (isinstance(ehr_partner_id, str) or ehr_partner_id is UNSET):
            raise types.FieldTypeError("ehr_partner_id", (str,))
        self.ehr_partner_id = ehr_partner_id

        nhs_number = src_dict.get("nhs_number", UNSET)
        if not (isinstance(nhs_number, str) or nhs_number is UNSET):
            raise types.FieldTypeError("nhs_number", (str,))
        self.nhs_number = nhs_number

        sex = src_dict.get("sex", UNSET)
        if not (isinstance(sex, str) or sex is UNSET):
            raise types.FieldTypeError("sex", (str,))
        self.sex = sex

        try:

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

            title = _parse_title(
                types.expect(src_dict.get("title", UNSET), "title", (str,))
            )

        except (types.FieldTypeError, types.FieldValueError):
            raise
        except (
            types.NoShapeFits
        ) as error:  # each shape's first problem, under this field's name
            raise types.FieldValueError("title", error.problem) from None
        except (TypeError, ValueError, AttributeError):
            raise types.FieldValueError("title", "invalid value") from None
        self.title = title

        landline = src_dict.get("landline", UNSET)
        if not (isinstance(landline, str) or landline is UNSET):
            raise types.FieldTypeError("landline", (str,))
        self.landline = landline

        address_line_1 = src_dict.get("address_line_1", UNSET)
        if not (isinstance(address_line_1, str) or address_line_1 is UNSET):
            raise types.FieldTypeError("address_line_1", (str,))
        self.address_line_1 = address_line_1

        address_line_2 = src_dict.get("address_line_2", UNSET)
        if not (isinstance(address_line_2, str) or address_line_2 is UNSET):
            raise types.FieldTypeError("address_line_2", (str,))
        self.address_line_2 = address_line_2

        address_line_3 = src_dict.get("address_line_3", UNSET)
        if not (isinstance(address_line_3, str) or address_line_3 is UNSET):
            raise types.FieldTypeError("address_line_3", (str,))
        self.address_line_3 = address_line_3

        country = src_dict.get("country", UNSET)
        if not (isinstance(country, str) or country is UNSET):
            raise types.FieldTypeError("country", (str,))
        self.country = country

        postcode = src_dict.get("postcode", UNSET)
        if not (isinstance(postcode, str) or postcode is UNSET):
            raise types.FieldTypeError("postcode", (str,))
        self.postcode = postcode

        town = src_dict.get("town", UNSET)
        if not (isinstance(town, str) or town is UNSET):
            raise types.FieldTypeError("town", (str,))
        self.town = town

        county = src_dict.get("county", UNSET)
        if not (isinstance(county, str) or county is UNSET):
            raise types.FieldTypeError("county", (str,))
        self.county = county

        data_source = src_dict.get("data_source", UNSET)
        if not (isinstance(data_source, str) or data_source is UNSET):
            raise types.FieldTypeError("data_source", (str,))
        self.data_source = data_source

        caller = src_dict.get("caller", UNSET)
        if not (isinstance(caller, str) or caller is UNSET):
            raise types.FieldTypeError("caller", (str,))
        self.caller = caller

        email = src_dict.get("email", UNSET)
        if not (isinstance(email, str) or email is UNSET):
            raise types.FieldTypeError("email", (str,))
        self.email = email

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
