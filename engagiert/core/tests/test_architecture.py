"""Every write goes through the owning app's services: views and admins never write themselves.

The check reads the source of every `views.py`, `views/*.py` and `admin.py` and refuses a call
like `item.save()`, `Model.objects.create(…)`, `form.save(commit=False)` or `qs.update(…)`
unless its receiver is a services module (`services.item_update(…)`). A dict's `update` is no
write: names bound to a dict in the same function (a `{…}` display, `dict(…)`, `**kwargs`, an
annotation or a module function returning `dict[…]`) may call it.
"""

import ast
from pathlib import Path

import pytest

import engagiert

#: Methods that write to the database (or, for a form, save its instance).
WRITES = frozenset(
    {
        "save",
        "save_m2m",
        "create",
        "delete",
        "update",
        "bulk_create",
        "bulk_update",
        "get_or_create",
        "update_or_create",
    }
)
PROJECT = Path(engagiert.__file__).parent


def _modules() -> list[Path]:
    found = [
        *PROJECT.glob("*/views.py"),
        *PROJECT.glob("*/views/*.py"),
        *PROJECT.glob("*/*_views.py"),
        *PROJECT.glob("*/admin.py"),
        *PROJECT.glob("*/admin/*.py"),
        *PROJECT.glob("*/api.py"),
    ]
    return sorted(found)


def _is_services(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        return node.id == "services" or node.id.endswith("_services")
    return isinstance(node, ast.Attribute) and node.attr == "services"


def _is_dict_annotation(node: ast.expr | None) -> bool:
    if node is None:
        return False
    target = node.value if isinstance(node, ast.Subscript) else node
    return isinstance(target, ast.Name) and target.id == "dict"


def _dict_names(function: ast.FunctionDef, dict_functions: set[str]) -> set[str]:
    """Names that hold a dict in this function."""
    names = {function.args.kwarg.arg} if function.args.kwarg else set()
    names |= {
        arg.arg
        for arg in [*function.args.args, *function.args.kwonlyargs]
        if _is_dict_annotation(arg.annotation)
    }
    for node in ast.walk(function):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if _is_dict_annotation(node.annotation):
                names.add(node.target.id)
        elif isinstance(node, ast.Assign) and _is_dict_value(node.value, dict_functions):
            names |= {target.id for target in node.targets if isinstance(target, ast.Name)}
    return names


def _is_dict_value(node: ast.expr, dict_functions: set[str]) -> bool:
    if isinstance(node, ast.Dict | ast.DictComp):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and (node.func.id == "dict" or node.func.id in dict_functions)
    )


def write_calls(source: str) -> list[str]:
    """The writes in a module that do not go through a services module, as »line: call«."""
    tree = ast.parse(source)
    dict_functions = {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and _is_dict_annotation(node.returns)
    }
    dicts_at: dict[int, set[str]] = {}
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef):
            names = _dict_names(function, dict_functions)
            for node in ast.walk(function):
                dicts_at.setdefault(id(node), set()).update(names)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method, receiver = node.func.attr, node.func.value
        if method not in WRITES or _is_services(receiver):
            continue
        if (
            method == "update"
            and isinstance(receiver, ast.Name)
            and receiver.id in dicts_at.get(id(node), set())
        ):
            continue
        found.append((node.lineno, f"{node.lineno}: {ast.unparse(node.func)}(…)"))
    return [call for _line, call in sorted(found)]


@pytest.mark.parametrize("path", _modules(), ids=lambda path: str(path.relative_to(PROJECT)))
def test_views_and_admins_write_only_through_services(path: Path) -> None:
    assert write_calls(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("source", "writes"),
    [
        ("def v(item):\n    item.save()\n", ["2: item.save(…)"]),
        ("def v(form):\n    form.save(commit=False)\n", ["2: form.save(…)"]),
        ("def v():\n    Thread.objects.create(title='x')\n", ["2: Thread.objects.create(…)"]),
        ("def v(qs):\n    qs.filter(a=1).update(b=2)\n", ["2: qs.filter(a=1).update(…)"]),
        ("def v(c):\n    c.resources.get_or_create()\n", ["2: c.resources.get_or_create(…)"]),
        ("def v(item):\n    services.item_update(item=item)\n", []),
        ("def v():\n    knowledge_services.delete()\n", []),
        ("def v(f):\n    context = {}\n    context.update(a=1)\n", []),
        ("def v(**context):\n    context.update(a=1)\n", []),
        ("def c() -> dict[str, int]:\n    ...\ndef v():\n    x = c()\n    x.update(a=1)\n", []),
    ],
)
def test_write_calls_finds_writes_outside_services(source: str, writes: list[str]) -> None:
    assert write_calls(source) == writes
