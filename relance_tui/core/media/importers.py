"""Importing media lists: spreadsheet CSV, Google Contacts and Outlook exports, vCard.

`plan_import` reads a file and says what it would do (new outlets, new
contacts, merges, rows refused and why) without writing anything;
`apply_import` writes a plan in one durable transaction. A file that cannot
be decoded or has no recognisable name or phone column raises BadImportFile.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from relance_tui import i18n
from relance_tui.core.media.merging import fill_outlet, language_from_name, merge_contact
from relance_tui.core.media.readers import (
    BadImportFile,
    decode,
    file_bytes,
    folder_of_cards,
    is_vcard,
    read_csv,
    read_vcard,
)
from relance_tui.core.media.rows import Row, reach_values, read_row
from relance_tui.core.media.vocabulary import (
    VCARD_MAPPING,
    YES,
    ReachColumn,
    detect_format,
    kind_from_text,
    language_from_text,
    loose_name,
    map_columns,
    reach_columns,
    tags_from_text,
    warmth_from_text,
)
from relance_tui.core.models import Contact, Outlet, OutletKind, Record, Role, Show
from relance_tui.core.phones import phone_key
from relance_tui.core.store.store import Store
from relance_tui.core.text import fold

Progress = Callable[[int, int], None]  # (rows done, rows in all)
PROGRESS_EVERY = 500


@dataclass
class RowProblem:
    row: int
    reason: str


@dataclass
class NewContact:
    """A contact to create, with the outlet (and show) it belongs to, new or existing."""

    contact: Contact
    outlet: Outlet
    show: Show | None = None


@dataclass
class ImportPlan:
    """What importing a file would do. Nothing is written until `apply_import`."""

    source: str
    format: str
    encoding: str
    columns: list[str]
    mapping: dict[str, str]
    preview: list[list[str]]
    rows_total: int = 0
    new_outlets: list[Outlet] = field(default_factory=list)
    new_shows: list[tuple[Show, Outlet]] = field(default_factory=list)
    new_contacts: list[NewContact] = field(default_factory=list)
    updated_contacts: list[Contact] = field(default_factory=list)
    # Existing outlets whose newsroom line the file fills: copies, the store's own
    # records are never touched while planning (a dry run changes nothing).
    updated_outlets: dict[int, Outlet] = field(default_factory=dict)
    # Known contacts to link to a show the same import creates (its id comes on apply).
    show_links: list[tuple[Contact, Show]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    # Rows kept with a cell that could not be read: the contact is flagged to fix.
    flagged: list[RowProblem] = field(default_factory=list)
    duplicates: list[RowProblem] = field(default_factory=list)
    # A name in the file -> the known outlet whose name is nearly the same ("Radio
    # Centre-Ville" / "Radio Centre-Ville 102,3"): suggested, or used when accepted.
    near_matches: dict[str, Outlet] = field(default_factory=dict)
    accept_near: bool = False
    # A number or email that differs from the list's: the file's takes its place (the
    # list's kept beside), else it is kept beside; `conflicts` counts them.
    take_file: bool = False
    conflicts: int = 0
    # The outlet given to the people the file gives none (--outlet); without it each
    # comes in as an independent journalist, their own newsroom (`independents`).
    outlet_for_all: str = ""
    independents: int = 0
    notices: list[str] = field(default_factory=list)  # said once, about the whole file
    # Columns of numbers and emails read beside the mapped ones ("Mobile Phone").
    reach_columns: list[str] = field(default_factory=list)
    # Known outlets the file completes (region, tags), by name: what changes, in words.
    outlet_changes: dict[str, list[str]] = field(default_factory=dict)

    @property
    def valid_rows(self) -> int:
        return self.rows_total - len(self.problems)


# --- reading ---------------------------------------------------------------------------


# --- turning rows into records ------------------------------------------------------------
@dataclass
class _Known:
    """Indexes over contacts, existing and planned, to find duplicates. The store's
    contacts are indexed from their documents and kept by id, made into records only
    when one is found (5,000 records made to be compared: 30 ms of an import)."""

    store: Store
    by_email: dict[str, Contact | int] = field(default_factory=dict)
    # A phone is shared by a whole newsroom (a switchboard): (outlet, contact) pairs.
    by_phone: dict[str, list[tuple[int | str, Contact | int]]] = field(default_factory=dict)
    by_name: dict[tuple[str, int | str], Contact | int] = field(default_factory=dict)

    def add_stored(self) -> None:
        """Every contact of the store (but those deleted), by id."""
        for key, doc in self.store.tables().get("contacts", {}).items():
            if doc.get("deleted"):
                continue
            doc_id, outlet_id = int(key), doc["outlet_id"]
            if email := doc.get("email"):
                self.by_email[email.casefold()] = doc_id
            if phone := doc.get("phone"):
                if phone_id := phone_key(phone, doc.get("extension", "")):
                    self.by_phone.setdefault(phone_id, []).append((outlet_id, doc_id))
            self.by_name[(fold(doc["name"]), outlet_id)] = doc_id

    def add(self, contact: Contact, outlet_key: int | str, key: str, folded: str) -> None:
        """A contact the import plans (`key`: its phone's, `folded`: its name's)."""
        if contact.email:
            self.by_email[contact.email.casefold()] = contact
        if key:
            self.by_phone.setdefault(key, []).append((outlet_key, contact))
        self.by_name[(folded, outlet_key)] = contact

    def _record(self, known: Contact | int) -> Contact:
        if isinstance(known, Contact):
            return known
        found = self.store.get(Contact, known)
        assert found is not None  # indexed from the store, which nothing changed since
        return found

    def find(
        self, contact: Contact, outlet_key: int | str, key: str, folded: str
    ) -> Contact | None:
        """The same person (`folded`: the name as `fold` gives it): same email; or same
        name at the same outlet; or the same phone at the same outlet when one of the
        two has no email to tell them apart and the names agree (docs/import.md)."""
        if contact.email and contact.email.casefold() in self.by_email:
            return self._record(self.by_email[contact.email.casefold()])
        same_name = self.by_name.get((folded, outlet_key))
        if same_name is not None:
            same_name = self._record(same_name)
            if not (contact.email and same_name.email) or same_name.email == contact.email:
                return same_name
        for known_outlet, known in self.by_phone.get(key, []) if key else []:
            if known_outlet == outlet_key:
                record = self._record(known)
                if fold(record.name) == folded:
                    return record
        return None


def plan_import(
    path: Path,
    store: Store,
    overrides: dict[str, str] | None = None,
    preview_rows: int = 5,
    progress: Progress | None = None,
    accept_near: bool = False,
    outlet_for_all: str = "",
    take_file: bool = False,
) -> ImportPlan:
    """Read `path` and work out the import, writing nothing. `progress(done, total)` is
    told how far the rows are, now and then (a long file shows it is alive);
    `accept_near` files rows under the known outlet of a nearly same name;
    `outlet_for_all` is the outlet of the people the file gives none; `take_file`:
    a number or email that differs from the list's takes its place (kept beside)."""
    data = folder_of_cards(path) if path.is_dir() else file_bytes(path)
    return plan_import_bytes(
        data,
        path.name,
        store,
        overrides or {},
        preview_rows,
        progress,
        accept_near,
        outlet_for_all,
        take_file,
    )


