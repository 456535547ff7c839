//! Training loop driven epoch by epoch.
