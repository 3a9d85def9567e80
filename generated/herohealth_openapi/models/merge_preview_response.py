from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="MergePreviewResponse")
# The keys the description gives MergePreviewResponse; from_dict keeps any other key Hero sends.
_FIELDS: frozenset[str] = frozenset(
    {
        "main_patient",
        "incoming_patient",
        "result_patient",
        "merge_token",
    }
)


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
        self = object.__new__(cls)
        main_patient = src_dict["main_patient"]
        if isinstance(main_patient, dict):
            try:
                main_patient = Patient.from_dict(main_patient)
            except (KeyError, types.FieldTypeError, types.FieldValueError) as error:
                raise types.inside(error, "main_patient") from None
        else:
            raise types.FieldTypeError("main_patient", (dict,))
        self.main_patient = main_patient

        incoming_patient = src_dict["incoming_patient"]
        if isinstance(incoming_patient, dict):
            try:
                incoming_patient = Patient.from_dict(incoming_patient)
            except (KeyError, types.FieldTypeError, types.FieldValueError) as error:
                raise types.inside(error, "incoming_patient") from None
        else:
            raise types.FieldTypeError("incoming_patient", (dict,))
        self.incoming_patient = incoming_patient

        result_patient = src_dict["result_patient"]
        if isinstance(result_patient, dict):
            try:
                result_patient = Patient.from_dict(result_patient)
            except (KeyError, types.FieldTypeError, types.FieldValueError) as error:
                raise types.inside(error, "result_patient") from None
        else:
            raise types.FieldTypeError("result_patient", (dict,))
        self.result_patient = result_patient

        merge_token = src_dict["merge_token"]
        if not isinstance(merge_token, str):
            raise types.FieldTypeError("merge_token", (str,))
        self.merge_token = merge_token

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
from ..models.patient import Patient  # noqa: E402
