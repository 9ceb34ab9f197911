"""How the modules of app/ and analysis/ import each other, read from their source with ast:
no circles, analysis/ free of Flask and the app, one door into the store, no private names."""

import ast
import subprocess
import sys

import pytest

from tests.helpers import ROOT, source_modules

MODULES = source_modules("app", "analysis")
PACKAGES = {name for name, path in MODULES.items() if path.name == "__init__.py"}


def imports_in(name):
    """(imported module, [names taken from it], line) for every import in a module, at any depth,
    relative imports made absolute."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    package = name if name in PACKAGES else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [], node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            yield module, [alias.name for alias in node.names], node.lineno


def within(name, package):
    """Whether a module is the package or inside it."""
    return name == package or name.startswith(package + ".")


def faces():
    """{package: {name it exports: the module that defines it}}, from each package's __init__."""
    exported = {}
    for package in PACKAGES:
        exported[package] = {}
        for module, names, _ in imports_in(package):
            if module and within(module, package) and module != package:
                for imported in names:
                    exported[package][imported] = module
    return exported


FACES = faces()


def target(module, imported=None):
    """The app or analysis module an import really reaches: a name taken from a package's face
    leads to the module behind the face; None for modules from elsewhere."""
    if imported is not None and f"{module}.{imported}" in MODULES:
        return f"{module}.{imported}"
    if imported is not None and imported in FACES.get(module, {}):
        return target(FACES[module][imported], imported)
    return module if module in MODULES else None


def edges():
    """{module: {module it imports}} across app/ and analysis/. A package's __init__ importing
    its own submodules is its face, not an edge."""
    graph = {}
    for name in MODULES:
        graph[name] = set()
        for module, names, _ in imports_in(name):
            for reached in {target(module, imported) for imported in names or [None]}:
                if reached and reached != name and not (name in PACKAGES and within(reached, name)):
                    graph[name].add(reached)
    return graph


def circles(graph):
    """Each import circle found, as the list of modules around it, the first one repeated."""
    found, done = [], set()

    def visit(name, path):
        if name in path:
            found.append(path[path.index(name) :] + [name])
            return
        if name in done:
            return
        for imported in sorted(graph[name]):
            visit(imported, [*path, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
    return found


def test_analysis_imports_without_flask_in_a_fresh_interpreter():
    check = (
        "import analysis, analysis.themes, analysis.tracking, analysis.summary, "
        "analysis.sentiment; import sys; assert 'flask' not in sys.modules"
    )
    result = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


WALK_ANALYSIS = """
import importlib, pkgutil, sys
import analysis
names = [m.name for m in pkgutil.walk_packages(analysis.__path__, "analysis.")]
for name in names:
    importlib.import_module(name)
print(len(names))
print(" ".join(sorted(m for m in sys.modules
                      if m.split(".")[0] in ("app", "flask", "sqlite3", "sqlite_utils"))))
"""


def test_every_analysis_module_imports_without_flask_sqlite_or_the_app():
    result = subprocess.run(
        [sys.executable, "-c", WALK_ANALYSIS], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    count, loaded = result.stdout.split("\n")[:2]
    assert int(count) == len([m for m in MODULES if within(m, "analysis")]) - 1
    assert loaded == ""


def test_the_graph_sees_imports_inside_functions_and_through_faces():
    graph = edges()
    # app/db.py imports the migrations inside a function; migrations is not in the graph, but
    # app/__init__.py's function-level imports of app.cli and friends are its face.
    assert "app.cli" not in graph["app"]
    assert "app.weekly" in graph["app.cli.demo"]
    # "from app.store import get_service" reaches the module behind the store's face.
    assert "app.store.services" in graph["app.cli.common"]
    assert "app.store" not in graph["app.cli.common"]


def test_no_import_circles():
    found = circles(edges())
    assert not found, "import circles:\n" + "\n".join(" -> ".join(c) for c in found)


def test_the_circle_finder_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c", "a"]]


@pytest.mark.parametrize("name", [m for m in MODULES if within(m, "analysis")])
def test_analysis_never_imports_the_app(name):
    for module, _, line in imports_in(name):
        assert not within(module, "app"), f"{MODULES[name]}:{line} imports {module}"


def test_only_the_store_imports_its_own_modules():
    """Everyone else goes through app.store; tests may import a store module to monkeypatch it
    (import app.store.results as results_store), but not take names from it."""
    everywhere = source_modules("app", "analysis", "benchmarks", "migrations", "tests")
    offenders = []
    for name, path in everywhere.items():
        if within(name, "app.store"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                # "from app.store import results" takes a module; "... import get_service" does not.
                reached = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
                reached = [r for r in reached if r in MODULES]
            elif isinstance(node, ast.Import) and not within(name, "tests"):
                reached = [alias.name for alias in node.names]
            else:
                continue
            if any(r.startswith("app.store.") for r in reached):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, "import app.store, not its modules: " + ", ".join(offenders)


def modules_bound(tree):
    """{local name: app or analysis module} for each module an import binds to a name."""
    bound = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname and alias.name in MODULES:
                    bound[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                if f"{node.module}.{alias.name}" in MODULES:
                    bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return bound


def private(name):
    """Whether a name is private to its module (one leading underscore, not a dunder)."""
    return name.startswith("_") and not name.startswith("__")


def test_no_private_name_is_used_from_another_module():
    offenders = []
    for name, path in MODULES.items():
        where = path.relative_to(ROOT)
        offenders += [
            f"{where}:{line} takes {imported} from {module}"
            for module, names, line in imports_in(name)
            for imported in names
            if private(imported)
        ]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        bound = modules_bound(tree)
        offenders += [
            f"{where}:{node.lineno} uses {bound[node.value.id]}.{node.attr}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in bound
            and private(node.attr)
        ]
    assert not offenders, "\n".join(offenders)
