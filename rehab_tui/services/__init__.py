"""The use-case layer both faces share: `rehab.Rehab` (every use case), `planning` (the plan)."""
