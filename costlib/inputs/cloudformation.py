"""AWS CloudFormation templates (JSON or YAML, short-form tags ``!Ref`` ``!Sub`` ``!If`` ...) -> resource specs.

The template is read by cfn-lint's decoder (``cfnlint.decode``: the YAML short-form intrinsic tags, duplicate keys
refused, every node with its line). Parameters take their ``Default`` or a ``--parameter Key=Value``;
``Conditions`` and ``Mappings`` are evaluated from them, and a resource whose ``Condition`` is false is not
created. Each supported type's properties are mapped onto the Terraform resource type and attribute names the
plan reader produces (``AWS::EC2::Instance`` ``InstanceType`` -> ``aws_instance`` ``instance_type``), so the same
cost functions price both; the tables below are the whole mapping, one small entry per type.

A value that cannot be known before the stack exists (``!GetAtt``, a ``!Ref`` to a resource, ``!ImportValue``,
``AWS::AccountId``, an SSM parameter) is unknown, as ``after_unknown`` in a plan: named in
``ResourceSpec.unknown`` and never guessed. An ``AWS::*`` type without a mapping is listed with its own type, so
the estimate shows it as unsupported rather than dropping it. The region is ``region``, else ``AWS_REGION`` /
``AWS_DEFAULT_REGION``, else us-east-1, which is then said in the notes.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     p = pathlib.Path(d, "t.yaml")
...     _ = p.write_text("Parameters:\\n  Size: {Type: String, Default: t3.small}\\n"
...                      "Resources:\\n  Web:\\n    Type: AWS::EC2::Instance\\n"
...                      "    Properties: {InstanceType: !Ref Size}\\n")
...     [(s.address, s.type, dict(s.attributes), s.location.rsplit("/", 1)[-1])
...      for s in load_template(p, region="eu-west-1")]
[('Web', 'aws_instance', {'instance_type': 't3.small'}, 't.yaml:4')]
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from costlib.errors import InputError, require_extra
from costlib.inputs.code import is_cloudformation
from costlib.inputs.readers import Limits, check_resource_count, check_yaml, parse_json, read_text, resolve_limits
from costlib.models import ResourceSpec

__all__ = ["CFN_TYPES", "FREE_CFN_TYPES", "is_cloudformation", "load_template"]


@dataclass(frozen=True)
class _Block:
    """A CloudFormation property (an object, or a list of objects) that is a nested block in Terraform."""

    name: str
    props: Mapping[str, str]


@dataclass(frozen=True)
class _Type:
    """How one CloudFormation type maps onto a Terraform type: property (dotted path) -> attribute name."""

    terraform: str
    props: Mapping[str, str] = field(default_factory=dict)
    blocks: Mapping[str, _Block] = field(default_factory=dict)
    special: Callable[[dict[str, Any]], dict[str, Any]] | None = None


def _ec2_devices(props: dict[str, Any]) -> dict[str, Any]:
    """``BlockDeviceMappings`` -> ``root_block_device`` (``/dev/xvda``, ``/dev/sda1``) and ``ebs_block_device``."""
    out: dict[str, Any] = {}
    for dev in props.get("BlockDeviceMappings") or []:
        if not isinstance(dev, dict) or not isinstance(dev.get("Ebs"), dict):
            continue  # an instance-store (VirtualName) or NoDevice mapping costs nothing by itself
        ebs = dev["Ebs"]
        block = {tf: ebs[cfn] for cfn, tf in (("VolumeSize", "volume_size"), ("VolumeType", "volume_type"),
                                              ("Iops", "iops"), ("Throughput", "throughput"),
                                              ("Encrypted", "encrypted"), ("DeleteOnTermination", "delete_on_termination"))
                 if cfn in ebs}
        name = dev.get("DeviceName")
        if name in ("/dev/xvda", "/dev/sda1") and "root_block_device" not in out:
            out["root_block_device"] = [block]
        else:
            out.setdefault("ebs_block_device", []).append({"device_name": name, **block})
    return out


_LAMBDA = _Type("aws_lambda_function", {"MemorySize": "memory_size", "Architectures": "architectures",
                                         "Runtime": "runtime", "Timeout": "timeout", "FunctionName": "function_name",
                                         "Handler": "handler"},
                {"EphemeralStorage": _Block("ephemeral_storage", {"Size": "size"})})

#: CloudFormation type -> Terraform type and attribute names (only what costlib's cost functions or a reader of
#: the estimate needs; other properties are not carried over).
CFN_TYPES: Mapping[str, _Type] = {
    "AWS::EC2::Instance": _Type("aws_instance", {
        "InstanceType": "instance_type", "ImageId": "ami", "Tenancy": "tenancy", "AvailabilityZone": "availability_zone",
        "SubnetId": "subnet_id", "KeyName": "key_name", "EbsOptimized": "ebs_optimized", "Monitoring": "monitoring"},
        special=_ec2_devices),
    "AWS::EC2::Volume": _Type("aws_ebs_volume", {
        "AvailabilityZone": "availability_zone", "Size": "size", "VolumeType": "type", "Iops": "iops",
        "Throughput": "throughput", "Encrypted": "encrypted", "KmsKeyId": "kms_key_id"}),
    "AWS::RDS::DBInstance": _Type("aws_db_instance", {
        "DBInstanceClass": "instance_class", "Engine": "engine", "EngineVersion": "engine_version",
        "MultiAZ": "multi_az", "AllocatedStorage": "allocated_storage", "StorageType": "storage_type", "Iops": "iops",
        "StorageThroughput": "storage_throughput", "DBClusterIdentifier": "cluster_identifier"}),
    "AWS::RDS::DBCluster": _Type("aws_rds_cluster", {
        "Engine": "engine", "EngineMode": "engine_mode", "EngineVersion": "engine_version",
        "DBClusterInstanceClass": "db_cluster_instance_class", "AllocatedStorage": "allocated_storage",
        "StorageType": "storage_type", "Iops": "iops"},
        {"ServerlessV2ScalingConfiguration": _Block("serverlessv2_scaling_configuration",
                                                    {"MinCapacity": "min_capacity", "MaxCapacity": "max_capacity"})}),
    "AWS::ElastiCache::CacheCluster": _Type("aws_elasticache_cluster", {
        "CacheNodeType": "node_type", "Engine": "engine", "NumCacheNodes": "num_cache_nodes",
        "EngineVersion": "engine_version"}),
    "AWS::ElastiCache::ReplicationGroup": _Type("aws_elasticache_replication_group", {
        "CacheNodeType": "node_type", "Engine": "engine", "NumNodeGroups": "num_node_groups",
        "ReplicasPerNodeGroup": "replicas_per_node_group", "NumCacheClusters": "num_cache_clusters",
        "AutomaticFailoverEnabled": "automatic_failover_enabled", "MultiAZEnabled": "multi_az_enabled"}),
    "AWS::Lambda::Function": _LAMBDA,
    "AWS::Serverless::Function": _LAMBDA,
    "AWS::S3::Bucket": _Type("aws_s3_bucket", {"BucketName": "bucket"}),
    "AWS::DynamoDB::Table": _Type("aws_dynamodb_table", {
        "BillingMode": "billing_mode", "ProvisionedThroughput.ReadCapacityUnits": "read_capacity",
        "ProvisionedThroughput.WriteCapacityUnits": "write_capacity", "TableName": "name", "TableClass": "table_class"}),
    "AWS::SQS::Queue": _Type("aws_sqs_queue", {
        "FifoQueue": "fifo_queue", "QueueName": "name", "MessageRetentionPeriod": "message_retention_seconds"}),
    "AWS::EC2::NatGateway": _Type("aws_nat_gateway", {
        "ConnectivityType": "connectivity_type", "SubnetId": "subnet_id", "AllocationId": "allocation_id"}),
    "AWS::ElasticLoadBalancingV2::LoadBalancer": _Type("aws_lb", {
        "Type": "load_balancer_type", "Name": "name", "Scheme": "internal"}),
    "AWS::ElasticLoadBalancing::LoadBalancer": _Type("aws_elb", {"LoadBalancerName": "name"}),
    "AWS::EKS::Cluster": _Type("aws_eks_cluster", {"Name": "name", "Version": "version"}),
    "AWS::EKS::Nodegroup": _Type("aws_eks_node_group", {
        "InstanceTypes": "instance_types", "DiskSize": "disk_size", "CapacityType": "capacity_type",
        "AmiType": "ami_type", "ClusterName": "cluster_name"},
        {"ScalingConfig": _Block("scaling_config", {"DesiredSize": "desired_size", "MinSize": "min_size",
                                                    "MaxSize": "max_size"})}),
    "AWS::EC2::EIP": _Type("aws_eip", {"Domain": "domain"}),
    "AWS::KMS::Key": _Type("aws_kms_key", {
        "KeySpec": "customer_master_key_spec", "KeyUsage": "key_usage", "MultiRegion": "multi_region",
        "EnableKeyRotation": "enable_key_rotation"}),
    "AWS::Logs::LogGroup": _Type("aws_cloudwatch_log_group", {
        "LogGroupName": "name", "RetentionInDays": "retention_in_days", "LogGroupClass": "log_group_class"}),
}

#: CloudFormation types whose Terraform counterpart costlib lists as free (no properties needed).
FREE_CFN_TYPES: Mapping[str, str] = {
    "AWS::IAM::Role": "aws_iam_role", "AWS::IAM::Policy": "aws_iam_policy", "AWS::IAM::ManagedPolicy": "aws_iam_policy",
    "AWS::IAM::InstanceProfile": "aws_iam_instance_profile", "AWS::IAM::User": "aws_iam_user",
    "AWS::IAM::Group": "aws_iam_group", "AWS::EC2::SecurityGroup": "aws_security_group",
    "AWS::EC2::SecurityGroupIngress": "aws_vpc_security_group_ingress_rule",
    "AWS::EC2::SecurityGroupEgress": "aws_vpc_security_group_egress_rule", "AWS::EC2::VPC": "aws_vpc",
    "AWS::EC2::Subnet": "aws_subnet", "AWS::EC2::RouteTable": "aws_route_table", "AWS::EC2::Route": "aws_route",
    "AWS::EC2::SubnetRouteTableAssociation": "aws_route_table_association",
    "AWS::EC2::InternetGateway": "aws_internet_gateway", "AWS::EC2::NetworkAcl": "aws_network_acl",
    "AWS::EC2::NetworkAclEntry": "aws_network_acl_rule", "AWS::EC2::DHCPOptions": "aws_vpc_dhcp_options",
    "AWS::EC2::KeyPair": "aws_key_pair", "AWS::EC2::LaunchTemplate": "aws_launch_template",
    "AWS::EC2::PlacementGroup": "aws_placement_group", "AWS::EC2::EIPAssociation": "aws_eip_association",
    "AWS::ElasticLoadBalancingV2::TargetGroup": "aws_lb_target_group",
    "AWS::ElasticLoadBalancingV2::Listener": "aws_lb_listener",
    "AWS::ElasticLoadBalancingV2::ListenerRule": "aws_lb_listener_rule",
    "AWS::RDS::DBSubnetGroup": "aws_db_subnet_group", "AWS::RDS::DBParameterGroup": "aws_db_parameter_group",
    "AWS::RDS::DBClusterParameterGroup": "aws_rds_cluster_parameter_group",
    "AWS::ElastiCache::SubnetGroup": "aws_elasticache_subnet_group",
    "AWS::ElastiCache::ParameterGroup": "aws_elasticache_parameter_group",
    "AWS::S3::BucketPolicy": "aws_s3_bucket_policy", "AWS::KMS::Alias": "aws_kms_alias",
    "AWS::Lambda::Permission": "aws_lambda_permission", "AWS::SQS::QueuePolicy": "aws_sqs_queue_policy",
    "AWS::Logs::LogStream": "aws_cloudwatch_log_stream", "AWS::EKS::Addon": "aws_eks_addon",
    "AWS::SSM::Parameter": "aws_ssm_parameter",
}

#: Terraform attributes that are numbers / booleans (CloudFormation gives parameters as strings).
_NUMBERS = frozenset({"volume_size", "size", "iops", "throughput", "allocated_storage", "num_cache_nodes",
                      "num_node_groups", "replicas_per_node_group", "num_cache_clusters", "memory_size", "timeout",
                      "read_capacity", "write_capacity", "disk_size", "desired_size", "min_size", "max_size",
                      "retention_in_days", "min_capacity", "max_capacity", "message_retention_seconds",
                      "storage_throughput"})
_BOOLEANS = frozenset({"multi_az", "fifo_queue", "encrypted", "ebs_optimized", "monitoring", "multi_region",
                       "enable_key_rotation", "automatic_failover_enabled", "multi_az_enabled",
                       "delete_on_termination"})
_ID_LIKE = re.compile(r"(^|_)(ids?|arns?|names?|keys?)$")
_SUB = re.compile(r"\$\{([^}]*)\}")


class _Unknown:
    """A value known only once the stack exists."""

    __slots__ = ("why",)

    def __init__(self, why: str) -> None:
        self.why = why

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<unknown: {self.why}>"


_NO_VALUE = object()  # AWS::NoValue: the property is removed


class _Template:
    def __init__(self, doc: dict[str, Any], parameters: Mapping[str, str], region: str, where: str) -> None:
        self.doc, self.region, self.where = doc, region, where
        self.resources: dict[str, Any] = _section(doc, "Resources", where)
        self.mappings = _section(doc, "Mappings", where)
        self.conditions_raw = _section(doc, "Conditions", where)
        self.conditions: dict[str, Any] = {}
        self.params: dict[str, Any] = {}
        self.notes: list[str] = []
        declared = _section(doc, "Parameters", where)
        for name in parameters:
            if name not in declared:
                raise InputError(f"--parameter {name}: the template has no parameter {name!r} "
                                 f"(it has: {', '.join(sorted(declared)) or 'none'})", where=where)
        for name, decl in declared.items():
            decl = decl if isinstance(decl, dict) else {}
            ptype = str(decl.get("Type", "String"))
            if name in parameters:
                value: Any = parameters[name]
                allowed = decl.get("AllowedValues")
                if isinstance(allowed, list) and value not in [str(a) for a in allowed]:
                    raise InputError(f"--parameter {name}={value}: not one of its AllowedValues "
                                     f"({', '.join(str(a) for a in allowed)})", where=where)
            elif "Default" in decl:
                value = decl["Default"]
            else:
                self.params[name] = _Unknown(f"parameter {name} (no Default; pass --parameter {name}=...)")
                continue
            if ptype.startswith("AWS::SSM::Parameter::Value"):
                value = _Unknown(f"SSM parameter {value} (read when the stack is deployed)")
            elif ptype == "CommaDelimitedList" or ptype.startswith("List<"):
                value = value if isinstance(value, list) else [v.strip() for v in str(value).split(",")]
            else:
                value = value if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
            self.params[name] = value

    def pseudo(self, name: str) -> Any:
        partition = "aws-cn" if self.region.startswith("cn-") else "aws-us-gov" if self.region.startswith(
            "us-gov-") else "aws"
        known = {"AWS::Region": self.region, "AWS::Partition": partition,
                 "AWS::URLSuffix": "amazonaws.com.cn" if partition == "aws-cn" else "amazonaws.com"}
        if name in known:
            return known[name]
        if name == "AWS::NoValue":
            return _NO_VALUE
        return _Unknown(name)

    def ref(self, name: Any) -> Any:
        if not isinstance(name, str):
            raise InputError(f"Ref takes a name, not {name!r}", where=self.where)
        if name.startswith("AWS::"):
            return self.pseudo(name)
        if name in self.params:
            return self.params[name]
        if name in self.resources:
            return _Unknown(f"Ref {name}")
        raise InputError(f"Ref {name}: no parameter or resource of that name", where=self.where)

    def condition(self, name: Any) -> Any:
        """True, False, or an _Unknown."""
        if not isinstance(name, str) or name not in self.conditions_raw:
            raise InputError(f"condition {name!r} is not defined in Conditions", where=self.where)
        if name not in self.conditions:
            self.conditions[name] = _Unknown(f"condition {name} (it refers to itself)")
            self.conditions[name] = self.boolean(self.resolve(self.conditions_raw[name]), f"condition {name}")
        return self.conditions[name]

    def boolean(self, value: Any, what: str) -> Any:
        if isinstance(value, _Unknown | bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise InputError(f"{what} is not a boolean: {value!r}", where=self.where)

    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            items = [self.resolve(v) for v in value]
            return [v for v in items if v is not _NO_VALUE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            (fn, arg), = value.items()
            if fn == "Ref":
                return self.ref(arg)
            if fn == "Condition":
                return self.condition(arg)
            if fn == "Fn::GetAtt":
                target = arg if isinstance(arg, str) else ".".join(str(a) for a in arg) if isinstance(arg, list) else arg
                return _Unknown(f"GetAtt {target}")
            if fn == "Fn::ImportValue":
                return _Unknown(f"ImportValue {self.resolve(arg)}")
            if fn in ("Fn::GetAZs", "Fn::Cidr"):
                return _Unknown(fn.removeprefix("Fn::"))
            if fn == "Fn::Base64":
                return self.resolve(arg)
            if fn == "Fn::If":
                return self._if(arg)
            if fn == "Fn::Equals":
                a, b = self._args(arg, 2, fn)
                return a if isinstance(a, _Unknown) else b if isinstance(b, _Unknown) else str(a) == str(b)
            if fn in ("Fn::And", "Fn::Or"):
                parts = [self.boolean(v, fn) for v in self._args(arg, None, fn)]
                decided = [p for p in parts if not isinstance(p, _Unknown)]
                if (fn == "Fn::And" and False in decided) or (fn == "Fn::Or" and True in decided):
                    return fn == "Fn::Or"
                return next((p for p in parts if isinstance(p, _Unknown)), fn == "Fn::And")
            if fn == "Fn::Not":
                (inner,) = self._args(arg, 1, fn)
                inner = self.boolean(inner, fn)
                return inner if isinstance(inner, _Unknown) else not inner
            if fn == "Fn::FindInMap":
                return self._find_in_map(arg)
            if fn == "Fn::Sub":
                return self._sub(arg)
            if fn == "Fn::Join":
                delim, items = self._args(arg, 2, fn)
                if isinstance(items, _Unknown):
                    return items
                if not isinstance(items, list):
                    raise InputError(f"Fn::Join needs a list, got {items!r}", where=self.where)
                unknown = next((i for i in items if isinstance(i, _Unknown)), None)
                return unknown or str(delim).join(str(i) for i in items)
            if fn == "Fn::Select":
                index, items = self._args(arg, 2, fn)
                if isinstance(items, _Unknown) or isinstance(index, _Unknown):
                    return items if isinstance(items, _Unknown) else index
                try:
                    return items[int(index)]
                except (ValueError, IndexError, TypeError):
                    raise InputError(f"Fn::Select index {index!r} is out of range", where=self.where) from None
            if fn == "Fn::Split":
                delim, text = self._args(arg, 2, fn)
                return text if isinstance(text, _Unknown) else str(text).split(str(delim))
            if fn == "Fn::Length":
                items = self.resolve(arg)
                return items if isinstance(items, _Unknown) else len(items)
            if fn == "Fn::ToJsonString":
                inner = self.resolve(arg)
                return inner if _contains_unknown(inner) else json.dumps(inner, default=str)
            if fn.startswith("Fn::"):
                return _Unknown(f"{fn} (not evaluated by costlib)")
        return {k: v for k, v in ((k, self.resolve(v)) for k, v in value.items()) if v is not _NO_VALUE}

    def _args(self, arg: Any, count: int | None, fn: str) -> list[Any]:
        if not isinstance(arg, list) or (count is not None and len(arg) != count):
            raise InputError(f"{fn} takes a list of {count or 'some'} items, got {arg!r}", where=self.where)
        return [self.resolve(a) for a in arg]

    def _if(self, arg: Any) -> Any:
        if not isinstance(arg, list) or len(arg) != 3:
            raise InputError(f"Fn::If takes [condition, if true, if false], got {arg!r}", where=self.where)
        decided = self.condition(arg[0])
        if isinstance(decided, _Unknown):
            a, b = self.resolve(arg[1]), self.resolve(arg[2])
            return a if a == b and not isinstance(a, _Unknown) else decided
        return self.resolve(arg[1] if decided else arg[2])

    def _find_in_map(self, arg: Any) -> Any:
        if not isinstance(arg, list) or len(arg) not in (3, 4):
            raise InputError(f"Fn::FindInMap takes [map, key, key], got {arg!r}", where=self.where)
        name, top, second = (self.resolve(a) for a in arg[:3])
        default = arg[3].get("DefaultValue") if len(arg) == 4 and isinstance(arg[3], dict) else None
        for part in (name, top, second):
            if isinstance(part, _Unknown):
                return part
        table = self.mappings.get(str(name))
        row = table.get(str(top)) if isinstance(table, dict) else None
        if isinstance(row, dict) and str(second) in row:
            return self.resolve(row[str(second)])
        if default is not None:
            return self.resolve(default)
        raise InputError(f"Fn::FindInMap: Mappings has no {name}.{top}.{second}", where=self.where)

    def _sub(self, arg: Any) -> Any:
        text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1]) if (
            isinstance(arg, list) and len(arg) == 2) else (None, None)
        if not isinstance(text, str) or not isinstance(variables, dict):
            raise InputError(f"Fn::Sub takes a string or [string, variables], got {arg!r}", where=self.where)
        values = {k: self.resolve(v) for k, v in variables.items()}
        unknown: list[_Unknown] = []

        def replace(m: re.Match[str]) -> str:
            name = m.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            if name in values:
                value = values[name]
            elif "." in name and not name.startswith("AWS::"):
                value = _Unknown(f"GetAtt {name}")
            else:
                value = self.ref(name)
            if isinstance(value, _Unknown):
                unknown.append(value)
                return ""
            return ",".join(value) if isinstance(value, list) else str(value)

        out = _SUB.sub(replace, text)
        return unknown[0] if unknown else out


def _contains_unknown(value: Any) -> bool:
    if isinstance(value, _Unknown):
        return True
    if isinstance(value, dict):
        return any(_contains_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(_contains_unknown(v) for v in value)
    return False


def _section(doc: Mapping[str, Any], name: str, where: str) -> dict[str, Any]:
    value = doc.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError(f"{name} is not a mapping", where=where)
    return dict(value)


def _typed(name: str, value: Any) -> Any:
    """A property value with the type Terraform's attribute has (CloudFormation parameters are strings)."""
    if name in _NUMBERS and isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value.strip()):
        number = Decimal(value.strip())
        return int(number) if number == number.to_integral_value() else number
    if name in _BOOLEANS and isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if name == "internal" and isinstance(value, str):  # ELBv2 Scheme
        return value == "internal"
    return value


