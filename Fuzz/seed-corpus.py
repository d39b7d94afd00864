#!/usr/bin/env python3
"""Writes the checked-in seed corpus of the fuzz targets (Fuzz/corpus/<target>/).

- frames:   every hex dump of Protocol/WIRE.md section 16 (exact wire bytes), plus the same
            frames back to back in one stream.
- envelope: the JSON payload of every section 16 example, plus a few envelope edge cases
            (the same seeds serve the json target: the scanner against the parser).
- params:   "<method>\\n<params JSON>" for every method the server stubs register, once
            with the required params only and once with every param, values built from the
            schema (types, enums, patterns, formats, bounds).

Run it again after changing WIRE.md or the contract: python3 Fuzz/seed-corpus.py
"""
import json
import os
import re
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Fuzz", "corpus")


def wire_examples():
    text = open(os.path.join(ROOT, "Protocol", "WIRE.md"), encoding="utf-8").read()
    section = text[text.index("## 16. Example frames"):text.index("## 17.")]
    frames = []
    for block in re.findall(r"```hex\n(.*?)```", section, re.S):
        data = bytearray()
        for line in block.strip().splitlines():
            line = line.strip()
            hexpart = line[10:].split("|")[0]
            data += bytes(int(b, 16) for b in hexpart.split())
        frames.append(bytes(data))
    return frames


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def frames_and_envelopes():
    frames = wire_examples()
    for i, frame in enumerate(frames):
        write("frames", "wire-16-%02d" % i, frame)
        payload = frame[4:]
        if payload:
            write("envelope", "wire-16-%02d.json" % i, payload)
            write("json", "wire-16-%02d.json" % i, payload)
    write("frames", "wire-16-all-back-to-back", b"".join(f for f in frames if len(f) > 4))
    write("frames", "partial-header", b"\x00\x00")
    write("frames", "zero-length", b"\x00\x00\x00\x00")
    write("frames", "too-large", b"\x00\x50\x00\x01{}")
    extra = {
        "batch-mixed.json": b'[{"jsonrpc":"2.0","id":1,"method":"Health.Check"},{"jsonrpc":"2.0","method":"$/ping"},{"foo":"boo"},1]',
        "empty-batch.json": b"[]",
        "meta-all-keys.json": b'{"jsonrpc":"2.0","id":"a","method":"Customers.Get","params":{"customerId":"cus_1"},"meta":{"authorization":"Bearer abc","timeoutMs":5000,"idempotencyKey":"k-1","traceparent":"00-0123456789abcdef0123456789abcdef-0123456789abcdef-01","streamWindow":16,"tenant":"x"}}',
        "meta-bad-type.json": b'{"jsonrpc":"2.0","id":2,"method":"X.Y","meta":{"timeoutMs":-1,"other":7}}',
        "cancel.json": b'{"jsonrpc":"2.0","method":"$/cancel","params":{"id":7}}',
        "credit.json": b'{"jsonrpc":"2.0","id":3,"method":"$/credit","params":{"id":"s","items":10000}}',
        "positional.json": b'{"jsonrpc":"2.0","id":4,"method":"X.Y","params":[1,2]}',
        "unicode.json": '{"jsonrpc":"2.0","id":"\\ud83d\\ude00é","method":"X.Y","params":{"a":"\\u0000\\n"}}'.encode(),
        "numbers.json": b'{"jsonrpc":"2.0","id":1.0,"method":"X.Y","params":{"a":-0,"b":1e308,"c":-9223372036854775808,"d":9223372036854775808}}',
        "duplicate-members.json": b'{"jsonrpc":"2.0","id":1,"id":2,"method":"X.Y","method":3}',
        "deep.json": b"[" * 70 + b"]" * 70,
    }
    for name, data in extra.items():
        write("envelope", name, data)
        write("json", name, data)


def resolve(schema, doc):
    while isinstance(schema, dict) and "$ref" in schema:
        path = schema["$ref"].lstrip("#/").split("/")
        node = doc
        for part in path:
            node = node[part]
        schema = node
    return schema


STRINGS = {
    "email": "admin@example.com", "domain": "example.com", "primarydomain": "example.com",
    "primaryadminemail": "admin@example.com", "alternateemail": "backup@example.net",
    "regioncode": "IT", "languagecode": "it", "timezone": "Europe/Rome", "postalcode": "20121",
    "locality": "Milano", "sku": "ws-business-standard-flex", "currency": "EUR", "billingmonth": "2026-03",
}


