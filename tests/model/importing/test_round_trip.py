"""Out and back in through the services: what Overture exports as CSV or vCard, it imports again as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.database import open_database
from model.importing.run import ExportKind
from model.paths import DataPaths
from model.services import Services
from tests.model.conftest import FakeClock, add

PEOPLE: list[dict[str, object]] = [
    dict(
        name="Ada Lovelace, PhD",
        company="Analytical Engines",
        position="Analyst",
        email="ada@example.org",
        profile_url="https://www.linkedin.com/in/ada",
        notes="Met at the Royal Society;\nloves looms",
        tags=("math", "poetry"),
    ),
    dict(name='=HYPERLINK("http://evil")', company="+Plus & Co", position="-", location="Zürich"),
    dict(name="李娜", company="网易", headline="增长 🚀 负责人", location="杭州"),
]


@pytest.mark.parametrize("kind", ["csv", "vcard"])
def test_exported_contacts_import_into_a_new_database_unchanged(
    services: Services, clock: FakeClock, tmp_path: Path, kind: ExportKind
) -> None:
    for person in PEOPLE:
        add(services, str(person["name"]), **{key: value for key, value in person.items() if key != "name"})
    path = tmp_path / ("contacts.csv" if kind == "csv" else "contacts.vcf")
    assert services.export_contacts(kind, path) == 3

    other = open_database(DataPaths.resolve(tmp_path / "other"), clock)
    try:
        restored = Services(other.sessions, clock)
        bundle = restored.read_import(kind, path)
        plan = restored.preview_import(bundle)
        assert plan.summary().startswith("3 new, 0 updated, 0 unchanged, 0 skipped")
        restored.run_import(bundle, previewed=plan)

        def fields(s: Services) -> list[tuple[object, ...]]:
            return sorted(
                (
                    c.name.lstrip("'"),
                    c.company.lstrip("'"),
                    c.position.lstrip("'"),
                    c.headline,
                    c.location,
                    c.email,
                    c.profile_url,
                    c.notes,
                    c.tags,
                )
                for c in (s.contact(summary.id) for summary in s.contacts())
            )

        assert fields(restored) == fields(services)
        # Imported again, the same file changes nothing.
        assert (
            restored.preview_import(restored.read_import(kind, path))
            .summary()
            .startswith("0 new, 0 updated, 3 unchanged")
        )
    finally:
        other.dispose()
