"""Terragrunt units: a local module source with inputs is estimated with them; what is not followed is said."""

from __future__ import annotations

from pathlib import Path

from costlib.inputs import SourceOptions, load_resources

FIXTURES = Path(__file__).parent / "fixtures" / "terragrunt"


def test_a_unit_is_estimated_with_its_inputs() -> None:
    specs = load_resources(FIXTURES / "live" / "prod", SourceOptions(env={}, display="live/prod"))
    assert [s.address for s in specs] == ["aws_instance.web[0]", "aws_instance.web[1]"]  # instances = 2
    web = specs[0]
    assert web.attributes["instance_type"] == "m5.large"  # evaluated from terragrunt locals
    assert web.location == "modules/app/main.tf:17"
    assert web.unknown == ("subnet_id",)  # from a dependency: not the module's default
    notes = " ".join(web.notes)
    assert "include blocks are not followed" in notes and "dependency outputs" in notes
    assert "terragrunt input subnet_id is not known" in notes


def test_a_remote_source_is_said_not_followed() -> None:
    (spec,) = load_resources(FIXTURES / "live" / "remote" / "terragrunt.hcl", SourceOptions(env={}))
    assert spec.type.startswith("terragrunt:git::https://example.com/modules.git")
    assert "remote" in spec.notes[0] and "nothing in it is estimated" in spec.notes[0]
