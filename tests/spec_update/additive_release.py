"""A simulated additive Hero release: openapi.yaml plus a new tag, field and enum value.

Written into a temporary directory by the tests (never into the checkout): a new tag
"Booking - HCA" with a paged list, a get by a patterned path id (declared on the path,
with a cookie parameter of its own), a DELETE of that path with no operationId, a POST
with a required date-time body field and an optional header, and a POST marked
`x-idempotent` (a quote, which changes nothing); a tag "Letters" whose answers are not
JSON (a PDF download, a CSV export with an example); a tag "Attachments" with form bodies:
an upload (a multipart/form-data POST with a required file part), a file replaced by a
multipart PUT, and a label set by an application/x-www-form-urlencoded PATCH; an optional
Patient field; a new `Title` value; getBooking offers a PDF too, listed before its JSON
(the SDK still reads its JSON); updateBooking (a PATCH of that path) sends an
application/merge-patch+json body (whose `note` may be null) and is answered as
application/vnd.hero.v2+json: JSON by other names; searchBookings takes parameters
serialized as OpenAPI allows (a `deepObject` filter, lists sent comma- and pipe-joined, a
nullable `room` as FastAPI writes one, an object sent as its properties, an object
described by `content: application/json` sent as its JSON text); listRoomBookings takes
a list in its path (`simple`, each item percent-encoded: a room may hold a comma);
createBooking takes a nested object built with allOf (`location`); quoteBooking writes
its media types in upper case and requires a property that may be null (`discount_code`);
a tag "Care Navigation" written as FastAPI writes a description (its security as
alternatives, a map body, a `uuid` path parameter, an UploadFile part); a deprecated
operation (getBookingDetails, with an `x-deprecation` hint), deprecated query
parameters (searchBookings' `nhs_number`, listBookings' `clinic`) and a body field
deprecated beside its `$ref` (createBooking's `clinic_code`).
Everything here is additive, so the SDK
regenerated from it must keep every guarantee for the new operations with no handwritten
line.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
NEW_TITLE = "Mx"
NEW_PATIENT_FIELD = "preferred_name"

_BOOKING = {
    "type": "object",
    "required": ["id", "patient_id", "starts_at", "status"],
    "properties": {
        "id": {"type": "string", "pattern": r"^\d+$"},
        "patient_id": {"type": "string", "pattern": r"^\d+$"},
        "starts_at": {"type": "string", "format": "date-time"},
        "status": {"$ref": "#/components/schemas/BookingStatus"},
        "note": {"type": ["string", "null"]},
    },
}
_SECURED = [{"ApiKey": [], "PracticeGroupId": []}]
_TAG = ["Booking - HCA"]
LETTERS_CSV = "letter_id,subject\nL1,Referral\n"
_PDF = {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}
MERGE_PATCH = "application/merge-patch+json"
BOOKING_V2 = "application/vnd.hero.v2+json; charset=utf-8"


def _json(schema: str, media_type: str = "application/json") -> dict[str, Any]:
    return {"content": {media_type: {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


_BOOKINGS = {  # an answer that is a JSON array of bookings, not a page of them
    "description": "Ok",
    "content": {
        "application/json": {
            "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Booking"}}
        }
    },
}
_PATHS: dict[str, Any] = {
    "/v1/bookings": {
        "get": {
            "operationId": "listBookings",
            "tags": _TAG,
            "summary": "List Bookings",
            "description": "Bookings of the practice group, newest first.",
            "security": _SECURED,
            "parameters": [
                {"name": "page_index", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                {"name": "page_size", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                {
                    "name": "status",
                    "in": "query",
                    "schema": {"$ref": "#/components/schemas/BookingStatus"},
                },
                {  # deprecated on a paged list: warns once for the list, not per page
                    "name": "clinic",
                    "in": "query",
                    "deprecated": True,
                    "schema": {"type": "string"},
                },
            ],
            "responses": {"200": {"description": "Ok", **_json("BookingList")}},
        },
        "post": {
            "operationId": "createBooking",
            "tags": _TAG,
            "summary": "Create a Booking",
            "security": _SECURED,
            "parameters": [
                {
                    "name": "x-correlation-id",
                    "in": "header",
                    "description": "Echoed in Hero's logs.",
                    "schema": {"type": "string"},
                }
            ],
            "requestBody": {"required": True, **_json("CreateBookingRequest")},
            "responses": {"200": {"description": "Ok", **_json("Booking")}},
        },
    },
    "/v1/bookings/search": {
        "get": {
            "operationId": "searchBookings",
            "tags": _TAG,
            "summary": "Search Bookings",
            "security": _SECURED,
            "parameters": [
                {  # ?filter[status]=booked&filter[patient_id]=1234
                    "name": "filter",
                    "in": "query",
                    "style": "deepObject",
                    "explode": True,
                    "schema": {
                        "type": "object",
                        "properties": {
                            "status": {"$ref": "#/components/schemas/BookingStatus"},
                            "patient_id": {"type": "string", "pattern": r"^\d+$"},
                        },
                    },
                },
                {  # ?ids=1,2,3
                    "name": "ids",
                    "in": "query",
                    "explode": False,
                    "schema": {"type": "array", "items": {"type": "string", "pattern": r"^\d+$"}},
                },
                {  # ?tags=urgent|home
                    "name": "tags",
                    "in": "query",
                    "style": "pipeDelimited",
                    "schema": {"type": "array", "items": {"type": "string"}},
                },
                {  # nullable, as FastAPI writes an optional parameter: ?room=2, or nothing
                    "name": "room",
                    "in": "query",
                    "schema": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                },
                {  # described by `content`, not `schema`: ?where={"room":"2"}
                    "name": "where",
                    "in": "query",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["room"],
                                "properties": {
                                    "room": {"type": "string", "maxLength": 20},
                                    "floors": {"type": "array", "items": {"type": "integer"}},
                                },
                            }
                        }
                    },
                },
                {  # deprecated: still sent, but passing it warns, naming it (not its value)
                    "name": "nhs_number",
                    "in": "query",
                    "deprecated": True,
                    "description": "Deprecated: search by patient id, `filter[patient_id]`.",
                    "schema": {"type": "string"},
                },
                {  # style form, exploded (the defaults): ?starts_after=...&starts_before=...
                    "name": "window",
                    "in": "query",
                    "schema": {
                        "type": "object",
                        "properties": {
                            "starts_after": {"type": "string", "format": "date-time"},
                            "starts_before": {"type": "string", "format": "date-time"},
                        },
                    },
                },
            ],
            "responses": {"200": _BOOKINGS},
        }
    },
    "/v1/bookings/quote": {
        "post": {
            "operationId": "quoteBooking",
            "tags": _TAG,
            "summary": "Quote a Booking",
            "description": "What a booking would cost; nothing is booked.",
            "x-idempotent": True,
            "security": _SECURED,
            # Media types are case-insensitive (RFC 9110): written as a release might.
            "requestBody": {"required": True, **_json("QuoteRequest", "Application/JSON")},
            "responses": {"200": {"description": "Ok", **_json("Booking", "APPLICATION/json")}},
        }
    },
    # A JSON body that is not an object: the method's one `body` argument.
    "/v1/bookings/notes": {
        "put": {
            "operationId": "putBookingNotes",
            "tags": _TAG,
            "summary": "Replace the Booking Notes",
            "security": _SECURED,
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "array",
                            "maxItems": 3,
                            "items": {"$ref": "#/components/schemas/BookingNote"},
                        }
                    }
                },
            },
            "responses": {"204": {"description": "Replaced"}},
        }
    },
    # A list in the path, `simple` style: ["2", "3"] is /v1/bookings/rooms/2,3; a room's
    # own comma is percent-encoded, ["2,annex"] is /v1/bookings/rooms/2%2Cannex.
    "/v1/bookings/rooms/{rooms}": {
        "get": {
            "operationId": "listRoomBookings",
            "tags": _TAG,
            "summary": "List the Bookings of Rooms",
            "security": _SECURED,
            "parameters": [
                {
                    "name": "rooms",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "array", "items": {"type": "string"}},
                }
            ],
            "responses": {"200": _BOOKINGS},
        }
    },
    "/v1/bookings/{booking_id}": {
        # Declared once for both operations of the path, as OpenAPI allows.
        "parameters": [
            {
                "name": "booking_id",
                "in": "path",
                "required": True,
                "schema": {"type": "string", "pattern": r"^\d+$"},
            }
        ],
        "get": {
            "operationId": "getBooking",
            "tags": _TAG,
            "summary": "Get a Booking",
            "security": _SECURED,
            "parameters": [
                {
                    "name": "locale",
                    "in": "cookie",
                    "schema": {"type": "string", "enum": ["en-GB", "cy-GB"]},
                },
            ],
            "responses": {
                "200": {
                    "description": "Ok",
                    "content": {**_PDF, **_json("Booking")["content"]},
                }
            },
        },
        # JSON by other media types than application/json: a merge patch, answered as
        # Hero's versioned media type (with a parameter), read into the Booking model.
        "patch": {
            "operationId": "updateBooking",
            "tags": _TAG,
            "summary": "Update a Booking",
            "security": _SECURED,
            "requestBody": {
                "required": True,
                "content": {MERGE_PATCH: {"schema": {"$ref": "#/components/schemas/BookingPatch"}}},
            },
            "responses": {
                "200": {
                    "description": "Ok",
                    "content": {BOOKING_V2: {"schema": {"$ref": "#/components/schemas/Booking"}}},
                }
            },
        },
        # No operationId: the SDK and FakeHero name it as the generator does,
        # `delete_v1_bookings_booking_id`.
        "delete": {
            "tags": _TAG,
            "summary": "Cancel a Booking",
            "security": _SECURED,
            "responses": {"204": {"description": "Cancelled"}},
        },
    },
    # Deprecated, as Hero retires an operation: still sent and answered, but its method is
    # flagged by type checkers and warns when called, saying what to use (`x-deprecation`).
    "/v1/booking-details/{booking_id}": {
        "get": {
            "operationId": "getBookingDetails",
            "tags": _TAG,
            "summary": "Get a Booking's Details",
            "deprecated": True,
            "x-deprecation": "Use GET /v1/bookings/{booking_id}, which answers the same Booking.",
            "security": _SECURED,
            "parameters": [
                {
                    "name": "booking_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "pattern": r"^\d+$"},
                }
            ],
            "responses": {"200": {"description": "Ok", **_json("Booking")}},
        }
    },
    "/v1/letters/{letter_id}/pdf": {
        "get": {
            "operationId": "downloadLetter",
            "tags": ["Letters"],
            "summary": "Download a Letter as PDF",
            "security": _SECURED,
            "parameters": [
                {"name": "letter_id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "responses": {
                "200": {"description": "The letter", "content": _PDF},
                "404": {
                    "description": "No such letter",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
            },
        }
    },
    "/v1/letters/export": {
        "get": {
            "operationId": "exportLetters",
            "tags": ["Letters"],
            "summary": "Export the Letters as CSV",
            # Free text as Hero may write it: a pattern's backslash, a triple quote, a
            # trailing backslash. The generated docstring must still be valid Python.
            "description": 'One line per letter; ids match ^\\d+$, notes may hold """ or \\',
            "security": _SECURED,
            "responses": {
                "200": {
                    "description": "One line per letter",
                    "content": {
                        "text/csv; charset=utf-8": {
                            "schema": {"type": "string"},
                            "example": LETTERS_CSV,
                        }
                    },
                }
            },
        }
    },
}


