"""Reads about the demo data: the demo logins as they are in the database."""

from engagiert.accounts.models import Role, User

from .services import DemoLogin


def demo_logins() -> list[DemoLogin]:
    """Every demo account one can log in with (it has a password), by role, with its scope."""
    order = {role.value: position for position, role in enumerate(Role)}
    logins = []
    users = User.objects.filter(is_demo=True).prefetch_related(
        "role_assignments__authority", "role_assignments__organisation"
    )
    for user in users:
        if not user.has_usable_password():
            continue
        assignments = sorted(user.role_assignments.all(), key=lambda a: order.get(a.role, 99))
        roles = ", ".join(
            f"{Role(a.role).label}"
            + (f" – {a.authority.name}" if a.authority else "")
            + (f" – {a.organisation.name}" if a.organisation else "")
            for a in assignments
        )
        rank = order.get(assignments[0].role, 99) if assignments else 99
        logins.append((rank, user.email, DemoLogin(user.email, user.get_full_name(), roles)))
    return [login for *_key, login in sorted(logins, key=lambda row: row[:2])]
