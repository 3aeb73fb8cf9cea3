"""The costlib daemon: config, scheduler, state store, notifiers, metrics and HTTP API."""
