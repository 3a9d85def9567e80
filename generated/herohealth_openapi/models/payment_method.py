from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.payment_method_checks import PaymentMethodChecks
    from ..models.payment_method_networks import PaymentMethodNetworks
    from ..models.payment_method_three_d_secure_usage import (
        PaymentMethodThreeDSecureUsage,
    )


T = TypeVar("T", bound="PaymentMethod")


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
        from ..models.payment_method_checks import PaymentMethodChecks  # noqa: PLC0415
        from ..models.payment_method_networks import PaymentMethodNetworks  # noqa: PLC0415
        from ..models.payment_method_three_d_secure_usage import (
            PaymentMethodThreeDSecureUsage,  # noqa: PLC0415
        )

        d = dict(src_dict)
        id = types.expect(d.pop("id"), "id", (str,))

        type_ = types.expect(d.pop("type"), "type", (str,))

        brand = types.expect(d.pop("brand"), "brand", (str,))

        last4 = types.expect(d.pop("last4"), "last4", (str,))

        def _parse_country(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        country = _parse_country(
            types.expect(
                d.pop("country"),
                "country",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_funding(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        funding = _parse_funding(
            types.expect(
                d.pop("funding"),
                "funding",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_exp_year(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        exp_year = _parse_exp_year(
            types.expect(
                d.pop("exp_year"),
                "exp_year",
                (
                    int,
                    float,
                    type(None),
                ),
            )
        )

        def _parse_exp_month(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        exp_month = _parse_exp_month(
            types.expect(
                d.pop("exp_month"),
                "exp_month",
                (
                    int,
                    float,
                    type(None),
                ),
            )
        )

        def _parse_fingerprint(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        fingerprint = _parse_fingerprint(
            types.expect(
                d.pop("fingerprint"),
                "fingerprint",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_regulated_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        regulated_status = _parse_regulated_status(
            types.expect(
                d.pop("regulated_status"),
                "regulated_status",
                (
                    type(None),
                    str,
                ),
            )
        )

        _checks = types.expect(d.pop("checks", UNSET), "checks", (dict,))
        checks: PaymentMethodChecks | Unset
        if isinstance(_checks, Unset):
            checks = UNSET
        else:
            checks = PaymentMethodChecks.from_dict(_checks)

        def _parse_wallet(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        wallet = _parse_wallet(
            types.expect(
                d.pop("wallet", UNSET),
                "wallet",
                (
                    type(None),
                    str,
                ),
            )
        )

        _networks = types.expect(d.pop("networks", UNSET), "networks", (dict,))
        networks: PaymentMethodNetworks | Unset
        if isinstance(_networks, Unset):
            networks = UNSET
        else:
            networks = PaymentMethodNetworks.from_dict(_networks)

        def _parse_display_brand(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        display_brand = _parse_display_brand(
            types.expect(
                d.pop("display_brand", UNSET),
                "display_brand",
                (
                    type(None),
                    str,
                ),
            )
        )

        def _parse_generated_from(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        generated_from = _parse_generated_from(
            types.expect(
                d.pop("generated_from", UNSET),
                "generated_from",
                (
                    type(None),
                    str,
                ),
            )
        )

        _three_d_secure_usage = types.expect(
            d.pop("three_d_secure_usage", UNSET), "three_d_secure_usage", (dict,)
        )
        three_d_secure_usage: PaymentMethodThreeDSecureUsage | Unset
        if isinstance(_three_d_secure_usage, Unset):
            three_d_secure_usage = UNSET
        else:
            three_d_secure_usage = PaymentMethodThreeDSecureUsage.from_dict(
                _three_d_secure_usage
            )

        payment_method = cls(
            id=id,
            type_=type_,
            brand=brand,
            last4=last4,
            country=country,
            funding=funding,
            exp_year=exp_year,
            exp_month=exp_month,
            fingerprint=fingerprint,
            regulated_status=regulated_status,
            checks=checks,
            wallet=wallet,
            networks=networks,
            display_brand=display_brand,
            generated_from=generated_from,
            three_d_secure_usage=three_d_secure_usage,
        )

        payment_method.additional_properties = d
        return payment_method

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
