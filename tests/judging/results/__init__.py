"""Tests of the pure results computation (judging.results); no database needed."""
