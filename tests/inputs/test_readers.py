"""The guarded readers (costlib.inputs.readers): size, nesting, encoding, literals, aliases, limits."""

from __future__ import annotations

import codecs
import contextlib
import datetime
import os
import threading
from decimal import Decimal
from pathlib import Path

import pytest

from costlib.errors import ConfigError, InputError
from costlib.inputs.readers import (
    Limits,
    check_document,
    check_resource_count,
    check_yaml,
    decode_text,
    parse_json,
    parse_yaml,
    read_bytes,
    read_document,
    read_json,
    read_yaml,
    resolve_limits,
)

# -- limits -------------------------------------------------------------------------------------------------


def test_the_limits_default_and_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (Limits().max_bytes, Limits().max_depth, Limits().max_resources) == (50 * 1024 * 1024, 64, 100_000)
    monkeypatch.setenv("COSTLIB_MAX_RESOURCES", "1_000")
    monkeypatch.setenv("COSTLIB_MAX_DEPTH", "8")
    monkeypatch.setenv("COSTLIB_MAX_INPUT_BYTES", "4096")
    assert resolve_limits(None) == Limits(max_bytes=4096, max_depth=8, max_resources=1000)
    assert resolve_limits(Limits(max_depth=3)).max_depth == 3  # the call wins over the environment
    monkeypatch.setenv("COSTLIB_MAX_RESOURCES", "-5")
    with pytest.raises(ConfigError, match="COSTLIB_MAX_RESOURCES: '-5' is not a whole number of 1 or more"):
        resolve_limits(None)
    monkeypatch.setenv("COSTLIB_MAX_RESOURCES", "\u00b2")  # a digit to str.isdigit, not to int()
    with pytest.raises(ConfigError, match="is not a whole number of 1 or more"):
        resolve_limits(None)
    with pytest.raises(ConfigError, match="Limits.max_resources"):
        Limits(max_resources=True)  # type: ignore[arg-type]


def test_a_count_over_the_limit_says_the_limit_and_how_to_raise_it() -> None:
    with pytest.raises(InputError) as err:
        check_resource_count(11, where="spec.yaml:3", limits=Limits(max_resources=10), what="count: 11 expands to")
    assert str(err.value) == ("spec.yaml:3: count: 11 expands to 11 resources, over the limit of 10 resources "
                              "(Limits.max_resources; --max-resources or COSTLIB_MAX_RESOURCES raises it)")
    check_resource_count(10, where="x", limits=Limits(max_resources=10))


