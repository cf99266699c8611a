"""The fields of the contact and outlet forms (Listes), filled from a record."""

from __future__ import annotations

from relance_tui import i18n
from relance_tui.core.media.reach import describe_all
from relance_tui.core.models import Contact, Outlet
from relance_tui.core.store.store import Store
from relance_tui.ui.dialogs.record_form import (
    FieldSpec,
    kind_options,
    language_options,
    role_options,
    yes_no,
)


def outlet_options(store: Store) -> tuple[tuple[str, str], ...]:
    return tuple((o.name, str(o.id)) for o in store.outlets() if not o.deleted)


def contact_fields(store: Store, contact: Contact | None, outlet_id: int | None) -> list[FieldSpec]:
    """The contact form's fields, filled from `contact` (empty for a new one)."""
    c = contact or Contact(outlet_id=outlet_id or 0, name="")
    shows = (("—", ""),) + tuple(
        (s.name, str(s.id)) for s in store.shows() if s.outlet_id == c.outlet_id
    )
    return [
        FieldSpec("name", "col.name", c.name),
        FieldSpec("outlet_id", "col.outlet", str(c.outlet_id or ""), outlet_options(store)),
        FieldSpec("role", "col.role", c.role.value, role_options()),
        FieldSpec("show_id", "col.show", str(c.show_id or ""), shows),
        FieldSpec("phone", "col.phone", c.phone),
        FieldSpec("extension", "field.extension", c.extension),
        FieldSpec("email", "col.email", c.email),
        FieldSpec("others", "field.others", describe_all(c.others)),
        FieldSpec("pronunciation", "field.pronunciation", c.pronunciation),
        FieldSpec(
            "language",
            "field.contact_language",
            c.language,
            ((i18n.t("field.contact_language.outlet"), ""), *language_options()),
        ),
        FieldSpec("notes", "field.notes", c.notes),
        flag_field("do_not_call", c.do_not_call),
        flag_field("to_fix", c.to_fix),
        flag_field("bounced", c.bounced),
    ]


def outlet_fields(outlet: Outlet | None) -> list[FieldSpec]:
    """The outlet form's fields, filled from `outlet` (empty for a new one)."""
    o = outlet or Outlet(name="")
    return [
        FieldSpec("name", "col.outlet", o.name),
        FieldSpec("kind", "col.kind", o.kind.value, kind_options()),
        FieldSpec("language", "col.language", o.language.value, language_options()),
        FieldSpec("region", "field.region", o.region),
        FieldSpec("group", "field.group", o.group),
        FieldSpec("phone", "field.newsroom_phone", o.phone),
        FieldSpec("extension", "field.extension", o.extension),
        FieldSpec("email", "field.newsroom_email", o.email),
        FieldSpec("website", "field.website", o.website),
        FieldSpec(
            "warmth",
            "col.warmth",
            str(o.warmth),
            tuple((i18n.t(f"warmth.{n}"), str(n)) for n in range(4)),
        ),
        FieldSpec("tags", "field.tags", ", ".join(o.tags)),
        FieldSpec("notes", "field.notes", o.notes),
        flag_field("do_not_call", o.do_not_call),
    ]


def flag_field(name: str, flag: bool) -> FieldSpec:
    """A yes/no field ("field.<name>")."""
    return FieldSpec(name, f"field.{name}", "1" if flag else "", yes_no(flag))
