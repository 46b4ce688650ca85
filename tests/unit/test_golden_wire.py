"""The bytes a fixed run of commands produces, on the wire and in the store, never drift.

`golden_wire.txt` was recorded before events were typed, from the untyped dicts: its
stored rows are what existing databases hold, and its frames are what v1 clients get.
"""

from __future__ import annotations

import json

import pytest

from server import events, public_events
from server import protocol as p
from tests.unit.golden import GOLDEN, Record, golden_lines, golden_records

RECORDS = golden_records(GOLDEN.read_text(encoding="utf-8").splitlines())


def test_golden_run_holds_every_event_kind() -> None:
    """The recorded run exercises every kind of event, so the comparison covers them all."""
    assert {record.kind for record in RECORDS} == set(events.KIND_TYPES)


def test_wire_frames_and_stored_rows_match_the_golden_file() -> None:
    """Each event's stored data, ack item, released dots and public frame are byte-equal."""
    assert golden_lines() == GOLDEN.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: f"{r.run}-{r.seq}-{r.kind}")
def test_a_stored_row_of_the_untyped_version_reads_back_byte_for_byte(record: Record) -> None:
    """Old rows decode as their kind's struct and encode to the very same text."""
    data = events.decode_data(record.kind, record.stored)
    assert record.kind == data.KIND
    assert events.encode_data(data) == record.stored


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: f"{r.run}-{r.seq}-{r.kind}")
def test_a_public_frame_reads_back_as_its_kinds_struct_byte_for_byte(record: Record) -> None:
    """Each frame's data decodes as the kind's public struct and encodes to the same JSON."""
    frame = json.loads(record.public)
    public = public_events.from_wire(record.kind, frame["data"])
    assert public is not None
    data_text = record.public.partition(',"data":')[2].removesuffix("}")  # data comes last
    assert p.encode(public_events.as_wire(public)) == data_text
