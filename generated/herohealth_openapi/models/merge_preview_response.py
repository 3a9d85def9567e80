from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

if TYPE_CHECKING:
    from ..models.patient import Patient


T = TypeVar("T", bound="MergePreviewResponse")


@_attrs_define(repr=False)
class MergePreviewResponse:
    main_patient: Patient
    """ A patient as Hero holds it (v1 shape). """
    incoming_patient: Patient
    """ A patient as Hero holds it (v1 shape). """
    result_patient: Patient
    """ A patient as Hero holds it (v1 shape). """
    merge_token: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def __repr__(self) -> str:
        return types.model_repr(self)

    def to_dict(self) -> dict[str, Any]:
        main_patient = self.main_patient.to_dict()

        incoming_patient = self.incoming_patient.to_dict()

        result_patient = self.result_patient.to_dict()

        merge_token = self.merge_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "main_patient": main_patient,
                "incoming_patient": incoming_patient,
                "result_patient": result_patient,
                "merge_token": merge_token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.patient import Patient  # noqa: PLC0415

        d = dict(src_dict)
        main_patient = Patient.from_dict(
            types.expect(d.pop("main_patient"), "main_patient", (dict,))
        )

        incoming_patient = Patient.from_dict(
            types.expect(d.pop("incoming_patient"), "incoming_patient", (dict,))
        )

        result_patient = Patient.from_dict(
            types.expect(d.pop("result_patient"), "result_patient", (dict,))
        )

        merge_token = types.expect(d.pop("merge_token"), "merge_token", (str,))

        merge_preview_response = cls(
            main_patient=main_patient,
            incoming_patient=incoming_patient,
            result_patient=result_patient,
            merge_token=merge_token,
        )

        merge_preview_response.additional_properties = d
        return merge_preview_response

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
