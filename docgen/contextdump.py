"""The computed context as YAML, for template authors and reviewers."""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Mapping

import yaml


class _Dumper(yaml.SafeDumper):
    """Decimals print as plain numbers (117.20 stays 117.20); no anchors or aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", str(value))


_Dumper.add_representer(Decimal, _decimal)


def context_yaml(context: Mapping[str, Any]) -> str:
    """``context`` as readable YAML, keys in pipeline order."""
    return yaml.dump(dict(context), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
