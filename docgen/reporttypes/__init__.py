"""Built-in report types (registered through docgen's own entry points)."""