def plan_import_bytes(
    data: bytes,
    source: str,
    store: Store,
    overrides: dict[str, str],
    preview_rows: int = 5,
    progress: Progress | None = None,
    accept_near: bool = False,
    outlet_for_all: str = "",
    take_file: bool = False,
) -> ImportPlan:
    text, encoding = decode(data)
    if not text.strip():
        raise BadImportFile("import.empty")
    reach: list[ReachColumn] = []
    if is_vcard(text):
        columns, rows = read_vcard(text, encoding if encoding in LEGACY else "cp1252")
        mapping = map_columns(columns, overrides, base=VCARD_MAPPING)
        file_format = "vcard"
    else:
        columns, rows, _ = read_csv(text)
        mapping = map_columns(columns, overrides)
        file_format = detect_format(columns)
        reach = reach_columns(columns, mapping, overrides)
    fields_found = set(mapping.values())
    has_name = bool({"name", "first_name", "last_name", "outlet"} & fields_found)
    if file_format != "vcard" and (not has_name or not {"phone", "email"} & fields_found):
        raise BadImportFile("import.no_columns", columns=", ".join(columns[:12]) or "—")
    plan = ImportPlan(
        source=source,
        format=file_format,
        encoding=encoding,
        columns=columns,
        mapping=mapping,
        preview=[cells for _, cells in rows[:preview_rows]],
        rows_total=len(rows),
        accept_near=accept_near,
        outlet_for_all=outlet_for_all.strip(),
        reach_columns=[columns[r.index] for r in reach],
        take_file=take_file,
    )
    _build_records(plan, rows, store, progress, reach)
    return plan


