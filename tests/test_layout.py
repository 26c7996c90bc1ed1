"""The package reads like the pipeline: stage packages whose imports point down, no import cycle, small modules.

The import graph is read from the source (module-level imports; `if TYPE_CHECKING:` blocks are annotations
only), so a new upward import or cycle fails here before it confuses anyone. See docs/architecture.md.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "rights"

# Lowest first. A module may import its own layer and the layers below it, never one above.
LAYERS = (
    ("rights", "rights.errors", "rights.urls", "rights.config", "rights.models"),
    ("rights.page",),
    ("rights.signals",),
    ("rights.matching",),
    ("rights.policy",),
    ("rights.store",),
    ("rights.web",),
    ("rights.auditing",),
    ("rights.report",),
    ("rights.api",),
    ("rights.cli", "rights.__main__"),
)
CROSS_CUTTING = {"api", "config", "errors", "models", "urls"}
MAX_MODULE_LINES = 600
# Imports inside a function that point up, each with its reason. The watchlist is the scheduled job: it runs
# the use cases (verify) and stores their records, so it calls into the layer above at run time.
UPWARD_AT_CALL_TIME = {
    ("rights.auditing.watchlist", "rights.api"),
    ("rights.auditing.watchlist", "rights.report.verification"),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The rights modules an import statement loads (`from rights.x import y` loads rights.x.y if it is one)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names if alias.name.startswith("rights"))
        return
    base = node.module or ""
    if node.level:
        package = module.split(".")
        if MODULES[module].name != "__init__.py":
            package = package[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, base] if base else package)
    if not base.startswith("rights"):
        return
    submodules = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES]
    if len(submodules) < len(node.names):
        yield base  # names defined in the module itself (`from pkg import sub` needs only the submodule)
    yield from submodules


def _imports(module: str) -> tuple[set[str], set[str]]:
    """(imports run when the module loads, imports run inside functions)."""
    tree = ast.parse(MODULES[module].read_text())
    at_load: set[str] = set()
    at_call: set[str] = set()

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for inner in child.orelse:
                    visit(inner, in_function)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                (at_call if in_function else at_load).update(_targets(module, child))
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            visit(child, inside)

    visit(tree, False)
    return at_load - {module}, at_call - {module}


GRAPH = {module: _imports(module) for module in MODULES}


def _layer(module: str) -> int:
    best = (-1, -1)  # (length of the matching prefix, layer)
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best[0]:
                best = (len(prefix), index)
    assert best[1] >= 0, f"{module} belongs to no layer: add it to LAYERS"
    return best[1]


def test_imports_point_down_the_pipeline() -> None:
    """No module imports a stage above its own (cli > api > report > auditing > web > store > policy >
    matching > signals > page > the cross-cutting core)."""
    upward = []
    for module, (at_load, at_call) in GRAPH.items():
        for target in at_load | at_call:
            if _layer(target) > _layer(module) and (module, target) not in UPWARD_AT_CALL_TIME:
                upward.append(f"{module} -> {target}")
    assert upward == []


def test_the_import_graph_has_no_cycle() -> None:
    """Depth-first search over module-level imports; a back edge is a cycle."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    cycles: list[list[str]] = []

    def visit(module: str, stack: list[str]) -> None:
        state[module] = 1
        for target in sorted(GRAPH[module][0]):
            if target not in GRAPH:
                continue
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target, [*stack, target])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_top_level_holds_stage_packages_and_few_cross_cutting_modules() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert modules <= CROSS_CUTTING
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert packages == {"page", "signals", "matching", "policy", "store", "web", "auditing", "report", "cli"}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_small(module: str) -> None:
    assert len(MODULES[module].read_text().splitlines()) <= MAX_MODULE_LINES


def test_module_names_do_not_repeat_across_packages() -> None:
    """Two modules of one name in two packages must be the same kind of thing: each package's `run`, the
    helpers a package's modules share (`common`)."""
    seen: dict[str, list[str]] = {}
    for module, path in MODULES.items():
        if path.name not in ("__init__.py", "models.py", "__main__.py"):
            seen.setdefault(path.stem, []).append(module)
    assert {name: where for name, where in seen.items() if len(where) > 1} == {
        "run": ["rights.auditing.run", "rights.web.crawl.run"],  # an audit's run, a crawl's run
        "common": ["rights.cli.common", "rights.signals.common"],  # what the package's modules share
    }


def test_every_module_imports_in_a_fresh_interpreter() -> None:
    """Importing the modules one after another in a new process: an import-order cycle would fail here."""
    code = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    names = [m for m in sorted(MODULES) if m != "rights.__main__"]
    subprocess.run([sys.executable, "-c", code, *reversed(names)], check=True, cwd=ROOT)


def test_the_library_api_loads_on_first_use() -> None:
    code = (
        "import sys, rights; assert 'rights.api' not in sys.modules; "
        "print(rights.check.__module__, rights.RightsError.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["rights.api", "RightsError"]
