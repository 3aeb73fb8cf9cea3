"""Secret references in spend sources reach the SDK resolved (never as the literal ``env:...`` text), are checked
when the config is loaded (a missing one names its key path), and never show in the redacted config or a repr.

One test per source type with secret fields (Cost Explorer: access keys; Azure Cost Management: a service
principal's client secret). The FOCUS file, BigQuery export and Athena sources have no secret fields: they use
the default credential chain of their SDK (`test_every_secret_field_of_every_config_model_is_a_secret_ref`
keeps any new one a SecretRef).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from costlib.daemon.config import load_config
from costlib.errors import ConfigError
from costlib.spend import build_source

AZURE_SOURCE = """sources:
  - name: azure-prod
    type: azure_cost_management
    scope: /subscriptions/00000000-0000-0000-0000-000000000000
    tenant_id: 11111111-1111-1111-1111-111111111111
    client_id: 22222222-2222-2222-2222-222222222222
    client_secret: {ref}
"""

CE_SOURCE = """sources:
  - name: aws-payer
    type: aws_cost_explorer
    access_key_id: {key_id}
    secret_access_key: {key}
"""


def test_cost_explorer_gets_the_resolved_access_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("boto3")
    monkeypatch.setenv("COSTLIB_T_AWS_KEY_ID", "AKIAEXAMPLEKEYID0001")
    (tmp_path / "aws-secret").write_text("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n")
    config = tmp_path / "c.yaml"
    config.write_text(CE_SOURCE.format(key_id="env:COSTLIB_T_AWS_KEY_ID", key="file:aws-secret"))  # relative: config dir
    loaded = load_config(config)
    source = build_source(loaded.sources[0], base=loaded.path("."))
    credentials = source.client._request_signer._credentials  # type: ignore[attr-defined]
    assert credentials.access_key == "AKIAEXAMPLEKEYID0001"
    assert credentials.secret_key == "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    shown = f"{loaded!r} {loaded.redacted()}"
    assert "AKIAEXAMPLEKEYID0001" not in shown and "wJalrXUtnFEMI" not in shown
    assert loaded.redacted()["sources"][0]["secret_access_key"] == "***"


def test_azure_cost_management_gets_the_resolved_client_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("azure.identity")
    pytest.importorskip("azure.mgmt.costmanagement")
    monkeypatch.setenv("COSTLIB_T_AZURE_SECRET", "az-s3cr3t~value")
    config = tmp_path / "c.yaml"
    config.write_text(AZURE_SOURCE.format(ref="env:COSTLIB_T_AZURE_SECRET"))
    loaded = load_config(config)
    source = build_source(loaded.sources[0], base=loaded.path("."))
    credential = source.client._config.credential  # type: ignore[attr-defined]  # what the SDK authenticates with
    assert type(credential).__name__ == "ClientSecretCredential"
    assert credential._client_credential == "az-s3cr3t~value"  # not "env:COSTLIB_T_AZURE_SECRET"
    assert credential._client_id == "22222222-2222-2222-2222-222222222222"
    assert "az-s3cr3t~value" not in f"{loaded!r} {loaded.redacted()}"


def test_a_missing_source_secret_fails_at_load_naming_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COSTLIB_T_UNSET_SECRET", raising=False)
    config = tmp_path / "c.yaml"
    config.write_text(AZURE_SOURCE.format(ref="env:COSTLIB_T_UNSET_SECRET"))
    with pytest.raises(ConfigError, match=r"c.yaml: sources\[0\].client_secret: environment variable "
                                          r"COSTLIB_T_UNSET_SECRET is not set"):
        load_config(config)
    config.write_text(CE_SOURCE.format(key_id="env:COSTLIB_T_UNSET_SECRET", key="file:/nonexistent/key"))
    with pytest.raises(ConfigError, match=r"sources\[0\].access_key_id: environment variable"):
        load_config(config)


def test_a_literal_secret_or_half_a_credential_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(AZURE_SOURCE.format(ref="plain-text-secret"))
    with pytest.raises(ConfigError, match=r"sources\[0\].client_secret: secrets are references") as info:
        load_config(config)
    assert "plain-text-secret" not in str(info.value)
    config.write_text(CE_SOURCE.format(key_id="env:X", key="null"))
    with pytest.raises(ConfigError, match=r"sources\[0\]: give both access_key_id and secret_access_key"):
        load_config(config)
    config.write_text(AZURE_SOURCE.format(ref="env:X").replace("    tenant_id: 11111111-1111-1111-1111-111111111111\n",
                                                                ""))
    with pytest.raises(ConfigError, match=r"sources\[0\]: client_secret needs tenant_id and client_id"):
        load_config(config)


def test_spend_show_checks_source_secrets_at_load(tmp_path: Path) -> None:
    """``costlib spend show --config`` reads the same source settings: the same check, the same key path."""
    config = tmp_path / "c.yaml"
    config.write_text(AZURE_SOURCE.format(ref="env:COSTLIB_T_UNSET_SECRET"))
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    run = subprocess.run([sys.executable, "-m", "costlib", "spend", "show", "--config", str(config), "--month",
                          "2024-09"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert (f"costlib: error: {config}: sources[0].client_secret: environment variable COSTLIB_T_UNSET_SECRET is not "
            "set") in run.stderr
    assert "Traceback" not in run.stderr