def value(schema, doc, name, full):
    schema = resolve(schema, doc)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in schema:
        out = {}
        required = set(schema.get("required", []))
        for key, sub in schema.get("properties", {}).items():
            if key in required or full:
                out[key] = value(sub, doc, key, full)
        return out
    if kind == "array":
        count = max(1, schema.get("minItems", 1))
        items = [value(schema.get("items", {}), doc, name, full) for _ in range(count)]
        return items
    if kind == "integer":
        low = schema.get("minimum", 1)
        return max(low, min(schema.get("maximum", 5), 5))
    if kind == "number":
        return schema.get("minimum", 1)
    if kind == "boolean":
        return False
    if kind == "string":
        pattern = schema.get("pattern")
        if pattern == "^[A-Z]{2}$":
            return "IT"
        if pattern == "^[A-Z]{3}$":
            return "EUR"
        if pattern == "^[0-9]{4}-[0-9]{2}$":
            return "2026-03"
        fmt = schema.get("format")
        if fmt == "email":
            return "admin@example.com"
        if fmt == "date-time":
            return "2026-03-02T09:00:00Z"
        if fmt == "byte":
            return "aGVsbG8="
        text = STRINGS.get(name.lower())
        if text is None:
            text = ("x_" + name) if name.lower().endswith("id") else "Sample " + name
        low, high = schema.get("minLength", 0), schema.get("maxLength", 10_000)
        if len(text) < low:
            text = text + "x" * (low - len(text))
        return text[:high]
    return None


def registered():
    """The methods the server stubs register (as Fuzz/build.sh's table does)."""
    folder = os.path.join(ROOT, "Sources", "PartnerAPI", "Services")
    names = set()
    for name in os.listdir(folder):
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        names.update(re.findall(r'registerPartner(?:Unary|Streaming)\("([^"]+)"', text))
    return names


def params():
    doc = json.load(open(os.path.join(ROOT, "Protocol", "partner.openrpc.json"), encoding="utf-8"))
    names = registered()
    for method in doc["methods"]:
        if method["name"] not in names:
            continue  # built-ins of the runtime (Health, rpc.discover): not PartnerAPI stubs
        for full in (False, True):
            out = {}
            for param in method.get("params", []):
                if param.get("required") or full:
                    out[param["name"]] = value(param.get("schema", {}), doc, param["name"], full)
            data = (method["name"] + "\n" + json.dumps(out, ensure_ascii=False, separators=(",", ":"))).encode()
            write("params", "%s%s" % (method["name"], ".all" if full else ""), data)


JSON_TOKENS = [
    "{", "}", "[", "]", ":", ",", '"', "true", "false", "null", "-0", "0.0", "1.5", "1e308", "1e999", "-1e-400",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808", "2147483647", "2147483648",
    "\\u0000", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\\"", "\\/", "\\b",
    "\\xc0\\x80", "\\xed\\xa0\\x80", "\\xf5", "\\xef\\xbb\\xbf", "\\x00",
]
ENVELOPE_TOKENS = [
    '"jsonrpc"', '"2.0"', '"id"', '"method"', '"params"', '"meta"', '"result"', '"error"',
    '"timeoutMs"', '"authorization"', '"idempotencyKey"', '"traceparent"', '"streamWindow"', '"items"',
    '"$/cancel"', '"$/credit"', '"$/ping"', '"$/item"', '"$/goaway"', '"Bearer "', '"Health.Check"',
    '"00-0123456789abcdef0123456789abcdef-0123456789abcdef-01"',
]


def dictionary(name, tokens):
    folder = os.path.join(ROOT, "Fuzz", "dict")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name + ".dict"), "w", encoding="utf-8") as f:
        f.write("# libFuzzer dictionary written by Fuzz/seed-corpus.py\n")
        for token in sorted(set(tokens)):
            f.write('"%s"\n' % token.replace("\\", "\\\\").replace('"', '\\"').replace("\\\\x", "\\x"))


def schema_tokens():
    doc = json.load(open(os.path.join(ROOT, "Protocol", "partner.openrpc.json"), encoding="utf-8"))
    tokens = set()

    def walk(node):
        if isinstance(node, dict):
            for key, sub in node.items():
                if key == "properties" and isinstance(sub, dict):
                    tokens.update('"%s"' % name for name in sub)
                if key == "enum" and isinstance(sub, list):
                    tokens.update('"%s"' % v for v in sub if isinstance(v, str))
                walk(sub)
        elif isinstance(node, list):
            for sub in node:
                walk(sub)

    walk(doc)
    for method in doc["methods"]:
        tokens.update('"%s"' % p["name"] for p in method.get("params", []))
    return sorted(tokens)


if __name__ == "__main__":
    shutil.rmtree(CORPUS, ignore_errors=True)
    frames_and_envelopes()
    params()
    dictionary("envelope", JSON_TOKENS + ENVELOPE_TOKENS)
    dictionary("json", JSON_TOKENS + ENVELOPE_TOKENS)
    dictionary("params", JSON_TOKENS + schema_tokens())
    for target in sorted(os.listdir(CORPUS)):
        print(target, len(os.listdir(os.path.join(CORPUS, target))), "seeds")
