from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.pds_login_required import PdsLoginRequired
from ...models.register_pds_by_demographics import RegisterPdsByDemographics
from ...models.register_pds_by_nhs_number import RegisterPdsByNhsNumber
from ...models.registered_patient import RegisteredPatient
from ...types import Response


def _get_kwargs(
    *,
    body: RegisterPdsByDemographics | RegisterPdsByNhsNumber,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/patients/register_pds",
    }

    if isinstance(body, RegisterPdsByNhsNumber):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PdsLoginRequired | RegisteredPatient | None:
    if response.status_code == 200:

        def _parse_response_200(data: object) -> PdsLoginRequired | RegisteredPatient:
            refused: list[tuple[str, Exception]] = []
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_0 = RegisteredPatient.from_dict(data)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError) as error:
                refused.append(("RegisteredPatient", error))
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_200_type_1 = PdsLoginRequired.from_dict(data)

                return response_200_type_1
            except (TypeError, ValueError, AttributeError, KeyError) as error:
                refused.append(("PdsLoginRequired", error))
            # Imported here: an endpoint module does not import `types`.
            from herohealth_openapi.types import NoShapeFits

            raise NoShapeFits(refused)

        response_200 = _parse_response_200(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PdsLoginRequired | RegisteredPatient]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterPdsByDemographics | RegisterPdsByNhsNumber,
) -> Response[PdsLoginRequired | RegisteredPatient]:
    """Register a Patient using PDS

     Sends minimal patient information to Hero to allow us to trace a patient against the Spine and
    return their Hero patient_id.If not existing in Hero, the patient record will also be created for
    that practice group as part of this request.

    Args:
        body (RegisterPdsByDemographics | RegisterPdsByNhsNumber):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PdsLoginRequired | RegisteredPatient]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterPdsByDemographics | RegisterPdsByNhsNumber,
) -> PdsLoginRequired | RegisteredPatient | None:
    """Register a Patient using PDS

     Sends minimal patient information to Hero to allow us to trace a patient against the Spine and
    return their Hero patient_id.If not existing in Hero, the patient record will also be created for
    that practice group as part of this request.

    Args:
        body (RegisterPdsByDemographics | RegisterPdsByNhsNumber):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PdsLoginRequired | RegisteredPatient
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterPdsByDemographics | RegisterPdsByNhsNumber,
) -> Response[PdsLoginRequired | RegisteredPatient]:
    """Register a Patient using PDS

     Sends minimal patient information to Hero to allow us to trace a patient against the Spine and
    return their Hero patient_id.If not existing in Hero, the patient record will also be created for
    that practice group as part of this request.

    Args:
        body (RegisterPdsByDemographics | RegisterPdsByNhsNumber):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PdsLoginRequired | RegisteredPatient]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: RegisterPdsByDemographics | RegisterPdsByNhsNumber,
) -> PdsLoginRequired | RegisteredPatient | None:
    """Register a Patient using PDS

     Sends minimal patient information to Hero to allow us to trace a patient against the Spine and
    return their Hero patient_id.If not existing in Hero, the patient record will also be created for
    that practice group as part of this request.

    Args:
        body (RegisterPdsByDemographics | RegisterPdsByNhsNumber):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PdsLoginRequired | RegisteredPatient
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
