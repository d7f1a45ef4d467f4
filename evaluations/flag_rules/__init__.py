"""Flag rule metrics (one module per source app) and the default rules.

Importing this package registers every metric whose source app is installed.
"""
