"""Templates of the blind evaluation set (make_blind.py); see tests/quality/README.md."""
