"""Every background task names the request that caused it in the worker's log lines.

The check reads every module of the project (tests aside): a `@task()` function must also be
`@carries_request_id`, and tasks are enqueued only through `core.logs.enqueue` /
`enqueue_on_commit`, which hand the request id on. The heartbeat is enqueued by the schedule,
never by a request, and carries none.
"""

import ast
from pathlib import Path

import engagiert

PROJECT = Path(engagiert.__file__).parent
#: Module and function allowed to skip the rule, with the reason in the docstring above.
SCHEDULE_ONLY = {("core/tasks.py", "worker_heartbeat"), ("core/apps.py", "_worker_heartbeat")}


def _sources() -> list[tuple[str, ast.Module]]:
    return [
        (str(path.relative_to(PROJECT)), ast.parse(path.read_text(), filename=str(path)))
        for path in sorted(PROJECT.rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def _decorator_names(function: ast.FunctionDef) -> set[str]:
    names = set()
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        names.add(target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", ""))
    return names


def test_every_task_carries_the_request_id():
    missing = [
        f"{module}:{node.name}"
        for module, tree in _sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and "task" in _decorator_names(node)
        and "carries_request_id" not in _decorator_names(node)
        and (module, node.name) not in SCHEDULE_ONLY
    ]

    assert missing == []


def test_tasks_are_enqueued_only_through_core_logs():
    found = []
    for module, tree in _sources():
        if module == "core/logs.py":
            continue
        for function in ast.walk(tree):
            if (
                not isinstance(function, ast.FunctionDef)
                or (module, function.name) in SCHEDULE_ONLY
            ):
                continue
            found += [
                f"{module}:{function.name}"
                for node in ast.walk(function)
                if isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "enqueue"
            ]

    assert found == []
