"""Contains all the data models used in inputs/outputs

File written by tools/generate.py from templates/sdk/models_init.py.jinja, over the
generator's own `models/__init__.py`: do not edit. Beside every model and enum it exports
each enum's `Known...` alias, the values openapi.yaml lists, which request arguments take.
"""

from .attachment import Attachment
from .attachment_list import AttachmentList
from .billing_info import BillingInfo
from .connect_ehr_request import ConnectEhrRequest
from .data_source import DataSource, KnownDataSource
from .identifier import Identifier
from .identifier_label import IdentifierLabel, KnownIdentifierLabel
from .identifier_name import IdentifierName, KnownIdentifierName
from .identifier_role import IdentifierRole, KnownIdentifierRole
from .identifier_source import IdentifierSource, KnownIdentifierSource
from .insurance import Insurance
from .merge_preview_request import MergePreviewRequest
from .merge_preview_response import MergePreviewResponse
from .merge_request import MergeRequest
from .patient import Patient
from .patient_list import PatientList
from .patient_search_field import KnownPatientSearchField, PatientSearchField
from .patient_status import KnownPatientStatus, PatientStatus
from .patient_v2 import PatientV2
from .patient_v2_list import PatientV2List
from .payment_method import PaymentMethod
from .payment_method_checks import PaymentMethodChecks
from .payment_method_list import PaymentMethodList
from .payment_method_networks import PaymentMethodNetworks
from .payment_method_three_d_secure_usage import PaymentMethodThreeDSecureUsage
from .pds_login_required import PdsLoginRequired
from .record_source import KnownRecordSource, RecordSource
from .register_patient_request import RegisterPatientRequest
from .register_pds_by_demographics import RegisterPdsByDemographics
from .register_pds_by_nhs_number import RegisterPdsByNhsNumber
from .registered_patient import RegisteredPatient
from .sex import KnownSex, Sex
from .title import KnownTitle, Title

__all__ = (
    "Attachment",
    "AttachmentList",
    "BillingInfo",
    "ConnectEhrRequest",
    "DataSource",
    "Identifier",
    "IdentifierLabel",
    "IdentifierName",
    "IdentifierRole",
    "IdentifierSource",
    "Insurance",
    "KnownDataSource",
    "KnownIdentifierLabel",
    "KnownIdentifierName",
    "KnownIdentifierRole",
    "KnownIdentifierSource",
    "KnownPatientSearchField",
    "KnownPatientStatus",
    "KnownRecordSource",
    "KnownSex",
    "KnownTitle",
    "MergePreviewRequest",
    "MergePreviewResponse",
    "MergeRequest",
    "Patient",
    "PatientList",
    "PatientSearchField",
    "PatientStatus",
    "PatientV2",
    "PatientV2List",
    "PaymentMethod",
    "PaymentMethodChecks",
    "PaymentMethodList",
    "PaymentMethodNetworks",
    "PaymentMethodThreeDSecureUsage",
    "PdsLoginRequired",
    "RecordSource",
    "RegisteredPatient",
    "RegisterPatientRequest",
    "RegisterPdsByDemographics",
    "RegisterPdsByNhsNumber",
    "Sex",
    "Title",
)