def _form(media: str, schema: str) -> dict[str, Any]:
    content = {media: {"schema": {"$ref": f"#/components/schemas/{schema}"}}}
    return {"required": True, "content": content}


_ATTACHMENT_ID = {
    "name": "attachment_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "pattern": r"^\d+$"},
}
_UPLOADS: dict[str, Any] = {
    "/v1/patients/{id}/attachments/upload": {
        "post": {
            "operationId": "uploadAttachment",
            "tags": ["Attachments"],
            "summary": "Upload an Attachment",
            "security": _SECURED,
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "requestBody": _form("multipart/form-data", "UploadAttachmentRequest"),
            "responses": {"200": {"description": "Ok", **_json("Attachment")}},
        }
    },
    "/v1/attachments/{attachment_id}/file": {
        "put": {
            "operationId": "replaceAttachmentFile",
            "tags": ["Attachments"],
            "summary": "Replace an Attachment's file",
            "security": _SECURED,
            "parameters": [_ATTACHMENT_ID],
            "requestBody": _form("multipart/form-data", "ReplaceAttachmentFileRequest"),
            "responses": {"200": {"description": "Ok", **_json("Attachment")}},
        }
    },
    "/v1/attachments/{attachment_id}/label": {
        "patch": {
            "operationId": "labelAttachment",
            "tags": ["Attachments"],
            "summary": "Label an Attachment",
            "security": _SECURED,
            "parameters": [_ATTACHMENT_ID],
            "requestBody": _form("application/x-www-form-urlencoded", "LabelAttachmentRequest"),
            "responses": {"200": {"description": "Ok", **_json("Attachment")}},
        }
    },
}
_PATHS.update(_UPLOADS)

