"""Secret references: one type (SecretRef), one resolver, used by every secret field of every config model."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from costlib.errors import ConfigError
from costlib.secret import SecretRef, check_secrets, secret_refs


def test_env_and_file_references_resolve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COSTLIB_T_SECRET", "  from-env\n")
    assert SecretRef.parse("env:COSTLIB_T_SECRET").resolve("k").get_secret_value() == "from-env"
    (tmp_path / "s.txt").write_text("from-file\n")
    assert SecretRef.parse(f"file:{tmp_path / 's.txt'}").resolve("k").get_secret_value() == "from-file"
    assert SecretRef.parse("file:s.txt").resolve("k", base=tmp_path).get_secret_value() == "from-file"


def test_missing_references_name_the_key_and_never_a_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COSTLIB_T_UNSET", raising=False)
    with pytest.raises(ConfigError, match=r"^c.yaml: sources\[0\].client_secret: environment variable COSTLIB_T_UNSET "
                                          r"is not set$"):
        SecretRef.parse("env:COSTLIB_T_UNSET").resolve("c.yaml: sources[0].client_secret")
    with pytest.raises(ConfigError, match=r"server.token: cannot read secret file .*nope.txt: No such file"):
        SecretRef.parse("file:nope.txt").resolve("server.token", base=tmp_path)
    with pytest.raises(ValueError, match="secrets are references") as info:
        SecretRef.parse("hunter2")
    assert "hunter2" not in str(info.value)
    for bad in ("env:", "file:  ", "vault:x", ""):
        with pytest.raises(ValueError, match="secrets are references"):
            SecretRef.parse(bad)


def test_a_resolved_secret_never_shows_in_repr_or_str(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COSTLIB_T_SECRET", "s3cr3t-value")
    ref = SecretRef.parse("env:COSTLIB_T_SECRET")
    value = ref.resolve("k")
    assert "s3cr3t-value" not in f"{ref!r} {ref} {value!r} {value}"


class _Inner(BaseModel):
    password: SecretRef | None = None


class _Outer(BaseModel):
    token: SecretRef
    items: list[_Inner] = []
    by_name: dict[str, _Inner] = {}


def test_every_reference_of_a_model_is_found_and_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    model = _Outer.model_validate({"token": "env:COSTLIB_T_A", "items": [{}, {"password": "env:COSTLIB_T_B"}],
                                   "by_name": {"x": {"password": "file:/nonexistent/costlib-secret"}}})
    assert [loc for loc, _ in secret_refs(model)] == [("token",), ("items", 1, "password"), ("by_name", "x", "password")]
    assert model.model_dump(mode="json")["token"] == "env:COSTLIB_T_A"  # serialized as the reference
    monkeypatch.setenv("COSTLIB_T_A", "a")
    monkeypatch.delenv("COSTLIB_T_B", raising=False)
    with pytest.raises(ConfigError, match=r"^f.yaml: items\[1\].password: environment variable COSTLIB_T_B"):
        check_secrets(model, where="f.yaml")
    monkeypatch.setenv("COSTLIB_T_B", "b")
    with pytest.raises(ConfigError, match=r"^f.yaml: by_name.x.password: cannot read secret file"):
        check_secrets(model, where="f.yaml")


_SECRET_NAMES = ("secret", "password", "token", "routing_key", "access_key")


def _models() -> list[type[BaseModel]]:
    import costlib.daemon.config as daemon_config
    import costlib.spend.config as spend_config

    return [v for m in (daemon_config, spend_config) for v in vars(m).values()
            if isinstance(v, type) and issubclass(v, BaseModel) and v.__module__ == m.__name__]


def test_every_secret_field_of_every_config_model_is_a_secret_ref() -> None:
    """A new secret field typed as str would be passed to its SDK literally: every field named like a secret
    is a SecretRef (or None), so it is resolved, checked at load and redacted like the others."""
    seen = []
    for model in _models():
        for name, info in model.model_fields.items():
            if any(word in name for word in _SECRET_NAMES):
                args = set(typing.get_args(info.annotation)) or {info.annotation}
                assert args <= {SecretRef, type(None)}, f"{model.__name__}.{name} is {info.annotation}"
                seen.append(f"{model.__name__}.{name}")
    assert {"CostExplorerSettings.secret_access_key", "AzureCostManagementSettings.client_secret",
            "EmailChannelSettings.password", "ServerSettings.token"} <= set(seen)
