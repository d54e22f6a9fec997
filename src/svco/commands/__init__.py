"""The ``svco`` subcommands, one module a concern; ``svco.cli`` registers each module's ``COMMANDS``."""