LEGACY = ("cp1252", "mac_roman")


def _build_records(
    plan: ImportPlan,
    rows: list[tuple[int, list[str]]],
    store: Store,
    progress: Progress | None = None,
    reach: list[ReachColumn] | None = None,
) -> None:
    index = {column: i for i, column in enumerate(plan.columns)}
    # Several columns of numbers or emails (Outlook's Mobile Phone, Google's Phone 2):
    # each row's are gathered and ranked; one of each (most lists) is read as it is.
    several = [r for r in reach or () if r.type_index is not None]
    if reach and len({r.field for r in reach}) < len(reach):
        several = reach
    outlets_by_name = {fold(o.name): o for o in store.outlets() if not o.deleted}
    near_outlets: dict[str, Outlet] = {}
    for outlet in outlets_by_name.values():
        if key := loose_name(outlet.name):
            near_outlets.setdefault(key, outlet)
    shows: dict[tuple[int | str | None, str], Show] = {
        (s.outlet_id, fold(s.name)): s for s in store.shows()
    }
    known = _Known(store)
    known.add_stored()
    updated: dict[int, Contact] = {}

    wanted = [
        (index[column], field_name)
        for column, field_name in plan.mapping.items()
        if column in index
    ]
    outlets_given = False
    for done, (number, cells) in enumerate(rows):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, len(rows))
        values: dict[str, str] = {}
        for position, field_name in wanted:
            if position < len(cells) and (cell := cells[position].strip()):
                values.setdefault(field_name, cell)
        if several:
            reach_values(cells, several, values)
        outlets_given = outlets_given or "outlet" in values
        problem = _row_to_records(
            plan, number, values, outlets_by_name, near_outlets, shows, known, updated
        )
        if problem:
            plan.problems.append(RowProblem(number, problem))
    plan.updated_contacts = list(updated.values())
    if rows and not outlets_given and not plan.outlet_for_all:  # said once, not per row
        plan.notices.append(i18n.t("import.no_outlet_column"))
    if progress is not None:
        progress(len(rows), len(rows))


def _outlet_of(
    plan: ImportPlan,
    row: Row,
    values: dict[str, str],
    outlets_by_name: dict[str, Outlet],
    near_outlets: dict[str, Outlet],
) -> Outlet | None:
    """The row's outlet: known, nearly the same name (when accepted), or new."""
    if not row.outlet_name:
        return None
    folded = fold(row.outlet_name)
    outlet = outlets_by_name.get(folded)
    near = near_outlets.get(loose_name(row.outlet_name)) if outlet is None else None
    if near is not None:
        plan.near_matches[row.outlet_name] = near
        if plan.accept_near:
            outlet = outlets_by_name[folded] = near
    if outlet is not None and outlet.id is not None:
        _fill_known_outlet(plan, outlet, values)
    if outlet is None:
        language = values.get("language", "")
        outlet = Outlet(
            name=row.outlet_name,
            kind=kind_from_text(values.get("kind", "")),
            language=language_from_text(language)
            if language
            else language_from_name(row.outlet_name, list(outlets_by_name.values())),
            region=values.get("region", ""),
            tags=tags_from_text(values.get("tags", "")),
            warmth=warmth_from_text(values.get("warmth", "")),
            group=values.get("group", ""),
        )
        outlets_by_name[folded] = outlet
        plan.new_outlets.append(outlet)
    return outlet


