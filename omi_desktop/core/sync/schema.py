"""The bundle manifest and payloads as validated models; the JSON Schemas in data/schemas come from these.

``python -m omi_desktop.core.sync.schema`` rewrites ``data/schemas/bundle-*.schema.json``; a test fails if
the committed files differ from what these models say, and another validates real bundles against the files.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, with_config
from typing_extensions import TypedDict

from omi_desktop.paths import data_path

FORMAT = "omi-bundle"
FORMAT_VERSION = 1
KINDS = ("assignment", "return", "receipt")
EXTENSIONS = {"assignment": ".omia", "return": ".omib", "receipt": ".omir"}
PAYLOAD_NAME = "payload.json.enc"
CONTENT_CIPHER = "AES-256-GCM"
KEY_WRAP = "HPKE-Base-X25519-HKDF-SHA256-AES-256-GCM"
SCHEMA_BASE = "https://omi-desktop.invalid/schemas/"

Uuid = Annotated[
    str, StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
]
Hex64 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Base64 = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/]*={0,2}$", max_length=4096)]
IdentityId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
Timestamp = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$")]
DateText = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d\d-\d\d$")]
Short = Annotated[str, StringConstraints(max_length=200)]
Count = Annotated[int, Field(ge=0)]


def timestamp(moment: datetime) -> str:
    """UTC, ISO 8601 with a Z; microseconds kept when there are any (they round-trip exactly)."""
    text = moment.isoformat()
    if text.endswith("+00:00"):  # the common case: already UTC (the store hands back aware UTC values)
        return text[:-6] + "Z"
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"


def parse_timestamp(text: str) -> datetime:
    return datetime.fromisoformat(text)  # "Z" is read as UTC: the result is aware


def naive_utc(text: str) -> datetime:
    """A timestamp as a naive datetime in UTC (for bulk inserts into UTC columns)."""
    return datetime.fromisoformat(text[:-1])


def date_text(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# -- the manifest ------------------------------------------------------------------------------------------
class Sender(_Strict):
    id: IdentityId
    name: Short
    role: Literal["inspector", "hq"]
    key_fingerprint: Hex64 = Field(description="SHA-256 of the raw 32-byte Ed25519 public key")


class Recipient(_Strict):
    id: IdentityId
    encryption_key_fingerprint: Hex64 = Field(description="SHA-256 of the raw 32-byte X25519 public key")
    wrapped_key: Base64 = Field(description="HPKE enc || ciphertext of the 32-byte content key")


class FileEntry(_Strict):
    name: Literal["payload.json.enc"]
    sha256: Hex64 = Field(description="of the entry's bytes as stored in the ZIP")
    size: Count
    encrypted: Literal[True]
    nonce: Base64 = Field(description="the 12-byte AES-GCM nonce")
    media_type: Literal["application/json"]


class FrameworkRef(_Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=40)]
    version: Annotated[int, Field(ge=1)]


class Encryption(_Strict):
    content: Literal["AES-256-GCM"]
    key_wrap: Literal["HPKE-Base-X25519-HKDF-SHA256-AES-256-GCM"]


class Manifest(_Strict):
    """manifest.json: what the bundle is, who sent it to whom, and the digest of every other file."""

    format: Literal["omi-bundle"]
    format_version: Literal[1]
    kind: Literal["assignment", "return", "receipt"]
    bundle_id: Uuid
    created_at: Timestamp
    sender: Sender
    recipients: Annotated[list[Recipient], Field(min_length=1, max_length=16)]
    inspection_id: Uuid
    framework: FrameworkRef
    subject: IdentityId = Field(description="the inspector whose work the bundle concerns")
    sequence: Annotated[int, Field(ge=1)] = Field(description="per sender, kind, inspection and subject")
    encryption: Encryption
    files: Annotated[list[FileEntry], Field(min_length=1, max_length=1)]
    items: Count = Field(description="reviews (return, receipt) or cases (assignment) in the payload")


# -- the return payload ------------------------------------------------------------------------------------
# Answers and audit events are the bulk of a return (about 180 per review): they are validated as typed
# dictionaries, several times faster than model instances, with the same constraints.
@with_config(ConfigDict(extra="forbid"))
class AnswerItem(TypedDict):
    question_id: Short
    value: Any
    note: str
    feedback: Literal["strength", "improvement"] | None
    relevant: bool
    updated_at: Timestamp
    updated_by: Short


@with_config(ConfigDict(extra="forbid"))
class AuditItem(TypedDict):
    revision: Count
    action: Short
    question_id: Short | None
    old_value: Any
    new_value: Any
    actor: Short
    at: Timestamp
    reason: str | None


class VersionRef(_Strict):
    revision: Count
    sha256: Hex64 | None


class ReviewItem(_Strict):
    id: Uuid
    case_id: Uuid | None
    case_reference: Short | None
    instrument: Short
    respondent: Short | None
    framework_id: Short
    framework_version: Annotated[int, Field(ge=1)]
    status: Literal["in_progress", "complete", "finalised"] = Field(
        description="finalised; a review of a case withdrawn from the sender travels as it stood"
    )
    withdrawn: bool = Field(
        default=False,
        description="the review of a case a newer assignment withdrew from the sender: head office keeps it "
        "aside and never merges it",
    )
    progress: Annotated[int, Field(ge=0, le=100)]
    revision: Annotated[int, Field(ge=1)]
    based_on: VersionRef
    sha256: Hex64 = Field(description="content hash, see docs/bundle-format.md")
    created_at: Timestamp
    updated_at: Timestamp
    finalised_at: Timestamp | None
    finalised_by: Short | None
    answers: list[AnswerItem]
    audit: list[AuditItem]


class ReturnPayload(_Strict):
    payload: Literal["return"]
    bundle_id: Uuid
    inspection_id: Uuid
    sender: IdentityId
    reviews: list[ReviewItem]
    abandoned: list[Annotated[int, Field(ge=1)]] = Field(
        default_factory=list,
        description=(
            "the sender's sequence numbers of returns it reserved but never completed: not missing. Only "
            "numbers below this bundle's own sequence count; a receiver ignores any other"
        ),
    )


# -- the assignment payload --------------------------------------------------------------------------------
class InspectorItem(_Strict):
    id: IdentityId
    name: Short
    role: Literal["inspector", "lead", "hq", "local_assessor"]
    experienced: bool = False
    home_team: Short | None = None
    signing_key: Base64 | None = Field(default=None, description="raw Ed25519 public key, when enrolled")
    encryption_key: Base64 | None = Field(default=None, description="raw X25519 public key, when enrolled")


class Place(_Strict):
    id: Uuid
    code: Short
    name: Short


class InspectionItem(_Strict):
    id: Uuid
    title: Short
    area: Place
    region: Place | None
    framework_id: Short
    framework_version: Annotated[int, Field(ge=1)]
    active_modules: list[Short]
    fieldwork_start: DateText | None
    fieldwork_end: DateText | None
    lead_inspector_id: IdentityId | None
    training: bool
    members: list[IdentityId]


class FrameworkItem(_Strict):
    id: Short
    version: Annotated[int, Field(ge=1)]
    sha256: Hex64
    source: str = Field(description="the framework file (TOML), byte for byte")


class CaseItem(_Strict):
    id: Uuid
    reference: Short
    pnc: Short | None = None
    family_name: Short | None = None
    first_name: Short | None = None
    date_of_birth: DateText | None = None
    gender: Short | None = None
    order_type: Short | None = None
    commencement_date: DateText | None = None
    end_date: DateText | None = None
    tier: int | None = None
    rosh_level: Short | None = None
    ppo: bool = False
    mappa_level: int | None = None
    cluster: Short | None = None
    ldu: Short | None = None
    team: Short | None = None
    offender_manager: Short | None = None
    inspector_id: IdentityId | None = None


class WithdrawnCase(_Strict):
    id: Uuid
    reference: Short
    reason: Literal["removed", "reallocated"] = Field(
        description="removed: no longer in the inspection (e.g. replaced); reallocated: now another's"
    )


class AssignmentPayload(_Strict):
    payload: Literal["assignment"]
    bundle_id: Uuid
    assignee: IdentityId
    return_recipients: Annotated[list[IdentityId], Field(min_length=1)]
    inspection: InspectionItem
    framework: FrameworkItem
    inspectors: list[InspectorItem]
    allocation: Literal["complete"] = Field(
        default="complete",
        description="cases is the assignee's complete current allocation (the lead's: every case of the "
        "inspection); a case an earlier assignment delivered that is not listed is withdrawn",
    )
    cases: list[CaseItem]
    withdrawn: list[WithdrawnCase] = Field(
        default_factory=list,
        description="cases earlier assignments delivered to the assignee that this one withdraws, and why",
    )


# -- the receipt payload -----------------------------------------------------------------------------------
class ReceiptReview(_Strict):
    review_id: Uuid
    revision: Annotated[int, Field(ge=1)]
    sha256: Hex64
    outcome: Literal["accepted", "conflict", "set_aside"] = Field(
        description="accepted: in its lineage; conflict: kept beside head office's version; set_aside: the "
        "review of a case withdrawn from the sender, kept aside"
    )


class ReceiptBundle(_Strict):
    bundle_id: Uuid
    sequence: Annotated[int, Field(ge=1)]


class ReceiptPayload(_Strict):
    payload: Literal["receipt"]
    bundle_id: Uuid
    inspection_id: Uuid
    subject: IdentityId
    bundles: list[ReceiptBundle]
    reviews: list[ReceiptReview]


PAYLOADS: dict[str, type[_Strict]] = {
    "assignment": AssignmentPayload,
    "return": ReturnPayload,
    "receipt": ReceiptPayload,
}
SCHEMAS: dict[str, type[_Strict]] = {"manifest": Manifest, **PAYLOADS}


def json_schema(name: str) -> dict[str, Any]:
    model = SCHEMAS[name]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}bundle-{name}.schema.json",
        "description": f"OMI Desktop bundle: {name} (docs/bundle-format.md).",
        **model.model_json_schema(),
    }


def render(name: str) -> str:
    return json.dumps(json_schema(name), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    for schema_name in SCHEMAS:
        data_path("schemas").joinpath(f"bundle-{schema_name}.schema.json").write_text(
            render(schema_name), encoding="utf-8"
        )
