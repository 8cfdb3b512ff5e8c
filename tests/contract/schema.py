# SPDX-License-Identifier: Apache-2.0
"""The published contract as JSON Schema (draft 4, what Swagger 2.0 builds on), checked with
Debian's python3-jsonschema.

Sources, all in this folder:
- rockset-openapi-0.9.2.json: the operations and definitions of the official JS client 0.9.2
  (rockset/rockset-js, swagger-generated.yaml); every operation declares a 200 (202) schema and
  ErrorModel for 400, 401, 403, 404, 405, 406, 408, 409, 415, 429, 500..503.
- rockset-openapi-0.8.2.json: the same for 0.8.2, used for the operations 0.9.2 dropped. It
  declares only 200, so an error answer of those operations is checked against 0.9.2's
  ErrorModel, which every 0.9.2 operation declares for every error status.
- nullable.json: Swagger 2.0 has no `nullable`, and the documents carry no x-nullable either, so
  a null would never match a typed property. The service's nullability is what the official
  Python client admits (its models list none_type per property); that table is nullable.json.
  A null anywhere else is a deviation (the Python client raises on it: `last_offset: null` in a
  QueryResponse is the case of issue #12).
"""
import copy
import json
import os

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))


def _load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return json.load(f)


def _is_float_token(checker, instance):
    return isinstance(instance, float)


def _x_float(validator, wanted, instance, schema):
    """`type: number` with `format: double|float` must be written as a float (`1.0`, not `1`):
    the Python client types these as float and rejects a JSON integer (issue #12,
    stats.fill_progress). An integral JSON number parses to a Python int, a fraction or an
    exponent to a float, so the token's form is checked here."""
    if wanted and isinstance(instance, int) and not isinstance(instance, bool):
        yield jsonschema.ValidationError("%r is an integer, not a float" % instance)


Validator = jsonschema.validators.extend(jsonschema.Draft4Validator, {"x-float": _x_float})


def _mark(schema, nullable_keys):
    """Adds the nullability of the properties named in nullable_keys and the float rule, in
    place, one level (definitions are reached through $ref, each marked on its own)."""
    props = schema.get("properties", {})
    for key, prop in props.items():
        _mark_value(prop)
        if key in nullable_keys:
            props[key] = _nullable(prop)
    if "items" in schema:
        _mark_value(schema["items"])


def _mark_value(s):
    if s.get("type") == "number" and s.get("format") in ("double", "float"):
        s["x-float"] = True
    if isinstance(s.get("items"), dict):
        _mark_value(s["items"])


def _nullable(prop):
    if "$ref" in prop:
        return {"anyOf": [{"$ref": prop["$ref"]}, {"type": "null"}]}
    p = dict(prop)
    if "type" in p:
        p["type"] = [p["type"], "null"]
    if "enum" in p:
        p["enum"] = list(p["enum"]) + [None]
    return p


class Contract:
    """Operations of both documents, by (method, path template) and by operationId."""

    def __init__(self):
        nullable = _load("nullable.json")["nullable"]
        self.docs = {}
        for ver in ("0.9.2", "0.8.2"):
            d = _load("rockset-openapi-%s.json" % ver)
            defs = copy.deepcopy(d["definitions"])
            for name, s in defs.items():
                _mark(s, set(nullable.get(name, ())))
            self.docs[ver] = {"defs": defs, "ops": d["operations"]}

    def find(self, method, template):
        """The operation of (method, path template), 0.9.2 first; (version, op) or None."""
        for ver in ("0.9.2", "0.8.2"):
            for op in self.docs[ver]["ops"]:
                if op["method"] == method and _same_template(op["path"], template):
                    return ver, op
        return None

    def response_schema(self, ver, op, status):
        """The JSON Schema for an answer, or None when the operation declares no schema."""
        ref = op["responses"].get(str(status))
        if ref is None and status >= 400:
            ver, ref = "0.9.2", {"$ref": "#/definitions/ErrorModel"}
        if ref is None:
            return None
        return dict(ref, definitions=self.docs[ver]["defs"])

    def inline(self, schema, ver="0.9.2"):
        """A schema of our own (extra rules) that may $ref the document's definitions."""
        return dict(schema, definitions=self.docs[ver]["defs"])


def _same_template(a, b):
    sa, sb = a.strip("/").split("/"), b.strip("/").split("/")
    if len(sa) != len(sb):
        return False
    return all(x == y or (x.startswith("{") and y.startswith("{")) for x, y in zip(sa, sb))


def json_path(parts):
    out = "$"
    for p in parts:
        out += "[%d]" % p if isinstance(p, int) else "." + str(p)
    return out


def _short(v, n=60):
    t = json.dumps(v, sort_keys=True) if not isinstance(v, str) or v != "absent" else v
    return t if len(t) <= n else t[: n - 3] + "..."


def _leaf_errors(err):
    """For anyOf (a nullable $ref), the errors of the non-null branch say what is wrong."""
    if err.validator == "anyOf" and err.context:
        sub = [e for e in err.context if e.schema_path and e.schema_path[0] != 1]
        if sub:
            for e in sub:
                yield from _leaf_errors(e)
            return
    yield err


def validate(schema, body):
    """Deviations as (json path, expected, got) triples."""
    out = []
    for top in Validator(schema).iter_errors(body):
        for e in _leaf_errors(top):
            path = list(e.absolute_path)
            if e.validator == "required":
                missing = [k for k in e.validator_value if k not in e.instance]
                for k in missing:
                    out.append((json_path(path + [k]), "present (required)", "absent"))
            elif e.validator == "type":
                out.append((json_path(path), "type %s" % _short(e.validator_value),
                            _short(e.instance)))
            elif e.validator == "enum":
                out.append((json_path(path), "one of %s" % _short(e.validator_value, 200),
                            _short(e.instance)))
            elif e.validator == "x-float":
                out.append((json_path(path), "a float (number, format double)",
                            _short(e.instance)))
            elif e.validator == "additionalProperties":
                out.append((json_path(path), "no undeclared keys", e.message))
            else:
                out.append((json_path(path), "%s %s" % (e.validator, _short(e.validator_value)),
                            _short(e.instance)))
    return sorted(set(out))


# Answers the validator must refuse, whichever python3-jsonschema version runs it (Debian
# bookworm ships 4.10): an integer where a float is declared, 1.0 where an integer is, null
# where nothing is nullable, a value outside an enum, a missing required key, a wrong type
# behind a nullable $ref.
_MUST_FAIL = [
    ("CollectionStats", {"fill_progress": 1}),
    ("CollectionStats", {"doc_count": 1.0}),
    ("QueryResponse", {"last_offset": None}),
    ("ApiKey", {"name": "k", "key": "x", "state": "DELETED"}),
    ("ApiKey", {"name": "k"}),
    ("GetCollectionResponse", {"data": {"stats": "x"}}),
]
_MUST_PASS = [
    ("CollectionStats", {"fill_progress": 1.0, "doc_count": 3, "last_queried_ms": None}),
    ("GetCollectionResponse", {"data": None}),
    ("ApiKey", {"name": "k", "key": "x", "state": None}),
]


def selfcheck():
    """Names of the samples the validator judged wrongly (empty when it works)."""
    c = Contract()
    bad = []
    for name, body in _MUST_FAIL + _MUST_PASS:
        errs = validate(c.inline({"$ref": "#/definitions/" + name}), body)
        if bool(errs) != ((name, body) in _MUST_FAIL):
            bad.append("%s %s" % (name, json.dumps(body)))
    return bad
