"""`tools/spec_diff.py`: the spec change report, and regenerating from a changed spec."""