def _fill_known_outlet(plan: ImportPlan, outlet: Outlet, values: dict[str, str]) -> None:
    """An outlet on the list, given the region and tags a row says (a copy: saved on
    apply); what changes said once per outlet."""
    assert outlet.id is not None
    copy = plan.updated_outlets.get(outlet.id) or dataclasses.replace(outlet, tags=[*outlet.tags])
    changes = fill_outlet(copy, values.get("region", ""), tags_from_text(values.get("tags", "")))
    if changes:
        plan.updated_outlets[outlet.id] = copy
        plan.outlet_changes.setdefault(outlet.name, []).extend(changes)


def _independent(
    plan: ImportPlan, row: Row, values: dict[str, str], outlets_by_name: dict[str, Outlet]
) -> Outlet:
    """A person the file gives no outlet: an independent journalist (pigiste), their
    own newsroom under their own name, known again by it on the next import."""
    folded = fold(row.name)
    outlet = outlets_by_name.get(folded)
    if outlet is None:
        outlet = Outlet(
            name=row.name,
            kind=OutletKind.FREELANCE,
            language=language_from_text(values.get("language", "")),
            region=values.get("region", ""),
            tags=tags_from_text(values.get("tags", "")),
        )
        outlets_by_name[folded] = outlet
        plan.new_outlets.append(outlet)
        plan.independents += 1
    return outlet


def _newsroom_line(plan: ImportPlan, row: Row, outlet: Outlet, kept: Outlet) -> None:
    """An outlet alone on its row: its newsroom's number and email, where it has none
    (`kept`: the outlet as the plan holds it, to tell what changed)."""
    if outlet.id is not None:  # the store's: change a copy, saved on apply
        outlet = plan.updated_outlets.get(outlet.id) or dataclasses.replace(outlet)
    if row.phone and not outlet.phone:
        outlet.phone, outlet.extension = row.phone, row.extension
    if row.email and not outlet.email:
        outlet.email = row.email
    if outlet.id is not None and (outlet.phone, outlet.email) != (kept.phone, kept.email):
        plan.updated_outlets[outlet.id] = outlet


def _show_of(
    plan: ImportPlan,
    shows: dict[tuple[int | str | None, str], Show],
    outlet: Outlet,
    outlet_key: int | str,
    show_name: str,
) -> Show | None:
    """The row's show at its outlet: known, or new."""
    if not show_name:
        return None
    show = shows.get((outlet_key, fold(show_name)))
    if show is None:
        show = Show(outlet_id=outlet.id or 0, name=show_name)
        shows[(outlet_key, fold(show_name))] = show
        plan.new_shows.append((show, outlet))
    return show


def _said_merged(plan: ImportPlan, number: int, duplicate: Contact, changes: list[str]) -> None:
    reason = i18n.t("import.row.duplicate", name=duplicate.name)
    if changes:
        reason += " : " + " ; ".join(changes)
    plan.duplicates.append(RowProblem(number, reason))


def _merged_with_known(
    plan: ImportPlan,
    number: int,
    duplicate: Contact,
    contact: Contact,
    show: Show | None,
    updated: dict[int, Contact],
) -> None:
    """A row that is a person already known: what it adds is merged into them, and
    said field by field."""
    if duplicate.id is None:  # planned by this file
        _said_merged(
            plan, number, duplicate, merge_contact(duplicate, contact, plan.source, plan.take_file)
        )
        return
    target = updated.get(duplicate.id) or dataclasses.replace(duplicate, others=[*duplicate.others])
    before = (target.phone, target.extension, target.email)
    changes = merge_contact(target, contact, plan.source, plan.take_file)
    if changes:
        updated[duplicate.id] = target
    differs = (
        contact.phone and before[0] and (contact.phone, contact.extension) != before[:2]
    ) or (contact.email and before[2] and contact.email.casefold() != before[2].casefold())
    plan.conflicts += int(bool(differs))
    _said_merged(plan, number, duplicate, changes)
    if show is not None and show.id is None and target.show_id is None:
        updated[duplicate.id] = target  # a new show of this file: linked on apply
        plan.show_links.append((target, show))


