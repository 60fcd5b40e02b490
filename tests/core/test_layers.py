"""The house's layers: no import cycles, and the lower layers (domain, core) never import a feature."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "recruit"
LOWER = ("recruit.domain", "recruit.core")
# What the lower layers may import of the package besides themselves: configuration and the extensions.
SHARED = ("recruit.config", "recruit.extensions")


def module_name(path):
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_at_load(path, modules):
    """The recruit modules a module imports when it is loaded (module level, not inside functions).

    `from recruit import config` imports the module recruit.config; the package itself counts only for a
    name defined in it (create_app).
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("recruit"):
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("recruit"))
    return found


def graph():
    """Module → the modules it imports; a package a module sits in is no edge (Python loads it first)."""
    modules = {module_name(path): path for path in ROOT.rglob("*.py")}
    return {name: {target for target in imports_at_load(path, modules)
                   if target in modules and target != name and not name.startswith(f"{target}.")}
            for name, path in modules.items()}


def test_no_module_imports_itself_back_through_others():
    edges = graph()
    cycles = []

    def visit(node, path, seen):
        for target in edges[node]:
            if target == path[0]:
                cycles.append(" → ".join([*path, target]))
            elif target not in seen:
                seen.add(target)
                visit(target, [*path, target], seen)

    for start in edges:
        visit(start, [start], {start})
    assert not cycles, "import cycles:\n" + "\n".join(sorted(set(cycles))[:20])


def test_domain_and_core_import_no_feature():
    edges = graph()
    wrong = [f"{name} imports {target}" for name, targets in edges.items() if name.startswith(LOWER)
             for target in targets if not target.startswith((*LOWER, *SHARED))]
    assert not wrong, "\n".join(sorted(wrong))


def test_the_domain_is_free_of_flask():
    wrong = [str(path) for path in (ROOT / "domain").rglob("*.py")
             if any(name.split(".")[0] in ("flask", "flask_babel", "flask_wtf", "sqlalchemy")
                    for name in _third_party(path))]
    assert not wrong, wrong


def _third_party(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
