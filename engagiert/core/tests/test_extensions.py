"""The extension points hold: apps register only in apps.py, and core never imports an app."""

import ast
from pathlib import Path

from engagiert.core import extensions

PACKAGE = Path(extensions.__file__).resolve().parent.parent
REGISTRIES = {
    name for name, value in vars(extensions).items() if isinstance(value, extensions.Registry)
}
APPS = {path.name for path in PACKAGE.iterdir() if (path / "apps.py").exists()} - {"core"}


def _modules(root: Path) -> list[Path]:
    return [path for path in root.rglob("*.py") if "tests" not in path.parts]


def _registers(tree: ast.AST) -> list[int]:
    """Lines with `<registry>.register(…)` on a registry of core.extensions."""
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "register"
        ):
            receiver = node.func.value
            name = (
                receiver.attr
                if isinstance(receiver, ast.Attribute)
                else getattr(receiver, "id", "")
            )
            if name in REGISTRIES:
                found.append(node.lineno)
    return found


def _imports(tree: ast.Module) -> list[str]:
    """Modules imported at run time (imports for type checking only are left out)."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_apps_register_their_contributions_only_in_apps_py():
    assert _registers(ast.parse("extensions.panels.register('x.y', f)\nnavigation.register(1)"))
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in _modules(PACKAGE)
        if path.name != "apps.py"
        for line in _registers(ast.parse(path.read_text()))
    ]
    assert offenders == []


def test_core_never_imports_an_app():
    assert {"accounts", "events", "mailings", "workshop"} <= APPS
    assert _imports(ast.parse("from engagiert.events.models import Event")) == [
        "engagiert.events.models",
        "engagiert.events.models.Event",
    ]
    offenders = [
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in _modules(PACKAGE / "core")
        for name in _imports(ast.parse(path.read_text()))
        if name.split(".")[:2] in (["engagiert", app] for app in APPS)
    ]
    assert offenders == []
