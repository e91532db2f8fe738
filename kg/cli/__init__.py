"""The ``kg`` command: thin Typer commands over the public API; nothing imports it."""
