"""Qt item models: thin adapters over records the services return."""
