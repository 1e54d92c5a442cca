"""rehab-tui's benchmarks: `python -m benchmarks [--quick]` from the repo root (see BENCHMARKS.md)."""
