"""The ``costlib`` command: the same control plane as the library and the daemon, in the terminal."""
