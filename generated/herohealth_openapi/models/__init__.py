"""Contains all the data models used in inputs/outputs"""

from .attachment import Attachment
from .attachment_list import AttachmentList
from .billing_info import BillingInfo
from .connect_ehr_request import ConnectEhrRequest
from .data_source import DataSource
from .identifier import Identifier
from .identifier_label import IdentifierLabel
from .identifier_name import IdentifierName
from .identifier_role import IdentifierRole
from .identifier_source import IdentifierSource
from .insurance import Insurance
from .merge_preview_request import MergePreviewRequest
from .merge_preview_response import MergePreviewResponse
from .merge_request import MergeRequest
from .patient import Patient
from .patient_list import PatientList
from .patient_search_field import PatientSearchField
from .patient_status import PatientStatus
from .patient_v2 import PatientV2
from .patient_v2_list import PatientV2List
from .payment_method import PaymentMethod
from .payment_method_checks import PaymentMethodChecks
from .payment_method_list import PaymentMethodList
from .payment_method_networks import PaymentMethodNetworks
from .payment_method_three_d_secure_usage import PaymentMethodThreeDSecureUsage
from .pds_login_required import PdsLoginRequired
from .record_source import RecordSource
from .register_patient_request import RegisterPatientRequest
from .register_pds_by_demographics import RegisterPdsByDemographics
from .register_pds_by_nhs_number import RegisterPdsByNhsNumber
from .registered_patient import RegisteredPatient
from .sex import Sex
from .title import Title

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
