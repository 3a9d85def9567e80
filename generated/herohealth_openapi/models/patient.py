from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.data_source import DataSource
from ..models.patient_status import PatientStatus
from ..models.sex import Sex
from ..models.title import Title
from ..types import UNSET, Unset

T = TypeVar("T", bound="Patient")
# The keys the description gives Patient; from_dict keeps any other key Hero sends.
_FIELDS: frozenset[str] = frozenset(
    {
        "id",
        "dob",
        "data_source",
        "status",
        "identifiers",
        "ehr_registered",
        "uid",
        "emis_id",
        "ehr_partner_id",
        "deceased_at",
        "title",
        "first_name",
        "last_name",
        "sex",
        "nhs_number",
        "email",
        "emails",
        "mobile",
        "last_sync_at",
        "address_line_1",
        "address_line_2",
        "address_line_3",
        "country",
        "postcode",
        "town",
        "county",
        "notes",
        "verification_credentials",
        "restricted",
        "sex_changed_at",
    }
)


@_attrs_define(repr=False)
class Patient:
    """A patient as Hero holds it (v1 shape)."""

    id: str
    dob: datetime.datetime | None
    data_source: DataSource
    status: PatientStatus
    identifiers: list[Identifier]
    ehr_registered: bool | None
    uid: None | str | Unset = UNSET
    emis_id: None | str | Unset = UNSET
    ehr_partner_id: None | str | Unset = UNSET
    deceased_at: datetime.datetime | None | Unset = UNSET
    title: None | Title | Unset = UNSET
    first_name: None | str | Unset = UNSET
    last_name: None | str | Unset = UNSET
    sex: None | Sex | Unset = UNSET
    nhs_number: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    emails: list[str] | None | Unset = UNSET
    mobile: None | str | Unset = UNSET
    last_sync_at: datetime.datetime | None | Unset = UNSET
    address_line_1: None | str | Unset = UNSET
    address_line_2: None | str | Unset = UNSET
    address_line_3: None | str | Unset = UNSET
    country: None | str | Unset = UNSET
    postcode: None | str | Unset = UNSET
    town: None | str | Unset = UNSET
    county: None | str | Unset = UNSET
    notes: None | str | Unset = UNSET
    verification_credentials: list[str] | None | Unset = UNSET
    restricted: bool | Unset = False
    sex_changed_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        return types.model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        dob: None | str
        if isinstance(self.dob, datetime.datetime):
            dob = self.dob.isoformat()
        else:
            dob = self.dob

        data_source: str = self.data_source

        status: str = self.status

        identifiers = []
        for identifiers_item_data in self.identifiers:
            identifiers_item = identifiers_item_data.to_dict()
            identifiers.append(identifiers_item)

        ehr_registered: bool | None
        ehr_registered = self.ehr_registered

        uid: None | str | Unset
        if isinstance(self.uid, Unset):
            uid = UNSET
        else:
            uid = self.uid

        emis_id: None | str | Unset
        if isinstance(self.emis_id, Unset):
            emis_id = UNSET
        else:
            emis_id = self.emis_id

        ehr_partner_id: None | str | Unset
        if isinstance(self.ehr_partner_id, Unset):
            ehr_partner_id = UNSET
        else:
            ehr_partner_id = self.ehr_partner_id

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

        emails: list[str] | None | Unset
        if isinstance(self.emails, Unset):
            emails = UNSET
        elif isinstance(self.emails, list):
            emails = self.emails

        else:
            emails = self.emails

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

        address_line_1: None | str | Unset
        if isinstance(self.address_line_1, Unset):
            address_line_1 = UNSET
        else:
            address_line_1 = self.address_line_1

        address_line_2: None | str | Unset
        if isinstance(self.address_line_2, Unset):
            address_line_2 = UNSET
        else:
            address_line_2 = self.address_line_2

        address_line_3: None | str | Unset
        if isinstance(self.address_line_3, Unset):
            address_line_3 = UNSET
        else:
            address_line_3 = self.address_line_3

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        postcode: None | str | Unset
        if isinstance(self.postcode, Unset):
            postcode = UNSET
        else:
            postcode = self.postcode

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

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        verification_credentials: list[str] | None | Unset
        if isinstance(self.verification_credentials, Unset):
            verification_credentials = UNSET
        elif isinstance(self.verification_credentials, list):
            verification_credentials = self.verification_credentials

        else:
            verification_credentials = self.verification_credentials

        restricted = self.restricted

        sex_changed_at: None | str | Unset
        if isinstance(self.sex_changed_at, Unset):
            sex_changed_at = UNSET
        elif isinstance(self.sex_changed_at, datetime.datetime):
            sex_changed_at = self.sex_changed_at.isoformat()
        else:
            sex_changed_at = self.sex_changed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "dob": dob,
                "data_source": data_source,
                "status": status,
                "identifiers": identifiers,
                "ehr_registered": ehr_registered,
            }
        )
        if uid is not UNSET:
            field_dict["uid"] = uid
        if emis_id is not UNSET:
            field_dict["emis_id"] = emis_id
        if ehr_partner_id is not UNSET:
            field_dict["ehr_partner_id"] = ehr_partner_id
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
        if emails is not UNSET:
            field_dict["emails"] = emails
        if mobile is not UNSET:
            field_dict["mobile"] = mobile
        if last_sync_at is not UNSET:
            field_dict["last_sync_at"] = last_sync_at
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
        if notes is not UNSET:
            field_dict["notes"] = notes
        if verification_credentials is not UNSET:
            field_dict["verification_credentials"] = verification_credentials
        if restricted is not UNSET:
            field_dict["restricted"] = restricted
        if sex_changed_at is not UNSET:
            field_dict["sex_changed_at"] = sex_changed_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        self = object.__new__(cls)
        id = src_dict["id"]
        if not isinstance(id, str):
            raise types.FieldTypeError("id", (str,))
        self.id = id

        dob = src_dict["dob"]
        if isinstance(dob, str):
            dob = types.read_datetime(dob, "dob")
        elif dob is not None:
            raise types.FieldTypeError("dob", (type(None), str))
        self.dob = dob

        data_source = src_dict["data_source"]
        if not isinstance(data_source, str):
            raise types.FieldTypeError("data_source", (str,))
        self.data_source = data_source

        status = src_dict["status"]
        if not isinstance(status, str):
            raise types.FieldTypeError("status", (str,))
        self.status = status

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

        uid = src_dict.get("uid", UNSET)
        if not (isinstance(uid, str) or uid is None or uid is UNSET):
            raise types.FieldTypeError("uid", (type(None), str))
        self.uid = uid

        emis_id = src_dict.get("emis_id", UNSET)
        if not (isinstance(emis_id, str) or emis_id is None or emis_id is UNSET):
            raise types.FieldTypeError("emis_id", (type(None), str))
        self.emis_id = emis_id

        ehr_partner_id = src_dict.get("ehr_partner_id", UNSET)
        if not (
            isinstance(ehr_partner_id, str)
            or ehr_partner_id is None
            or ehr_partner_id is UNSET
        ):
            raise types.FieldTypeError("ehr_partner_id", (type(None), str))
        self.ehr_partner_id = ehr_partner_id

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

        emails = src_dict.get("emails", UNSET)
        if not (isinstance(emails, list) or emails is None or emails is UNSET):
            raise types.FieldTypeError("emails", (list, type(None)))
        self.emails = emails

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

        address_line_1 = src_dict.get("address_line_1", UNSET)
        if not (
            isinstance(address_line_1, str)
            or address_line_1 is None
            or address_line_1 is UNSET
        ):
            raise types.FieldTypeError("address_line_1", (type(None), str))
        self.address_line_1 = address_line_1

        address_line_2 = src_dict.get("address_line_2", UNSET)
        if not (
            isinstance(address_line_2, str)
            or address_line_2 is None
            or address_line_2 is UNSET
        ):
            raise types.FieldTypeError("address_line_2", (type(None), str))
        self.address_line_2 = address_line_2

        address_line_3 = src_dict.get("address_line_3", UNSET)
        if not (
            isinstance(address_line_3, str)
            or address_line_3 is None
            or address_line_3 is UNSET
        ):
            raise types.FieldTypeError("address_line_3", (type(None), str))
        self.address_line_3 = address_line_3

        country = src_dict.get("country", UNSET)
        if not (isinstance(country, str) or country is None or country is UNSET):
            raise types.FieldTypeError("country", (type(None), str))
        self.country = country

        postcode = src_dict.get("postcode", UNSET)
        if not (isinstance(postcode, str) or postcode is None or postcode is UNSET):
            raise types.FieldTypeError("postcode", (type(None), str))
        self.postcode = postcode

        town = src_dict.get("town", UNSET)
        if not (isinstance(town, str) or town is None or town is UNSET):
            raise types.FieldTypeError("town", (type(None), str))
        self.town = town

        county = src_dict.get("county", UNSET)
        if not (isinstance(county, str) or county is None or county is UNSET):
            raise types.FieldTypeError("county", (type(None), str))
        self.county = county

        notes = src_dict.get("notes", UNSET)
        if not (isinstance(notes, str) or notes is None or notes is UNSET):
            raise types.FieldTypeError("notes", (type(None), str))
        self.notes = notes

        verification_credentials = src_dict.get("verification_credentials", UNSET)
        if not (
            isinstance(verification_credentials, list)
            or verification_credentials is None
            or verification_credentials is UNSET
        ):
            raise types.FieldTypeError("verification_credentials", (list, type(None)))
        self.verification_credentials = verification_credentials

        restricted = src_dict.get("restricted", UNSET)
        if not (type(restricted) is bool or restricted is UNSET):
            raise types.FieldTypeError("restricted", (bool,))
        self.restricted = restricted

        sex_changed_at = src_dict.get("sex_changed_at", UNSET)
        if isinstance(sex_changed_at, str):
            sex_changed_at = types.read_datetime(sex_changed_at, "sex_changed_at")
        elif not (sex_changed_at is None or sex_changed_at is UNSET):
            raise types.FieldTypeError("sex_changed_at", (type(None), str))
        self.sex_changed_at = sex_changed_at

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
