"""`hero.patients`: the generated Patients resource, plus the workflows that add meaning.

Every Patients operation is generated (herohealth_openapi/resources/patients.py). sdk.yaml
marks two as handwritten workflows, whose generated methods are protected here:
`merge_preview` and `merge` bind a merge token to the pair it was issued for
(herohealth.merge), and `merge_patients` asks for confirmation in between. (`register_pds`
is the generated method: the request loop checks which variant of its body, by NHS number
or by demographics, the arguments fit.)
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Unpack, overload

from herohealth_openapi.resources.patients import PatientsResource

from herohealth import _validation as check
from herohealth._errors import (
    APIConnectionError,
    APIStatusError,
    ClientClosedError,
    EventLoopError,
    InvalidInputError,
    MergeTokenError,
)
from herohealth._generated import Requester, RequestOptions
from herohealth.merge import MergePreview, TokenLedger, changes_between

if TYPE_CHECKING:
    # Annotations only: each model loads with the first answer that holds it.
    from herohealth_openapi.models import Patient

# A merge answered with one of these was refused for its token (expired, used, stale).
_REFUSED_TOKEN_STATUSES = frozenset({400, 409, 410, 422})


class Patients(PatientsResource):
    """Patients: look up, register (directly or by PDS trace), merge, billing, EHR."""

    def __init__(self, requester: Requester, merge_tokens: TokenLedger) -> None:
        super().__init__(requester)
        # Tokens this client received, and whether each is spent (see merge.py).
        self._merge_tokens = merge_tokens

    async def merge_preview(
        self, main_id: str, incoming_id: str, **options: Unpack[RequestOptions]
    ) -> MergePreview:
        """Preview merging patient `incoming_id` into patient `main_id`.

        ```python
        preview = await hero.patients.merge_preview("1234", "5678")
        for change in preview.changes:
            print(change.name, change.old, "->", change.new)
        await hero.patients.merge(preview)
        ```
        """
        main, incoming = _merge_pair(main_id, incoming_id)
        raw = await self._merge_preview(main, patient_id=incoming, **options)
        preview = MergePreview(
            main_id=main,
            incoming_id=incoming,
            main=raw.main_patient,
            incoming=raw.incoming_patient,
            result=raw.result_patient,
            token=raw.merge_token,
            changes=changes_between(raw.main_patient, raw.result_patient),
        )
        self._merge_tokens.issued(preview)
        return preview

    @overload
    async def merge(self, preview: MergePreview, /, **options: Unpack[RequestOptions]) -> None: ...

    @overload
    async def merge(
        self, main_id: str, incoming_id: str, /, *, token: str, **options: Unpack[RequestOptions]
    ) -> None: ...

    async def merge(
        self,
        preview_or_main_id: MergePreview | str,
        incoming_id: str | None = None,
        /,
        *,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> None:
        """Merge exactly the pair a preview was made for, with its token.

        `merge(preview)`, or `merge(main_id, incoming_id, token=...)` with a token
        from elsewhere. Raises before sending when the token was issued to this
        client for another pair or was already used. `MergeTokenError` when Hero
        refuses the token (preview again). Never retried once the request may have
        reached Hero; after such a failure the token cannot be reused from here.
        """
        if isinstance(preview_or_main_id, MergePreview):
            if incoming_id is not None or token is not None:
                raise InvalidInputError("token", "give a preview, or ids and a token, not both")
            preview = preview_or_main_id
            main, incoming, token = preview.main_id, preview.incoming_id, preview.token
        else:
            if incoming_id is None:
                raise InvalidInputError("incoming_id", "is required with a main patient id")
            main, incoming = _merge_pair(preview_or_main_id, incoming_id)
        token = check.non_empty(token, "merge_token")
        self._merge_tokens.begin(token, main, incoming)
        merged: bool | None = None
        try:
            await self._merge(main, merge_token=token, patient_id=incoming, **options)
            merged = True
        except (InvalidInputError, ClientClosedError, EventLoopError):
            merged = False  # refused before anything was sent
            raise
        except APIConnectionError as error:
            merged = False if not error.may_have_been_processed else None
            raise
        except APIStatusError as error:
            if error.status_code in _REFUSED_TOKEN_STATUSES:
                merged = True  # spent from our side: Hero will not take it again
                raise MergeTokenError(error.response, error.body) from None
            merged = None if error.status_code >= 500 else False
            raise
        finally:
            self._merge_tokens.finish(token, merged=merged)

    async def merge_patients(
        self,
        main_id: str,
        incoming_id: str,
        *,
        confirm: Callable[[MergePreview], bool | Awaitable[bool]],
        **options: Unpack[RequestOptions],
    ) -> Patient | None:
        """Preview, ask `confirm(preview)` (sync or async), merge only if it returns True.

        Returns the previewed result patient when merged, None when not confirmed.

        ```python
        async def ask_clinician(preview: MergePreview) -> bool: ...
        merged = await hero.patients.merge_patients("1234", "5678", confirm=ask_clinician)
        ```
        """
        preview = await self.merge_preview(main_id, incoming_id, **options)
        answer = confirm(preview)
        if inspect.isawaitable(answer):
            answer = await answer
        if answer is not True:
            return None
        await self.merge(preview, **options)
        return preview.result


def _merge_pair(main_id: str, incoming_id: str) -> tuple[str, str]:
    main = check.hero_id(main_id, "main_id")
    incoming = check.hero_id(incoming_id, "incoming_id")
    if main == incoming:
        raise InvalidInputError("incoming_id", "cannot merge a patient into itself")
    return main, incoming
