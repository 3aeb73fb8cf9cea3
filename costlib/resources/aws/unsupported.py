"""AWS types known to cost money that costlib does not price yet, each with the reason an estimate shows."""

from costlib.resources.registry import not_yet

not_yet("billed by the volume of events, logs or resources analyzed; not priced yet",
        "aws_guardduty_detector",
        "aws_securityhub_account",
        "aws_inspector2_enabler",
        "aws_macie2_account",
        "aws_xray_sampling_rule",
        )
