"""Use cases: what a button does. Plain values in, plain values out; no Qt."""
