"""Flag rule metrics (one module per source app) and the default rules.

Importing this package registers every metric: each module reads its source app
through that app's contract selectors (docs/contracts.md).
"""

from flags.rules import activity, evaluations, surveys, training  # noqa: F401  (registers the metrics)
