"""An import-linter contract for what the built-in ones cannot say: which names a module takes
from a package (services may use flask's current_app, never its request or session)."""

import ast
import importlib.util
from pathlib import Path

from importlinter import Contract, ContractCheck, fields, output
from importlinter.domain.helpers import module_expressions_to_modules


class ForbiddenNamesContract(Contract):
    """source_modules may not import forbidden_names (`package.name`, like flask.session)."""

    type_name = "forbidden_names"

    source_modules = fields.ListField(subfield=fields.ModuleExpressionField())
    forbidden_names = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:
        forbidden = set(self.forbidden_names)  # type: ignore[attr-defined]
        modules = module_expressions_to_modules(graph, self.source_modules)  # type: ignore[attr-defined]
        found = [
            f"{module.name}:{line} imports {name}"
            for module in sorted(modules, key=lambda m: m.name)
            for line, name in _imported_names(module.name)
            if name in forbidden
        ]
        return ContractCheck(kept=not found, metadata={"found": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for line in check.metadata["found"]:
            output.print_error(line)
            output.new_line()


def _imported_names(module_name: str) -> list[tuple[int, str]]:
    """(line, "package.name") for every `from package import name` in the module, and
    (line, "package") for every `import package`."""
    spec = importlib.util.find_spec(module_name)
    tree = ast.parse(Path(spec.origin).read_text())
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
        elif isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
    return names
