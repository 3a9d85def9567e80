from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.data_source import DataSource, check_data_source
from ..models.patient_status import PatientStatus, check_patient_status
from ..models.sex import Sex, check_sex
from ..models.title import Title, check_title
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.identifier import Identifier


T = TypeVar("T", bound="Patient")


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
        from ..models.identifier import Identifier  # noqa: PLC0415

        d = dict(src_dict)
        id = types.expect(d.pop("id"), "id", (str,))

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

        data_source = check_data_source(
            types.expect(d.pop("data_source"), "data_source", (str,))
        )

        status = check_patient_status(types.expect(d.pop("status"), "status", (str,)))

        identifiers = []
        _identifiers = types.expect(d.pop("identifiers"), "identifiers", (list,))
        for identifiers_item_data in _identifiers:
            identifiers_item = Identifier.from_dict(identifiers_item_data)

            identifiers.append(identifiers_item)

        def _parse_ehr_registered(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        ehr_registered = _parse_ehr_registered(
            types.expect(
                d.pop("ehr_registered"),
                "ehr_registered",
                (
                    bool,
                    type(None),
                ),
            )
        )

        def _parse_uid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        uid = _parse_uid(
            types.expect(
                d.pop("uid", UNSET),
                "uid",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_emis_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        emis_id = _parse_emis_id(
            types.expect(
                d.pop("emis_id", UNSET),
                "emis_id",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_ehr_partner_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ehr_partner_id = _parse_ehr_partner_id(
            types.expect(
                d.pop("ehr_partner_id", UNSET),
                "ehr_partner_id",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_deceased_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError()
            deceased_at_type_0 = types.parse_datetime(data)

            return deceased_at_type_0

        deceased_at = _parse_deceased_at(
            types.expect(
                d.pop("deceased_at", UNSET),
                "deceased_at",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_title(data: object) -> None | Title | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError()
            title_type_0 = check_title(data)

            return title_type_0

        title = _parse_title(
            types.expect(
                d.pop("title", UNSET),
                "title",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_first_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        first_name = _parse_first_name(
            types.expect(
                d.pop("first_name", UNSET),
                "first_name",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_last_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_name = _parse_last_name(
            types.expect(
                d.pop("last_name", UNSET),
                "last_name",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_sex(data: object) -> None | Sex | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError()
            sex_type_0 = check_sex(data)

            return sex_type_0

        sex = _parse_sex(
            types.expect(
                d.pop("sex", UNSET),
                "sex",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_nhs_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        nhs_number = _parse_nhs_number(
            types.expect(
                d.pop("nhs_number", UNSET),
                "nhs_number",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(
            types.expect(
                d.pop("email", UNSET),
                "email",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_emails(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            emails_type_0 = cast(list[str], data)

            return emails_type_0

        emails = _parse_emails(
            types.expect(
                d.pop("emails", UNSET),
                "emails",
                (
                    list,
                    type(None),
                ),
            )
        )

        def _parse_mobile(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        mobile = _parse_mobile(
            types.expect(
                d.pop("mobile", UNSET),
                "mobile",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_last_sync_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError()
            last_sync_at_type_0 = types.parse_datetime(data)

            return last_sync_at_type_0

        last_sync_at = _parse_last_sync_at(
            types.expect(
                d.pop("last_sync_at", UNSET),
                "last_sync_at",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_address_line_1(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address_line_1 = _parse_address_line_1(
            types.expect(
                d.pop("address_line_1", UNSET),
                "address_line_1",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_address_line_2(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address_line_2 = _parse_address_line_2(
            types.expect(
                d.pop("address_line_2", UNSET),
                "address_line_2",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_address_line_3(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address_line_3 = _parse_address_line_3(
            types.expect(
                d.pop("address_line_3", UNSET),
                "address_line_3",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country = _parse_country(
            types.expect(
                d.pop("country", UNSET),
                "country",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_postcode(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        postcode = _parse_postcode(
            types.expect(
                d.pop("postcode", UNSET),
                "postcode",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_town(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        town = _parse_town(
            types.expect(
                d.pop("town", UNSET),
                "town",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_county(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        county = _parse_county(
            types.expect(
                d.pop("county", UNSET),
                "county",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(
            types.expect(
                d.pop("notes", UNSET),
                "notes",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_verification_credentials(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            verification_credentials_type_0 = cast(list[str], data)

            return verification_credentials_type_0

        verification_credentials = _parse_verification_credentials(
            types.expect(
                d.pop("verification_credentials", UNSET),
                "verification_credentials",
                (
                    list,
                    type(None),
                ),
            )
        )

        restricted = types.expect(d.pop("restricted", UNSET), "restricted", (bool,))

        def _parse_sex_changed_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError()
            sex_changed_at_type_0 = types.parse_datetime(data)

            return sex_changed_at_type_0

        sex_changed_at = _parse_sex_changed_at(
            types.expect(
                d.pop("sex_changed_at", UNSET),
                "sex_changed_at",
                (
                    type(None),
                    str,
                ),
            )
        )

        patient = cls(
            id=id,
            dob=dob,
            data_source=data_source,
            status=status,
            identifiers=identifiers,
            ehr_registered=ehr_registered,
            uid=uid,
            emis_id=emis_id,
            ehr_partner_id=ehr_partner_id,
            deceased_at=deceased_at,
            title=title,
            first_name=first_name,
            last_name=last_name,
            sex=sex,
            nhs_number=nhs_number,
            email=email,
            emails=emails,
            mobile=mobile,
            last_sync_at=last_sync_at,
            address_line_1=address_line_1,
            address_line_2=address_line_2,
            address_line_3=address_line_3,
            country=country,
            postcode=postcode,
            town=town,
            county=county,
            notes=notes,
            verification_credentials=verification_credentials,
            restricted=restricted,
            sex_changed_at=sex_changed_at,
        )

        patient.additional_properties = d
        return patient

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