def _get(props: Mapping[str, Any], dotted: str) -> Any:
    value: Any = props
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _map(mapping: _Type, props: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Terraform-shaped attributes and the names (dotted inside blocks) of those known only after apply."""
    attrs: dict[str, Any] = {}
    unknown: list[str] = []

    def put(target: dict[str, Any], name: str, value: Any, path: str, top: str) -> None:
        if value is None:
            return
        if _contains_unknown(value):
            if isinstance(value, _Unknown):
                unknown.append(path)
                if path != top and not _ID_LIKE.search(name):
                    unknown.append(top)
                return
            value = _strip_unknown(value)
            unknown.append(path)
            if path != top and not _ID_LIKE.search(name):
                unknown.append(top)
        target[name] = _typed(name, value)

    for cfn, tf in mapping.props.items():
        put(attrs, tf, _get(props, cfn), tf, tf)
    tags = props.get("Tags")  # every type's tags, as Terraform's ``tags`` map (the policy file reads them)
    if isinstance(tags, _Unknown):
        unknown.append("tags")
    elif isinstance(tags, list | dict):
        pairs = [(t.get("Key"), t.get("Value")) for t in tags if isinstance(t, dict)] if isinstance(tags, list) \
            else list(tags.items())
        attrs["tags"] = {}
        for key, value in pairs:
            if isinstance(key, str):
                put(attrs["tags"], key, value if value is not None else "", f"tags.{key}", "tags")
    for cfn, block in mapping.blocks.items():
        value = props.get(cfn)
        if value is None:
            continue
        if isinstance(value, _Unknown):
            unknown.append(block.name)
            continue
        items = value if isinstance(value, list) else [value]
        shaped: list[dict[str, Any]] = []
        for i, item in enumerate(items):
            out: dict[str, Any] = {}
            for sub, tf in block.props.items():
                put(out, tf, item.get(sub) if isinstance(item, dict) else None, f"{block.name}.{i}.{tf}", block.name)
            shaped.append(out)
        attrs[block.name] = shaped
    if mapping.special is not None:
        for name, value in mapping.special(props).items():
            if isinstance(value, list):
                for i, item in enumerate(value):
                    for key in list(item):
                        if _contains_unknown(item[key]):
                            del item[key]
                            unknown.append(f"{name}.{i}.{key}")
                            if not _ID_LIKE.search(key):
                                unknown.append(name)
                        else:
                            item[key] = _typed(key, item[key])
            attrs[name] = value
    return attrs, list(dict.fromkeys(unknown))


def _strip_unknown(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_unknown(v) for k, v in value.items() if not isinstance(v, _Unknown)}
    if isinstance(value, list):
        return [_strip_unknown(v) for v in value if not isinstance(v, _Unknown)]
    return value


def _line(node: Any) -> int | None:
    mark = getattr(node, "start_mark", None)
    line = getattr(mark, "line", None)
    return line + 1 if isinstance(line, int) else None


def load_template(path: str | Path, *, parameters: Mapping[str, str] | None = None, region: str | None = None,
                  env: Mapping[str, str] | None = None, display: str | None = None, limits: Limits | None = None
                  ) -> list[ResourceSpec]:
    """Every resource a CloudFormation template creates with these parameters, as Terraform-shaped specs. The text
    is read by the guarded reader (size, encoding, nesting, aliases, NaN: :mod:`costlib.inputs.readers`) before
    cfn-lint decodes it, and a template with more resources than ``limits.max_resources`` is refused."""
    require_extra("cfnlint", "cloudformation")
    from cfnlint.decode import decode_str

    p = Path(path)
    lim = resolve_limits(limits)
    where = display if display is not None else str(path)
    if not p.is_file():
        raise InputError("file not found", where=where)
    text = read_text(p, limits=lim, where=where)
    if text.lstrip().startswith("{"):
        parse_json(text, where=where, limits=lim)
    else:
        check_yaml(text, where=where, limits=lim)
    doc, matches = decode_str(text)
    if doc is None or matches:
        first = matches[0] if matches else None
        line = getattr(first, "linenumber", None)
        message = getattr(first, "message", "not a CloudFormation template")
        raise InputError(f"not a valid template: {message}", where=f"{where}:{line}" if line else where)
    if not isinstance(doc, dict):
        raise InputError("a CloudFormation template is a mapping", where=where)
    environ = os.environ if env is None else env
    chosen = region or environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION")
    notes: list[str] = []
    if not chosen:
        chosen = "us-east-1"
        notes.append("the template's region is not given (--region, AWS_REGION or AWS_DEFAULT_REGION); "
                     "us-east-1 assumed")
    tpl = _Template(doc, parameters or {}, chosen, where)
    check_resource_count(len(tpl.resources), where=where, limits=lim, what="its Resources hold")
    if doc.get("Transform"):
        notes.append(f"Transform {doc['Transform']} is not applied: resources a macro would add are not estimated")
    specs: list[ResourceSpec] = []
    for name, res in tpl.resources.items():
        here = f"{where}:{_line(name)}" if _line(name) else f"{where}: Resources.{name}"
        if not isinstance(res, dict) or not isinstance(res.get("Type"), str):
            raise InputError(f"resource {name} has no Type", where=here)
        rnotes = list(notes)
        if "Condition" in res:
            decided = tpl.condition(res["Condition"])
            if decided is False:
                continue  # not created with these parameters
            if isinstance(decided, _Unknown):
                rnotes.append(f"its Condition {res['Condition']} cannot be evaluated ({decided.why}): counted as "
                              "created")
        cfn_type = res["Type"]
        props = res.get("Properties") or {}
        if not isinstance(props, dict):
            raise InputError("Properties is not a mapping", where=here)
        try:
            resolved = tpl.resolve(props)
        except InputError as exc:
            raise InputError(exc.message, where=here) from None
        mapping = CFN_TYPES.get(cfn_type)
        if mapping is not None:
            attrs, unknown = _map(mapping, resolved)
            rtype = mapping.terraform
            if cfn_type == "AWS::RDS::DBInstance" and ("cluster_identifier" in attrs or "cluster_identifier" in unknown):
                rtype = "aws_rds_cluster_instance"  # an Aurora cluster member
        else:
            attrs, unknown, rtype = {}, [], FREE_CFN_TYPES.get(cfn_type, cfn_type)
            if cfn_type == "AWS::CloudFormation::Stack":
                rnotes.append("nested stack: its TemplateURL is not followed; estimate that template on its own")
        specs.append(ResourceSpec(address=str(name), type=rtype, provider="aws", region=chosen, attributes=attrs,
                                  location=here, notes=tuple(rnotes), unknown=tuple(unknown)))
    return specs
