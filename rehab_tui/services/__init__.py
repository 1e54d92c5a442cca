"""The use-case layer both faces share: `rehab.Rehab` (every use case), `results` (what they
return), `planning` (today's plan from the store)."""
