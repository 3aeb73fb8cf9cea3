"""GCP types known to cost money that costlib does not price yet, each with the reason an estimate shows."""

from costlib.resources.registry import not_yet

not_yet("not priced yet: its billing dimensions (environment size, workers, database, web server) are not "
        "modelled", "google_composer_environment")
not_yet("not priced yet: sole-tenant node hours by node type are not modelled", "google_compute_node_group")
not_yet("not priced yet: TPU hours by accelerator type are not modelled", "google_tpu_node", "google_tpu_v2_vm")