# -- bytes and text -----------------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(b"{}" + b" " * 200)
    with pytest.raises(InputError) as err:
        read_bytes(path, limits=Limits(max_bytes=100))
    assert str(err.value) == (f"{path}: the file is 202 bytes, over the limit of 100 bytes (Limits.max_bytes; "
                              "COSTLIB_MAX_INPUT_BYTES raises it)")
    assert read_bytes(path, limits=Limits(max_bytes=202)) == path.read_bytes()
    with pytest.raises(InputError, match="is a folder"):
        read_bytes(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_that_says_no_size_is_cut_off_one_byte_past_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.json"
    os.mkfifo(fifo)

    def write(n: int) -> None:
        with fifo.open("wb") as fh, contextlib.suppress(BrokenPipeError):
            fh.write(b"x" * n)

    writer = threading.Thread(target=write, args=(5000,))
    writer.start()
    with pytest.raises(InputError, match="the file is over the limit of 100 bytes"):
        read_bytes(fifo, limits=Limits(max_bytes=100))
    writer.join()
    writer = threading.Thread(target=write, args=(50,))
    writer.start()
    assert read_bytes(fifo, limits=Limits(max_bytes=100)) == b"x" * 50
    writer.join()


@pytest.mark.parametrize(("data", "text"), [
    (b"{}", "{}"), (codecs.BOM_UTF8 + b"{}", "{}"), ("{\"a\": \"é\"}".encode("utf-16"), '{"a": "é"}'),
    ("{}".encode("utf-16-be") and codecs.BOM_UTF16_BE + "{}".encode("utf-16-be"), "{}"),
])
def test_utf8_with_or_without_a_bom_and_utf16_with_one_are_read(data: bytes, text: str) -> None:
    assert decode_text(data, where="plan.json") == text


@pytest.mark.parametrize(("data", "said"), [
    ("café".encode("latin-1"), "not UTF-8 text (byte 3 is 0xe9)"),
    ("{}".encode("utf-32"), "this is UTF-32 text"),
    (b"\x1f\x8b\x08\x00", "gzip archive"),
    (b"PK\x03\x04rest", "binary Terraform plan"),
    (codecs.BOM_UTF8 + "é".encode("latin-1"), "not UTF-8 text after its byte-order mark"),
])
def test_other_encodings_are_a_clear_error_naming_the_file(data: bytes, said: str) -> None:
    with pytest.raises(InputError) as err:
        decode_text(data, where="/some/spec.yaml")
    assert str(err.value).startswith("/some/spec.yaml: ") and said in str(err.value)


# -- JSON ---------------------------------------------------------------------------------------------------


def test_deep_json_is_refused_naming_line_and_column_never_a_recursion_error() -> None:
    for depth in (65, 100_000):  # one past the limit (read, then checked) and past Python's recursion limit
        text = '{"a":\n' + "[" * depth + "]" * depth + "}"
        with pytest.raises(InputError) as err:
            parse_json(text, where="plan.json")
        assert str(err.value) == "plan.json:2:64: nested deeper than 64 levels (Limits.max_depth; COSTLIB_MAX_DEPTH raises it)"
    assert parse_json("[" * 64 + "]" * 64, where="x") is not None
    with pytest.raises(InputError, match="nested deeper than 3 levels"):
        parse_json("[[[[]]]]", where="x", limits=Limits(max_depth=3))


@pytest.mark.parametrize(("literal", "said"), [
    ("NaN", "NaN is not a number costlib reads"), ("Infinity", "Infinity is not a number"),
    ("-Infinity", "-Infinity is not a number"), ("1e999", "1e999 is too large for a number"),
    ("9" * 5000, "a whole number of 5,000 digits"),
])
def test_json_literals_that_are_no_finite_number_are_refused_naming_the_place(literal: str, said: str) -> None:
    with pytest.raises(InputError) as err:
        parse_json('{"NaN": "NaN",\n "size": ' + literal + "}", where="plan.json")
    assert str(err.value).startswith("plan.json:2:10: ") and said in str(err.value)


def test_a_key_given_twice_is_an_error_where_asked() -> None:
    assert parse_json('{"a": 1, "a": 2}', where="x") == {"a": 2}  # a plan: as json reads it
    with pytest.raises(InputError, match="the key 'a' is given twice"):
        parse_json('{"a": 1, "a": 2}', where="x", unique_keys=True)


def test_read_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text('{"a": [1,\n  NaN]}')
    with pytest.raises(InputError, match=f"^{path}:2:3: NaN"):
        read_json(path)
    with pytest.raises(InputError, match="^shown.json:2:3: "):
        read_json(path, where="shown.json")


# -- YAML ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "a: " + "[" * 100_000 + "]" * 100_000,
    "x:\n" + "".join("  " * i + "-\n" for i in range(1, 3000)),
    "a: &a [[[[[[[[[[1]]]]]]]]]]\n" + "b: " + "[" * 60 + "*a" + "]" * 60,  # deep only once the alias is followed
])
def test_deep_yaml_is_refused_never_a_recursion_error(text: str) -> None:
    for mode in ("input", "config"):
        with pytest.raises(InputError, match=r"^f\.yaml:\d+: nested deeper than 64 levels"):
            parse_yaml(text, where="f.yaml", mode=mode)  # type: ignore[arg-type]


def test_aliases_that_explode_or_recurse_are_refused_and_plain_anchors_are_read() -> None:
    laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
    with pytest.raises(InputError, match="billion laughs"):
        parse_yaml(laughs, where="f.yaml")
    with pytest.raises(InputError, match="refers to a node that contains it"):
        parse_yaml("a: &a {b: [*a]}", where="f.yaml")
    with pytest.raises(InputError, match="refers to no anchor"):
        parse_yaml("a: *nope", where="f.yaml")
    doc = parse_yaml("base: &b {size: 10, type: gp3}\nx: {<<: *b, size: 20}\ny: *b\n", where="f.yaml")
    assert doc == {"base": {"size": 10, "type": "gp3"}, "x": {"size": 20, "type": "gp3"},
                   "y": {"size": 10, "type": "gp3"}}