# Idioms of a FastAPI-made description (tag "Care Navigation"): FastAPI's own
# operationIds; security written as FastAPI writes two APIKeyHeader dependencies, one
# requirement each (OpenAPI reads them as alternatives; Hero requires both); a body that
# is a map (`dict[str, str | int | bool]`); a `uuid` path parameter; an UploadFile part,
# which OpenAPI 3.1 writes with `contentMediaType`, not `format: binary`.
FASTAPI_SECURITY = [{"ApiKey": []}, {"PracticeGroupId": []}]
SETTINGS_ID = "update_settings_v1_care_navigation__navigator_id__settings_put"
SCAN_ID = "upload_scan_v1_care_navigation_scans_post"
_SETTING = {"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "boolean"}]}
_FASTAPI: dict[str, Any] = {
    "/v1/care-navigation/{navigator_id}/settings": {
        "put": {
            "tags": ["Care Navigation"],
            "summary": "Update Settings",
            "operationId": SETTINGS_ID,
            "security": FASTAPI_SECURITY,
            "parameters": [
                {
                    "name": "navigator_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "format": "uuid", "title": "Navigator Id"},
                }
            ],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "additionalProperties": _SETTING,
                            "title": "Settings",
                        }
                    }
                },
            },
            "responses": {
                "200": {
                    "description": "Successful Response",
                    "content": {
                        "application/json": {
                            "schema": {"type": "object", "additionalProperties": _SETTING}
                        }
                    },
                }
            },
        }
    },
    "/v1/care-navigation/scans": {
        "post": {
            "tags": ["Care Navigation"],
            "summary": "Upload Scan",
            "operationId": SCAN_ID,
            "security": FASTAPI_SECURITY,
            "requestBody": {
                "required": True,
                "content": {
                    "multipart/form-data": {
                        "schema": {"$ref": "#/components/schemas/Body_upload_scan"}
                    }
                },
            },
            "responses": {"200": {"description": "Successful Response", **_json("Scan")}},
        }
    },
}
_PATHS.update(_FASTAPI)