def _row_to_records(
    plan: ImportPlan,
    number: int,
    values: dict[str, str],
    outlets_by_name: dict[str, Outlet],
    near_outlets: dict[str, Outlet],
    shows: dict[tuple[int | str | None, str], Show],
    known: _Known,
    updated: dict[int, Contact],
) -> str | None:
    """Add the row's records to the plan; return the reason when the row is refused.
    In steps: read the row, find its outlet, then its newsroom line (an outlet alone),
    or the contact, its show, and whether they are someone already known."""
    row = read_row(values)
    if isinstance(row, str):
        return row
    if row.name and not row.outlet_name:
        row.outlet_name = plan.outlet_for_all
    outlet = _outlet_of(plan, row, values, outlets_by_name, near_outlets)
    if not row.name:
        assert outlet is not None  # a row with neither was refused
        _newsroom_line(plan, row, outlet, outlets_by_name[fold(row.outlet_name)])
        return None
    if outlet is None:
        if not (row.phone or row.email):  # nothing to reach them by
            return " ; ".join([i18n.t("import.row.unreachable", name=row.name), *row.flags])
        outlet = _independent(plan, row, values, outlets_by_name)
    outlet_key: int | str = outlet.id if outlet.id is not None else f"new:{fold(outlet.name)}"
    contact = Contact(
        outlet_id=outlet.id or 0,
        name=row.name,
        role=row.role or Role.JOURNALIST,
        phone=row.phone,
        extension=row.extension,
        email=row.email,
        others=row.others,
        notes="\n".join(row.notes + row.other_names),
        do_not_call=fold(values.get("do_not_call", "")) in YES,
        to_fix=fold(values.get("to_fix", "")) in YES or bool(row.flags),
        pronunciation=values.get("pronunciation", ""),
    )
    show = _show_of(plan, shows, outlet, outlet_key, values.get("show", ""))
    if show is not None:
        contact.show_id = show.id
    plan.flagged += [RowProblem(number, reason) for reason in row.flags]
    key = phone_key(contact.phone, contact.extension) if contact.phone else ""
    folded = fold(row.name)
    duplicate = known.find(contact, outlet_key, key, folded)
    if duplicate is not None:
        _merged_with_known(plan, number, duplicate, contact, show, updated)
        return None
    known.add(contact, outlet_key, key, folded)
    plan.new_contacts.append(NewContact(contact, outlet, show))
    return None


def apply_import(store: Store, plan: ImportPlan, today: date | None = None) -> tuple[int, int, int]:
    """Write the plan in one durable transaction: (outlets, contacts, merged). The
    contacts it brings are verified `today` (core/media/freshness.py)."""
    verified = (today or date.today()).isoformat()
    # Ids first, so that one transaction holds outlets, shows and contacts together.
    for outlet in plan.new_outlets:
        outlet.id = store.reserve_id(Outlet)
    for show, outlet in plan.new_shows:
        assert outlet.id is not None
        show.outlet_id = outlet.id
        show.id = store.reserve_id(Show)
    for new in plan.new_contacts:
        assert new.outlet.id is not None
        new.contact.outlet_id = new.outlet.id
        new.contact.verified = new.contact.verified or verified
        if new.show is not None:
            new.contact.show_id = new.show.id
    records: list[Record] = [*plan.new_outlets, *(show for show, _ in plan.new_shows)]
    records += [new.contact for new in plan.new_contacts]
    for contact, show in plan.show_links:
        contact.show_id = show.id
    records += plan.updated_contacts
    records += list(plan.updated_outlets.values())
    if records:
        store.save_many(records)
    return len(plan.new_outlets), len(plan.new_contacts), len(plan.updated_contacts)
