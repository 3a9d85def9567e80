from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

T = TypeVar("T", bound="PaymentMethod")
# The keys the description gives PaymentMethod; from_dict keeps any other key Hero sends.
_FIELDS: frozenset[str] = frozenset(
    {
        "id",
        "type",
        "brand",
        "last4",
        "country",
        "funding",
        "exp_year",
        "exp_month",
        "fingerprint",
        "regulated_status",
        "checks",
        "wallet",
        "networks",
        "display_brand",
        "generated_from",
        "three_d_secure_usage",
    }
)


@_attrs_define(repr=False)
class PaymentMethod:
    id: str
    type_: str
    brand: str
    last4: str
    country: None | str
    funding: None | str
    exp_year: float | None
    exp_month: float | None
    fingerprint: None | str
    regulated_status: None | str
    checks: PaymentMethodChecks | Unset = UNSET
    wallet: None | str | Unset = UNSET
    networks: PaymentMethodNetworks | Unset = UNSET
    display_brand: None | str | Unset = UNSET
    generated_from: None | str | Unset = UNSET
    three_d_secure_usage: PaymentMethodThreeDSecureUsage | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        return types.model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_

        brand = self.brand

        last4 = self.last4

        country: None | str
        country = self.country

        funding: None | str
        funding = self.funding

        exp_year: float | None
        exp_year = self.exp_year

        exp_month: float | None
        exp_month = self.exp_month

        fingerprint: None | str
        fingerprint = self.fingerprint

        regulated_status: None | str
        regulated_status = self.regulated_status

        checks: dict[str, Any] | Unset = UNSET
        if not isinstance(self.checks, Unset):
            checks = self.checks.to_dict()

        wallet: None | str | Unset
        if isinstance(self.wallet, Unset):
            wallet = UNSET
        else:
            wallet = self.wallet

        networks: dict[str, Any] | Unset = UNSET
        if not isinstance(self.networks, Unset):
            networks = self.networks.to_dict()

        display_brand: None | str | Unset
        if isinstance(self.display_brand, Unset):
            display_brand = UNSET
        else:
            display_brand = self.display_brand

        generated_from: None | str | Unset
        if isinstance(self.generated_from, Unset):
            generated_from = UNSET
        else:
            generated_from = self.generated_from

        three_d_secure_usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.three_d_secure_usage, Unset):
            three_d_secure_usage = self.three_d_secure_usage.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "brand": brand,
                "last4": last4,
                "country": country,
                "funding": funding,
                "exp_year": exp_year,
                "exp_month": exp_month,
                "fingerprint": fingerprint,
                "regulated_status": regulated_status,
            }
        )
        if checks is not UNSET:
            field_dict["checks"] = checks
        if wallet is not UNSET:
            field_dict["wallet"] = wallet
        if networks is not UNSET:
            field_dict["networks"] = networks
        if display_brand is not UNSET:
            field_dict["display_brand"] = display_brand
        if generated_from is not UNSET:
            field_dict["generated_from"] = generated_from
        if three_d_secure_usage is not UNSET:
            field_dict["three_d_secure_usage"] = three_d_secure_usage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        self = object.__new__(cls)
        id = src_dict["id"]
        if not isinstance(id, str):
            raise types.FieldTypeError("id", (str,))
        self.id = id

        type_ = src_dict["type"]
        if not isinstance(type_, str):
            raise types.FieldTypeError("type", (str,))
        self.type_ = type_

        brand = src_dict["brand"]
        if not isinstance(brand, str):
            raise types.FieldTypeError("brand", (str,))
        self.brand = brand

        last4 = src_dict["last4"]
        if not isinstance(last4, str):
            raise types.FieldTypeError("last4", (str,))
        self.last4 = last4

        country = src_dict["country"]
        if not (isinstance(country, str) or country is None):
            raise types.FieldTypeError("country", (type(None), str))
        self.country = country

        funding = src_dict["funding"]
        if not (isinstance(funding, str) or funding is None):
            raise types.FieldTypeError("funding", (type(None), str))
        self.funding = funding

        exp_year = src_dict["exp_year"]
        if not (types.is_number(exp_year) or exp_year is None):
            raise types.FieldTypeError("exp_year", (int, float, type(None)))
        self.exp_year = exp_year

        exp_month = src_dict["exp_month"]
        if not (types.is_number(exp_month) or exp_month is None):
            raise types.FieldTypeError("exp_month", (int, float, type(None)))
        self.exp_month = exp_month

        fingerprint = src_dict["fingerprint"]
        if not (isinstance(fingerprint, str) or fingerprint is None):
            raise types.FieldTypeError("fingerprint", (type(None), str))
        self.fingerprint = fingerprint

        regulated_status = src_dict["regulated_status"]
        if not (isinstance(regulated_status, str) or regulated_status is None):
            raise types.FieldTypeError("regulated_status", (type(None), str))
        self.regulated_status = regulated_status

        checks = src_dict.get("checks", UNSET)
        if isinstance(checks, dict):
            try:
                checks = PaymentMethodChecks.from_dict(checks)
            except (KeyError, types.FieldTypeError, types.FieldValueError) as error:
                raise types.inside(error, "checks") from None
        elif checks is not UNSET:
            raise types.FieldTypeError("checks", (dict,))
        self.checks = checks

        wallet = src_dict.get("wallet", UNSET)
        if not (isinstance(wallet, str) or wallet is None or wallet is UNSET):
            raise types.FieldTypeError("wallet", (type(None), str))
        self.wallet = wallet

        networks = src_dict.get("networks", UNSET)
        if isinstance(networks, dict):
            try:
                networks = PaymentMethodNetworks.from_dict(networks)
            except (KeyError, types.FieldTypeError, types.FieldValueError) as error:
                raise types.inside(error, "networks") from None
        elif networks is not UNSET:
            raise types.FieldTypeError("networks", (dict,))
        self.networks = networks

        display_brand = src_dict.get("display_brand", UNSET)
        if not (
            isinstance(display_brand, str)
            or display_brand is None
            or display_brand is UNSET
        ):
            raise types.FieldTypeError("display_brand", (type(None), str))
        self.display_brand = display_brand

        generated_from = src_dict.get("generated_from", UNSET)
        if not (
            isinstance(generated_from, str)
            or generated_from is None
            or generated_from is UNSET
        ):
            raise types.FieldTypeError("generated_from", (type(None), str))
        self.generated_from = generated_from

        three_d_secure_usage = src_dict.get("three_d_secure_usage", UNSET)
        if isinstance(three_d_secure_usage, dict):
            try:
                three_d_secure_usage = PaymentMethodThreeDSecureUsage.from_dict(
                    three_d_secure_usage
                )
            except (KeyError, types.FieldTypeError, types.FieldValueError) as error:
                raise types.inside(error, "three_d_secure_usage") from None
        elif three_d_secure_usage is not UNSET:
            raise types.FieldTypeError("three_d_secure_usage", (dict,))
        self.three_d_secure_usage = three_d_secure_usage

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
from ..models.payment_method_checks import PaymentMethodChecks  # noqa: E402
from ..models.payment_method_networks import PaymentMethodNetworks  # noqa: E402
from ..models.payment_method_three_d_secure_usage import PaymentMethodThreeDSecureUsage  # noqa: E402
