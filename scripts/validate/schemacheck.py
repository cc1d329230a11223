"""A yes/no JSON Schema check compiled to Python source, about a hundred times faster than `jsonschema`.

It knows the keywords our record schema uses and is stricter than the standard where that is simpler
(an integer is a Python int, not 3.0), so "yes" always means valid; on "no" the full validator runs
to say what is wrong. A schema with any other keyword does not compile, and then only the full
validator is used.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples", "$defs"})
TYPE_TESTS = {"object": "type({v}) is dict", "array": "type({v}) is list", "string": "type({v}) is str",
              "integer": "type({v}) is int", "number": "type({v}) in (int, float)",
              "boolean": "type({v}) is bool", "null": "{v} is None"}


class Unsupported(Exception):
    """The schema uses a keyword this checker does not know."""


class _Compiler:
    """Writes one function per schema and per `$defs` entry it refers to; every test returns False on failure."""

    def __init__(self, root: dict) -> None:
        self.root, self.constants, self.functions, self.names = root, {}, [], {}
        self.variables = 0

    def constant(self, value: Any) -> str:
        name = f"C{len(self.constants)}"
        self.constants[name] = value
        return name

    def function(self, node: dict, name: str) -> str:
        self.variables = 0
        body = self.node(node, "x", 1) or ["    pass"]
        self.functions.append("\n".join([f"def {name}(x):", *body, "    return True"]))
        return name

    def node(self, node: dict, v: str, depth: int) -> list[str]:
        pad = "    " * depth
        lines: list[str] = []
        for keyword, value in node.items():
            if keyword in ANNOTATIONS:
                continue
            if keyword == "type":
                names = [value] if isinstance(value, str) else value
                test = " or ".join(TYPE_TESTS[name].format(v=v) for name in names)
                lines.append(f"{pad}if not ({test}): return False")
            elif keyword == "enum":
                if not all(item is None or type(item) is str for item in value):
                    raise Unsupported("enum of other than strings and null")
                members = self.constant(frozenset(value))
                lines.append(f"{pad}if not (({v} is None or type({v}) is str) and {v} in {members}): return False")
            elif keyword == "required":
                test = " and ".join(f"{name!r} in {v}" for name in value)
                lines.append(f"{pad}if type({v}) is dict and not ({test}): return False")
            elif keyword == "additionalProperties":
                if value is not False:
                    raise Unsupported("additionalProperties other than false")
                known = self.constant(frozenset(node.get("properties", {})))
                lines.append(f"{pad}if type({v}) is dict and not {known}.issuperset({v}): return False")
            elif keyword == "properties":
                lines += self.properties(value, v, depth)
            elif keyword == "items":
                item = self.variable()
                lines += [f"{pad}if type({v}) is list:", f"{pad}    for {item} in {v}:",
                          *(self.node(value, item, depth + 2) or [f"{pad}        pass"])]
            elif keyword == "$ref":
                lines.append(f"{pad}if not {self.reference(value)}({v}): return False")
            elif keyword == "minLength":
                lines.append(f"{pad}if type({v}) is str and len({v}) < {int(value)}: return False")
            elif keyword == "pattern":
                search = self.constant(re.compile(value).search)
                lines.append(f"{pad}if type({v}) is str and {search}({v}) is None: return False")
            elif keyword in ("minimum", "maximum"):
                sign = "<" if keyword == "minimum" else ">"
                lines.append(f"{pad}if type({v}) in (int, float) and {v} {sign} {float(value)!r}: return False")
            else:
                raise Unsupported(keyword)
        return lines

    def properties(self, fields: dict, v: str, depth: int) -> list[str]:
        pad = "    " * depth
        lines = [f"{pad}if type({v}) is dict:"]
        for name, sub in fields.items():
            field = self.variable()
            checks = self.node(sub, field, depth + 2)
            if checks:
                lines += [f"{pad}    {field} = {v}.get({name!r}, {v})", f"{pad}    if {field} is not {v}:", *checks]
        return lines if len(lines) > 1 else []

    def variable(self) -> str:
        self.variables += 1
        return f"v{self.variables}"

    def reference(self, ref: str) -> str:
        if not ref.startswith("#/"):
            raise Unsupported(f"$ref {ref}")
        if ref not in self.names:
            self.names[ref] = f"ref{len(self.names)}"
            target = self.root
            for part in ref[2:].split("/"):
                target = target[part]
            saved = self.variables
            self.function(target, self.names[ref])
            self.variables = saved
        return self.names[ref]


def compile_schema(schema: dict) -> Check | None:
    """A function telling whether an instance certainly conforms; None if the schema is beyond it."""
    compiler = _Compiler(schema)
    try:
        compiler.function(schema, "check")
    except Unsupported:
        return None
    namespace = dict(compiler.constants)
    exec("\n\n".join(compiler.functions), namespace)  # noqa: S102 - source written above from the schema
    return namespace["check"]
