"""The quick record checks are generated from the record types: never out of date."""

from __future__ import annotations

from rehab_tui.storage.conforms_writer import MODULE, module_source


def test_the_generated_checks_are_written_from_the_record_types_as_they_are_now():
    assert MODULE.read_text(encoding="utf-8") == module_source(), (
        "a record type changed: write the checks again with\n"
        "python -m rehab_tui.storage.conforms_writer > rehab_tui/storage/conforms_checks.py"
    )
