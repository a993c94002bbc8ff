"""Benchmarks: scripts that print figures (relevance, speed, memory); tests only smoke-test them."""
