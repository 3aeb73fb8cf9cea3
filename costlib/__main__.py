"""``python -m costlib`` runs the CLI."""

from costlib.cli.main import main

if __name__ == "__main__":
    main()
