from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.data_source import DataSource
from ..models.sex import Sex
from ..models.title import Title
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatientV2")
# The keys the description gives PatientV2; from_dict keeps any other key Hero sends.
_FIELDS: frozenset[str] = frozenset(
    {
        "dob",
        "identifiers",
        "ehr_registered",
        "ehr_partner_id",
        "emis_id",
        "deceased_at",
        "title",
        "first_name",
        "last_name",
        "sex",
        "nhs_number",
        "email",
        "mobile",
        "last_sync_at",
        "data_source",
        "restricted",
        "line_1",
        "line_2",
        "line_3",
        "town",
        "county",
        "postcode",
        "hero_id",
        "hero_uid",
    }
)


@_attrs_define(repr=False)
class PatientV2:
    """A patient from Hero or the EHR (v2 shape; also the EHR candidate shape)."""

    dob: datetime.datetime | None
    identifiers: list[Identifier]
    ehr_registered: bool | None
    ehr_partner_id: None | str | Unset = UNSET
    emis_id: None | str | Unset = UNSET
    deceased_at: datetime.datetime | None | Unset = UNSET
    title: None | Title | Unset = UNSET
    first_name: None | str | Unset = UNSET
    last_name: None | str | Unset = UNSET
    sex: None | Sex | Unset = UNSET
    nhs_number: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    mobile: None | str | Unset = UNSET
    last_sync_at: datetime.datetime | None | Unset = UNSET
    data_source: DataSource | None | Unset = UNSET
    restricted: bool | Unset = False
    line_1: None | str | Unset = UNSET
    line_2: None | str | Unset = UNSET
    line_3: None | str | Unset = UNSET
    town: None | str | Unset = UNSET
    county: None | str | Unset = UNSET
    postcode: None | str | Unset = UNSET
    hero_id: None | str | Unset = UNSET
    hero_uid: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        return types.model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        dob: None | str
        if isinstance(self.dob, datetime.datetime):
            dob = self.dob.isoformat()
        else:
            dob = self.dob

        identifiers = []
        for identifiers_item_data in self.identifiers:
            identifiers_item = identifiers_item_data.to_dict()
            identifiers.append(identifiers_item)

        ehr_registered: bool | None
        ehr_registered = self.ehr_registered

        ehr_partner_id: None | str | Unset
        if isinstance(self.ehr_partner_id, Unset):
            ehr_partner_id = UNSET
        else:
            ehr_partner_id = self.ehr_partner_id

        emis_id: None | str | Unset
        if isinstance(self.emis_id, Unset):
            emis_id = UNSET
        else:
            emis_id = self.emis_id

        deceased_at: None | str | Unset
        if isinstance(self.deceased_at, Unset):
            deceased_at = UNSET
        elif isinstance(self.deceased_at, datetime.datetime):
            deceased_at = self.deceased_at.isoformat()
        else:
            deceased_at = self.deceased_at

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        elif isinstance(self.title, str):
            title = self.title
        else:
            title = self.title

        first_name: None | str | Unset
        if isinstance(self.first_name, Unset):
            first_name = UNSET
        else:
            first_name = self.first_name

        last_name: None | str | Unset
        if isinstance(self.last_name, Unset):
            last_name = UNSET
        else:
            last_name = self.last_name

        sex: None | str | Unset
        if isinstance(self.sex, Unset):
            sex = UNSET
        elif isinstance(self.sex, str):
            sex = self.sex
        else:
            sex = self.sex

        nhs_number: None | str | Unset
        if isinstance(self.nhs_number, Unset):
            nhs_number = UNSET
        else:
            nhs_number = self.nhs_number

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        mobile: None | str | Unset
        if isinstance(self.mobile, Unset):
            mobile = UNSET
        else:
            mobile = self.mobile

        last_sync_at: None | str | Unset
        if isinstance(self.last_sync_at, Unset):
            last_sync_at = UNSET
        elif isinstance(self.last_sync_at, datetime.datetime):
            last_sync_at = self.last_sync_at.isoformat()
        else:
            last_sync_at = self.last_sync_at

        data_source: None | str | Unset
        if isinstance(self.data_source, Unset):
            data_source = UNSET
        elif isinstance(self.data_source, str):
            data_source = self.data_source
        else:
            data_source = self.data_source

        restricted = self.restricted

        line_1: None | str | Unset
        if isinstance(self.line_1, Unset):
            line_1 = UNSET
        else:
            line_1 = self.line_1

        line_2: None | str | Unset
        if isinstance(self.line_2, Unset):
            line_2 = UNSET
        else:
            line_2 = self.line_2

        line_3: None | str | Unset
        if isinstance(self.line_3, Unset):
            line_3 = UNSET
        else:
            line_3 = self.line_3

        town: None | str | Unset
        if isinstance(self.town, Unset):
            town = UNSET
        else:
            town = self.town

        county: None | str | Unset
        if isinstance(self.county, Unset):
            county = UNSET
        else:
            county = self.county

        postcode: None | str | Unset
        if isinstance(self.postcode, Unset):
            postcode = UNSET
        else:
            postcode = self.postcode

        hero_id: None | str | Unset
        if isinstance(self.hero_id, Unset):
            hero_id = UNSET
        else:
            hero_id = self.hero_id

        hero_uid: None | str | Unset
        if isinstance(self.hero_uid, Unset):
            hero_uid = UNSET
        else:
            hero_uid = self.hero_uid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dob": dob,
                "identifiers": identifiers,
                "ehr_registered": ehr_registered,
            }
        )
        if ehr_partner_id is not UNSET:
            field_dict["ehr_partner_id"] = ehr_partner_id
        if emis_id is not UNSET:
            field_dict["emis_id"] = emis_id
        if deceased_at is not UNSET:
            field_dict["deceased_at"] = deceased_at
        if title is not UNSET:
            field_dict["title"] = title
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if sex is not UNSET:
            field_dict["sex"] = sex
        if nhs_number is not UNSET:
            field_dict["nhs_number"] = nhs_number
        if email is not UNSET:
            field_dict["email"] = email
        if mobile is not UNSET:
            field_dict["mobile"] = mobile
        if last_sync_at is not UNSET:
            field_dict["last_sync_at"] = last_sync_at
        if data_source is not UNSET:
            field_dict["data_source"] = data_source
        if restricted is not UNSET:
            field_dict["restricted"] = restricted
        if line_1 is not UNSET:
            field_dict["line_1"] = line_1
        if line_2 is not UNSET:
            field_dict["line_2"] = line_2
        if line_3 is not UNSET:
            field_dict["line_3"] = line_3
        if town is not UNSET:
            field_dict["town"] = town
        if county is not UNSET:
            field_dict["county"] = county
        if postcode is not UNSET:
            field_dict["postcode"] = postcode
        if hero_id is not UNSET:
            field_dict["hero_id"] = hero_id
        if hero_uid is not UNSET:
            field_dict["hero_uid"] = hero_uid

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

        identifiers = src_dict["identifiers"]
        if isinstance(identifiers, list):
            try:
                identifiers = [
                    Identifier.from_dict(item)
                    if isinstance(item, dict)
                    else types.reject("identifiers", (dict,))
                    for item in identifiers
                ]
            except (KeyError, types.FieldTypeError, types.FieldValueError) as error:
                raise types.inside(
                    error, "identifiers", identifiers, Identifier.from_dict
                ) from None
        else:
            raise types.FieldTypeError("identifiers", (list,))
        self.identifiers = identifiers

        ehr_registered = src_dict["ehr_registered"]
        if not (type(ehr_registered) is bool or ehr_registered is None):
            raise types.FieldTypeError("ehr_registered", (bool, type(None)))
        self.ehr_registered = ehr_registered

        ehr_partner_id = src_dict.get("ehr_partner_id", UNSET)
        if not (
            isinstance(ehr_partner_id, str)
            or ehr_partner_id is None
            or ehr_partner_id is UNSET
        ):
            raise types.FieldTypeError("ehr_partner_id", (type(None), str))
        self.ehr_partner_id = ehr_partner_id

        emis_id = src_dict.get("emis_id", UNSET)
        if not (isinstance(emis_id, str) or emis_id is None or emis_id is UNSET):
            raise types.FieldTypeError("emis_id", (type(None), str))
        self.emis_id = emis_id

        deceased_at = src_dict.get("deceased_at", UNSET)
        if isinstance(deceased_at, str):
            deceased_at = types.read_datetime(deceased_at, "deceased_at")
        elif not (deceased_at is None or deceased_at is UNSET):
            raise types.FieldTypeError("deceased_at", (type(None), str))
        self.deceased_at = deceased_at

        title = src_dict.get("title", UNSET)
        if not (isinstance(title, str) or title is None or title is UNSET):
            raise types.FieldTypeError("title", (type(None), str))
        self.title = title

        first_name = src_dict.get("first_name", UNSET)
        if not (
            isinstance(first_name, str) or first_name is None or first_name is UNSET
        ):
            raise types.FieldTypeError("first_name", (type(None), str))
        self.first_name = first_name

        last_name = src_dict.get("last_name", UNSET)
        if not (isinstance(last_name, str) or last_name is None or last_name is UNSET):
            raise types.FieldTypeError("last_name", (type(None), str))
        self.last_name = last_name

        sex = src_dict.get("sex", UNSET)
        if not (isinstance(sex, str) or sex is None or sex is UNSET):
            raise types.FieldTypeError("sex", (type(None), str))
        self.sex = sex

        nhs_number = src_dict.get("nhs_number", UNSET)
        if not (
            isinstance(nhs_number, str) or nhs_number is None or nhs_number is UNSET
        ):
            raise types.FieldTypeError("nhs_number", (type(None), str))
        self.nhs_number = nhs_number

        email = src_dict.get("email", UNSET)
        if not (isinstance(email, str) or email is None or email is UNSET):
            raise types.FieldTypeError("email", (type(None), str))
        self.email = email

        mobile = src_dict.get("mobile", UNSET)
        if not (isinstance(mobile, str) or mobile is None or mobile is UNSET):
            raise types.FieldTypeError("mobile", (type(None), str))
        self.mobile = mobile

        last_sync_at = src_dict.get("last_sync_at", UNSET)
        if isinstance(last_sync_at, str):
            last_sync_at = types.read_datetime(last_sync_at, "last_sync_at")
        elif not (last_sync_at is None or last_sync_at is UNSET):
            raise types.FieldTypeError("last_sync_at", (type(None), str))
        self.last_sync_at = last_sync_at

        data_source = src_dict.get("data_source", UNSET)
        if not (
            isinstance(data_source, str) or data_source is None or data_source is UNSET
        ):
            raise types.FieldTypeError("data_source", (type(None), str))
        self.data_source = data_source

        restricted = src_dict.get("restricted", UNSET)
        if not (type(restricted) is bool or restricted is UNSET):
            raise types.FieldTypeError("restricted", (bool,))
        self.restricted = restricted

        line_1 = src_dict.get("line_1", UNSET)
        if not (isinstance(line_1, str) or line_1 is None or line_1 is UNSET):
            raise types.FieldTypeError("line_1", (type(None), str))
        self.line_1 = line_1

        line_2 = src_dict.get("line_2", UNSET)
        if not (isinstance(line_2, str) or line_2 is None or line_2 is UNSET):
            raise types.FieldTypeError("line_2", (type(None), str))
        self.line_2 = line_2

        line_3 = src_dict.get("line_3", UNSET)
        if not (isinstance(line_3, str) or line_3 is None or line_3 is UNSET):
            raise types.FieldTypeError("line_3", (type(None), str))
        self.line_3 = line_3

        town = src_dict.get("town", UNSET)
        if not (isinstance(town, str) or town is None or town is UNSET):
            raise types.FieldTypeError("town", (type(None), str))
        self.town = town

        county = src_dict.get("county", UNSET)
        if not (isinstance(county, str) or county is None or county is UNSET):
            raise types.FieldTypeError("county", (type(None), str))
        self.county = county

        postcode = src_dict.get("postcode", UNSET)
        if not (isinstance(postcode, str) or postcode is None or postcode is UNSET):
            raise types.FieldTypeError("postcode", (type(None), str))
        self.postcode = postcode

        hero_id = src_dict.get("hero_id", UNSET)
        if not (isinstance(hero_id, str) or hero_id is None or hero_id is UNSET):
            raise types.FieldTypeError("hero_id", (type(None), str))
        self.hero_id = hero_id

        hero_uid = src_dict.get("hero_uid", UNSET)
        if not (isinstance(hero_uid, str) or hero_uid is None or hero_uid is UNSET):
            raise types.FieldTypeError("hero_uid", (type(None), str))
        self.hero_uid = hero_uid

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


# Last, so models that refer to each other import (see from_dict).
from ..models.identifier import Identifier  # noqa: E402