@pytest.mark.parametrize(("text", "said"), [
    ("a: .nan", ".nan is not a number costlib reads"), ("a: [1, -.inf]", "-.inf is not a number"),
    ("a: 1.0e+999", "1.0e+999 is not a number"), ("a: " + "1" * 5000, "cannot be read"),
])
def test_yaml_numbers_that_are_not_finite_are_refused_naming_the_line(text: str, said: str) -> None:
    with pytest.raises(InputError) as err:
        parse_yaml("ok: 1\n" + text, where="f.yaml")
    assert str(err.value).startswith("f.yaml:2: ") and said in str(err.value)


def test_input_yaml_reads_as_json_types_and_config_yaml_as_yaml_does() -> None:
    assert parse_yaml("when: 2024-10-01\nbad: 2024-13-45\n", where="f") == {"when": "2024-10-01", "bad": "2024-13-45"}
    assert parse_yaml("when: 2024-10-01\n", where="f", mode="config") == {"when": datetime.date(2024, 10, 1)}
    with pytest.raises(ConfigError, match="^c.yaml:2: '2024-13-45' cannot be read: month must be in 1..12"):
        parse_yaml("ok: 1\nas_of: 2024-13-45\n", where="c.yaml", mode="config", error=ConfigError)
    for text, said in (("1: a", "the key '1' is read as int, not a name: quote it"),
                       ("on: a", "the key 'on' is read as bool"), ("a: 1\na: 2", "the key 'a' is given twice"),
                       ("a: !!set {x}", "YAML type set is not read here"), ("a: !!binary aGk=", "binary"),
                       ("a: 1\n---\nb: 2", "expected one YAML document"),
                       ("a: !!python/name:os.system", "not valid YAML")):
        with pytest.raises(InputError, match=said):
            parse_yaml(text, where="f")
    assert parse_yaml("1: a\na: !!set {x}", where="f", mode="config") == {1: "a", "a": {"x"}}


def test_read_yaml_names_the_file_and_takes_the_error_class(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes("state_dir: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ConfigError, match=f"^{path}: not UTF-8 text"):
        read_yaml(path, error=ConfigError, mode="config")
    with pytest.raises(ConfigError, match="file not found"):
        read_yaml(tmp_path / "gone.yaml", error=ConfigError)


def test_check_yaml_guards_text_another_reader_builds() -> None:
    check_yaml("Resources:\n  A: {Type: !Ref X}\n", where="t.yaml")  # CloudFormation's tags are not ours to build
    with pytest.raises(InputError, match=r"^t\.yaml:2: nested deeper"):
        check_yaml("Resources:\n  A: " + "[" * 70 + "]" * 70, where="t.yaml")


# -- documents ---------------------------------------------------------------------------------------------


def test_read_document_guards_a_request_body() -> None:
    assert read_document(codecs.BOM_UTF8 + b'{"a": 1}', where="request body") == {"a": 1}
    assert read_document(b"a: 1\n", where="request body", format="yaml") == {"a": 1}
    with pytest.raises(InputError, match="^request body: 201 bytes, over the limit of 200 bytes"):
        read_document(b" " * 201, where="request body", limits=Limits(max_bytes=200))
    with pytest.raises(InputError, match="^request body:1:7: NaN"):
        read_document(b'{"a": NaN}', where="request body")


@pytest.mark.parametrize(("doc", "said"), [
    ({"a": [{"b": float("nan")}]}, "a[0].b: nan is not a number costlib reads (a finite decimal, please)"),
    ({"a": Decimal("Infinity")}, "a: Infinity is not a number costlib reads (a finite decimal, please)"),
    ({"a": {1: 2}}, "a: the key 1 is not a name"),
    ({"a": [[[[[]]]]]}, "a[0][0]: nested deeper than 3 levels (Limits.max_depth; COSTLIB_MAX_DEPTH raises it)"),
])
def test_check_document_names_the_key_path(doc: object, said: str) -> None:
    with pytest.raises(InputError) as err:
        check_document(doc, where="request body", limits=Limits(max_depth=3))
    assert str(err.value) == f"request body: {said}"
    check_document({"a": [[1]]}, where="request body", limits=Limits(max_depth=3))