_SCHEMAS: dict[str, Any] = {
    "Body_upload_scan": {
        "type": "object",
        "required": ["file"],
        "title": "Body_upload_scan",
        "properties": {
            "file": {
                "type": "string",
                "contentMediaType": "application/octet-stream",
                "title": "File",
            },
            "note": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Note"},
        },
    },
    "Scan": {
        "type": "object",
        "required": ["id", "size"],
        "properties": {"id": {"type": "string"}, "size": {"type": "integer"}},
    },
    "UploadAttachmentRequest": {
        "type": "object",
        "required": ["file"],
        "properties": {
            "file": {"type": "string", "format": "binary", "description": "The document."},
            "label": {"type": "string", "maxLength": 80},
            "pages": {"type": "integer", "minimum": 1},
            "tags": {"type": "array", "items": {"type": "string"}},
        },
    },
    "ReplaceAttachmentFileRequest": {
        "type": "object",
        "required": ["file"],
        "properties": {"file": {"type": "string", "format": "binary"}},
    },
    "LabelAttachmentRequest": {
        "type": "object",
        "required": ["label"],
        "properties": {"label": {"type": "string", "minLength": 1}, "pinned": {"type": "boolean"}},
    },
    "BookingNote": {
        "type": "object",
        "required": ["text"],
        "properties": {"text": {"type": "string", "maxLength": 200}},
        "additionalProperties": False,
    },
    "BookingPatch": {
        "type": "object",
        "properties": {
            "status": {"$ref": "#/components/schemas/BookingStatus"},
            "note": {"type": ["string", "null"], "maxLength": 200},
        },
    },
    "BookingStatus": {"type": "string", "enum": ["booked", "cancelled"]},
    "Booking": _BOOKING,
    "BookingList": {
        "type": "object",
        "required": ["data", "count"],
        "properties": {
            "data": {"type": "array", "items": {"$ref": "#/components/schemas/Booking"}},
            "count": {"type": "number"},
        },
    },
    "CreateBookingRequest": {
        "type": "object",
        # `id` and `booked_at` are Hero's to set: required of the record, never sent
        # (readOnly: beside the property, or on the schema it refers to).
        "required": ["id", "booked_at", "patient_id", "starts_at"],
        "properties": {
            "id": {"type": "string", "readOnly": True},
            "booked_at": {"$ref": "#/components/schemas/SetByHero"},
            "patient_id": {"type": "string", "pattern": r"^\d+$"},
            "starts_at": {"type": "string", "format": "date-time"},
            "note": {"type": "string", "maxLength": 200},
            "location": {"$ref": "#/components/schemas/BookingLocation"},
            # Deprecated beside its $ref, as OpenAPI 3.1 allows: the schema it refers to is not.
            "clinic_code": {
                "$ref": "#/components/schemas/ClinicCode",
                "deprecated": True,
                "description": "Deprecated: Hero reads the clinic from the practice group.",
            },
        },
    },
    "ClinicCode": {"type": "string", "pattern": r"^[A-Z]{3}\d{2}$"},
    "SetByHero": {"type": "string", "format": "date-time", "readOnly": True},
    "QuoteRequest": {
        "type": "object",
        # Required, yet may be null: a quote says its discount code, or null for none.
        "required": ["patient_id", "starts_at", "discount_code"],
        "properties": {
            "patient_id": {"type": "string", "pattern": r"^\d+$"},
            "starts_at": {"type": "string", "format": "date-time"},
            "discount_code": {"type": ["string", "null"], "minLength": 4},
        },
    },
    # A nested object, built with allOf: its properties are checked before sending too.
    "Place": {
        "type": "object",
        "properties": {
            "postcode": {"type": "string", "pattern": "^[A-Z0-9 ]+$"},
            "room": {"type": "string", "maxLength": 20},
        },
    },
    "BookingLocation": {
        "allOf": [
            {"$ref": "#/components/schemas/Place"},
            {
                "type": "object",
                "required": ["postcode"],
                "properties": {"arrive_by": {"type": "string", "format": "date-time"}},
            },
        ]
    },
}


def additive_release() -> dict[str, Any]:
    """openapi.yaml with the additions above."""
    spec = copy.deepcopy(yaml.safe_load((ROOT / "openapi.yaml").read_text()))
    spec["paths"].update(copy.deepcopy(_PATHS))
    # A tag's description is a resource's docstring: free text as Hero may write it.
    spec["tags"].append({"name": "Letters", "description": 'Letters; ids like ^\\d+$, "quoted"'})
    schemas = spec["components"]["schemas"]
    schemas.update(copy.deepcopy(_SCHEMAS))
    schemas["Title"]["enum"].append(NEW_TITLE)
    schemas["Patient"]["properties"][NEW_PATIENT_FIELD] = {"type": ["string", "null"]}
    return spec


def write_additive_release(directory: Path) -> Path:
    path = directory / "openapi.yaml"
    path.write_text(yaml.safe_dump(additive_release(), sort_keys=False, allow_unicode=True))
    return path


if __name__ == "__main__":
    # `make test-additive-release`: the release written over a clone's openapi.yaml.
    import sys

    if len(sys.argv) != 2:
        sys.exit("usage: additive_release.py DIRECTORY (writes DIRECTORY/openapi.yaml)")
    print(write_additive_release(Path(sys.argv[1])))
