"""Roles decide what each screen lets an operator do."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    WINDOW_STAFF = "window_staff"
    PHOTO_STATION = "photo_station"
    SUPERVISOR = "supervisor"
    CARD_CENTRE = "card_centre"
    ADMINISTRATOR = "administrator"


class Permission(enum.StrEnum):
    INTAKE = "intake"                  # take in applications, print forms
    PHOTO = "photo"                    # attach or capture photos
    OVERRIDE = "override"              # approve exceptions, reprint, withdraw
    CARD_CENTRE = "card_centre"        # production, invalid list
    MANAGE_OPERATORS = "manage_operators"
    SYNC = "sync"


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.WINDOW_STAFF: frozenset({Permission.INTAKE, Permission.PHOTO, Permission.SYNC}),
    Role.PHOTO_STATION: frozenset({Permission.PHOTO, Permission.SYNC}),
    Role.SUPERVISOR: frozenset({Permission.INTAKE, Permission.PHOTO, Permission.OVERRIDE,
                                Permission.SYNC}),
    Role.CARD_CENTRE: frozenset({Permission.CARD_CENTRE, Permission.SYNC}),
    Role.ADMINISTRATOR: frozenset(Permission),
}


def parse_roles(text: str) -> frozenset[Role]:
    return frozenset(Role(part) for part in text.split(",") if part)


def format_roles(roles: frozenset[Role] | set[Role]) -> str:
    return ",".join(sorted(roles))


def permissions(roles: frozenset[Role]) -> frozenset[Permission]:
    return frozenset().union(*(GRANTS[role] for role in roles)) if roles else frozenset()
