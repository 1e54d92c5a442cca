"""rehab-tui: a pain-guided Achilles tendinopathy rehab player for the terminal."""
